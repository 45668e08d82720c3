import type { TicketTemplate } from './templates.ts';

/** Templates for feature requests, billing, account access and incidents. */
const featureRequests: TicketTemplate[] = [
  {
    category: 'feature_request', components: ['dashboards.charts', 'dashboards.charts', 'dashboards.exports'], tags: ['feature-request'],
    subjects: ['Feature request: {heatmap charts|funnel charts|annotations on charts}', 'Allow dashboard filters to be saved per user', 'Please add export to Google Sheets'],
    openings: ['Our analysts keep asking for {heatmap charts|funnel charts|annotations on charts}. Today they rebuild them in spreadsheets. Is this on the roadmap?', 'It would save our team hours a week if a dashboard could remember each user\'s last filters.', 'Our finance team lives in Google Sheets. Could scheduled exports write straight into a sheet instead of e-mailing CSV files?'],
    replies: ['Thanks for the clear use case. I have added your vote and your example to the request our product team tracks; I will update this ticket when it is scheduled.', 'This is a popular request. I have linked your ticket to it so the product team sees your use case.'],
    notes: ['Linked to product request PR-{issue} ({count} votes now).', 'Enterprise account, mention in the monthly roadmap review.'],
    resolutions: ['Good news: this shipped in today\'s release. You can find it in the chart editor. Thanks for the suggestion!', 'The request is on the roadmap for next quarter. I will close this ticket and the product team will follow up when it is in beta.'],
  },
  {
    category: 'feature_request', components: ['api.rest', 'integrations', 'mobile'], tags: ['feature-request'],
    subjects: ['Bulk endpoint for creating users', 'Integration with {HubSpot|Microsoft Teams|Snowflake}', 'Dark mode in the mobile app'],
    openings: ['We onboard {count} users per month and create them one call at a time. A bulk endpoint would help a lot.', 'Many of our teams live in {HubSpot|Microsoft Teams|Snowflake}. Any plans for a native integration?', 'Several of our field staff asked for a dark mode in the mobile app.'],
    replies: ['Thanks! I have logged your request with the product team and attached your volume numbers, which helps them size it.', 'Noted and passed on. Until then, our webhooks plus a small script cover most of this; I can send an example if useful.'],
    notes: ['Duplicate of PR-{issue}, added vote.'],
    resolutions: ['This is now part of the public roadmap. Closing this ticket; the product team will contact you for the beta.', 'Thanks again for the idea. It is logged and linked; closing this for now.'],
  },
];

const billing: TicketTemplate[] = [
  {
    category: 'billing', components: ['billing.invoices'], tags: ['billing', 'invoice'],
    subjects: ['Invoice {invoice} shows the wrong VAT number', 'Need a PO number on invoice {invoice}', 'Please resend invoice {invoice} to accounts payable'],
    openings: ['Invoice {invoice} lists our old VAT number. Our finance team cannot book it. Could you reissue it?', 'Our procurement requires PO {po} on every invoice. Could you add it to {invoice} and future invoices?', 'Our accounts payable team says invoice {invoice} never arrived. Could you send it again?'],
    replies: ['I have updated the billing profile and reissued {invoice} with the corrected details. The new PDF is on your billing page.', 'Done: the PO number is saved on your billing profile and {invoice} has been reissued with it.', 'I have resent {invoice} and added your accounts payable address as a billing contact, so future invoices reach them directly.'],
    notes: ['Credit note issued for the original {invoice}.', 'PO {po} added to the billing profile.', 'Billing contact changed, confirm with account owner before resending.'],
    resolutions: ['The corrected invoice is on its way to accounts payable. Closing this one.', 'Finance confirmed they could book it. Thanks, closing the ticket.', 'Accounts payable confirmed they received it. Closing this one.'],
  },
  {
    category: 'billing', components: ['billing.payments'], tags: ['billing', 'payment'],
    subjects: ['Card payment failed for invoice {invoice}', 'We were charged twice for {month}'],
    openings: ['Our card was declined for invoice {invoice} although it has funds. We do not want the account suspended.', 'Our statement shows two charges of {amount} for {month}. Please refund the duplicate.'],
    replies: ['The decline came from your bank\'s 3-D Secure check. I have paused dunning for 14 days so nothing is suspended; you can retry the payment from the billing page.', 'You are right, the second charge of {amount} was a retry that should have been cancelled. I have issued the refund; it takes 5-10 business days to appear.'],
    notes: ['Dunning paused until the end of the month.', 'Refund {amount} issued in the payment provider, reference re_{requestId}.'],
    resolutions: ['The payment went through and the invoice is marked paid. Closing this.', 'The refund has been processed. Sorry for the trouble; closing the ticket.'],
  },
  {
    category: 'billing', components: ['billing', 'billing.invoices'], tags: ['billing', 'plan-change'],
    subjects: ['Add {count} seats before renewal', 'Quote for upgrading to {plan}'],
    openings: ['We are growing and need {count} more seats. Can they be added now and prorated until the renewal?', 'Could you send a quote for moving from our current plan to {plan} with annual billing?'],
    replies: ['Sure. Adding {count} seats now costs {amount}, prorated to your renewal date. Shall I go ahead?', 'I have asked your account manager to prepare the quote; you will receive it within two business days.'],
    notes: ['Expansion opportunity, looped in the account manager.', 'Renewal within 60 days, coordinate with CSM.'],
    resolutions: ['The seats are added and the prorated invoice is on your billing page. Closing this.', 'The quote was sent and accepted. Closing the ticket.'],
  },
];

