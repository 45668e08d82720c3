import type { TicketTemplate } from './templates.ts';

/**
 * Outages of the demo product. Each one creates a burst of tickets in the
 * hours after it starts, tagged `incident-<key>` so views can group them.
 */
export interface DemoIncident {
  key: string;
  /** Days before the reference date when the outage started. */
  daysAgo: number;
  startHourUtc: number;
  durationHours: number;
  /** Share of all incident-burst tickets that this outage receives. */
  share: number;
  template: TicketTemplate;
}

const resolutions = [
  'The incident is resolved and everything is back to normal since {resolvedTime} UTC. We will publish a post-incident report within five business days. Sorry for the disruption.',
  'Service has been fully restored. Our engineers found the root cause and the post-incident report will follow. Thank you for your patience.',
];

export const demoIncidents: DemoIncident[] = [
  {
    key: 'dashboards-outage', daysAgo: 124, startHourUtc: 14, durationHours: 5, share: 0.45,
    template: {
      category: 'incident', components: ['dashboards.charts'], tags: ['outage', 'dashboards'],
      subjects: ['Dashboards not loading', 'Charts stuck on a spinner', 'URGENT: {dashboard} dashboard down', 'Blank dashboards for all users'],
      openings: ['None of our dashboards load since about {time} UTC; the charts keep spinning. Is something down on your side?', 'Our {dashboard} dashboard shows a blank page for every user. We have a board meeting in two hours.', 'All charts fail with "query service unavailable". Please advise.'],
      replies: ['We are aware of an issue with chart rendering and our engineers are working on it right now. Updates are on our status page; I will also update this ticket.', 'Thanks for reporting this. It is part of an ongoing incident affecting dashboards. We will let you know as soon as it is resolved.'],
      notes: ['Linked to incident dashboards-outage. Query cluster failover in progress.', 'Enterprise customer with a board meeting; keep them updated every 30 minutes.'],
      resolutions,
    },
  },
  {
    key: 'webhooks-delay', daysAgo: 61, startHourUtc: 9, durationHours: 8, share: 0.35,
    template: {
      category: 'incident', components: ['api.webhooks'], tags: ['outage', 'webhooks'],
      subjects: ['Webhooks delayed by hours', 'No webhook deliveries since this morning', 'Events arriving late through webhooks'],
      openings: ['Our endpoint has received no webhooks since {time} UTC, although events are visible in {product}.', 'Webhook events are arriving {count} minutes late. Our downstream automations depend on them.'],
      replies: ['We are seeing a backlog in webhook delivery and our platform team is working on it. No events are lost; they will be delivered once the queue drains.', 'Confirmed: webhook delivery is delayed across customers. Events are queued and will arrive in order once we recover.'],
      notes: ['Delivery queue backlog at 2.1M events, consumers scaled up.', 'Linked to incident webhooks-delay.'],
      resolutions,
    },
  },
  {
    key: 'sso-login-failures', daysAgo: 17, startHourUtc: 7, durationHours: 3, share: 0.2,
    template: {
      category: 'incident', components: ['auth.sso'], tags: ['outage', 'sso'],
      subjects: ['SSO login fails with an error page', 'Nobody can sign in through {idp}', 'SAML error after sign-in redirect'],
      openings: ['Since {time} UTC every sign-in through {idp} ends on an error page saying "invalid assertion". Our whole team is locked out.', 'We get a SAML error after the redirect from {idp}. Password users are fine.'],
      replies: ['A change to our SAML validation is rejecting valid assertions. We are rolling it back now and will confirm here when sign-in works again.', 'We have identified the issue with SSO sign-in and are deploying a fix. Your configuration is correct; no action is needed on your side.'],
      notes: ['Clock skew tolerance was set to zero in the last auth release. Rollback in progress.'],
      resolutions,
    },
  },
];