const accountAccess: TicketTemplate[] = [
  {
    category: 'account', components: ['auth.sso', 'auth.mfa'], tags: ['account-access'],
    subjects: ['Locked out after SSO certificate rotation', 'Lost my phone and need an MFA reset'],
    openings: ['We rotated our {idp} certificate this morning and now nobody can sign in. Please help, our team is blocked.', 'I lost my phone with the authenticator app and my recovery codes are on it. Can you reset MFA for {email}?'],
    replies: ['The SSO configuration still holds the old certificate. Your break-glass admin can upload the new one under Settings > SSO; I have also sent a one-time link to your owner account.', 'For security I need the workspace owner to confirm the reset by replying here. Once they do, I will reset MFA and you can enrol a new device.'],
    notes: ['Customer uploaded wrong certificate (signing vs encryption).', 'Identity verified through owner approval. MFA reset done.'],
    resolutions: ['Everyone can sign in again with the new certificate. Closing this.', 'MFA is reset and your new device is enrolled. Closing the ticket.'],
  },
  {
    category: 'account', components: ['auth'], tags: ['account-access', 'user-management'],
    subjects: ['Transfer workspace ownership', 'Change the e-mail domain of all users'],
    openings: ['Our workspace owner left the company. Please transfer ownership to me ({email}).', 'We changed our company domain. Can all users move to the new domain without losing their dashboards?'],
    replies: ['I can do that once an existing admin confirms by replying here; this protects you from takeover attempts.', 'Yes: add the new domain under Settings > Domains and we migrate the users in one step while keeping their content.'],
    notes: ['Confirmed by admin; ownership transferred.', 'Domain verification TXT record found.'],
    resolutions: ['Ownership is transferred and you now see the Owner badge in settings. Closing this.', 'All users moved to the new domain with their dashboards intact. Closing the ticket.'],
  },
];

const incidents: TicketTemplate[] = [
  {
    category: 'incident', components: ['dashboards.charts', 'api.rest', 'api.webhooks'], tags: ['outage'],
    subjects: ['Dashboards not loading for the whole team', 'All API requests time out', 'No webhooks delivered for the last hour'],
    openings: ['Nothing loads in {product} for any of our users since about {time} UTC. Is there an outage?', 'Every API call times out since {time} UTC. Our production pipeline is blocked.', 'Our endpoint has received no webhooks since {time} UTC, and the delivery log in {product} shows nothing sent.'],
    replies: ['We are investigating elevated error rates right now and will update you within 30 minutes. Our status page has the latest.', 'Thanks for reporting it. Engineering confirmed the issue and is working on a fix; I will keep you posted here.'],
    notes: ['Linked to the active incident. Send update when status page changes.'],
    resolutions: ['The issue is resolved and error rates are back to normal. A post-incident report will follow. Sorry for the disruption.', 'Service is fully restored. Thank you for your patience; closing this ticket.'],
  },
];

export const serviceTemplates: TicketTemplate[] = [...featureRequests, ...billing, ...accountAccess, ...incidents];
