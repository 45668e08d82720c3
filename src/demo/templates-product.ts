import type { TicketTemplate } from './templates.ts';

/** Templates for product questions and bugs. */
const questions: TicketTemplate[] = [
  {
    category: 'question', components: ['api.rest'], tags: ['api', 'how-to'],
    subjects: ['How do I paginate results from {endpoint}?', 'Pagination on {endpoint} returns only {count} rows', 'Best way to pull all records from {endpoint}'],
    openings: ['We are pulling data from {endpoint} into our warehouse and only get the first {count} rows. Is there a cursor or page parameter we should pass?', 'Our script calls {endpoint} nightly. What is the recommended way to page through large result sets without missing records?'],
    replies: ['{endpoint} uses cursor pagination: each response carries a `next_cursor` field, and you pass it back as `cursor` until it comes back empty. Page size goes up to 1,000 with `limit`.', 'Thanks for asking. The {endpoint} endpoint returns a `next_cursor`; keep requesting with `cursor=<value>` until it is null. Offsets are not supported because results can shift while you read.'],
    notes: ['Docs page on pagination does not mention the 1,000 row cap. Flagged to docs team.', 'Customer is on an old SDK version that ignores next_cursor.'],
    resolutions: ['Glad the cursor loop works. I have also linked the pagination guide in our developer docs for your team.', 'Great to hear the nightly job now pulls every record. I will close this one; reply any time if it comes back.'],
  },
  {
    category: 'question', components: ['dashboards.charts'], tags: ['dashboards', 'how-to'],
    subjects: ['Compare this month with the previous period in a chart', 'Can a chart use a custom fiscal calendar?'],
    openings: ['On our {dashboard} dashboard we would like each chart to show the previous period as a dotted line. Is that possible without duplicating every query?', 'Our fiscal year starts in {month}. Can charts group by fiscal quarter instead of calendar quarter?'],
    replies: ['Yes: open the chart editor, choose {Compare|Comparison} > Previous period, and the chart draws the earlier period as a dotted series. It works for line and bar charts.', 'You can set the fiscal year start under Workspace settings > Calendar; every chart that groups by quarter then follows it.'],
    notes: ['Comparison is not available on pie charts, customer may ask next.', 'Checked the workspace: calendar setting still on default.'],
    resolutions: ['Happy to hear the comparison works on {dashboard}. Closing this now.', 'The fiscal calendar is now set and the quarter charts line up with your reporting. Thanks for your patience.'],
  },
  {
    category: 'question', components: ['dashboards.exports'], tags: ['exports', 'how-to'],
    subjects: ['Schedule a weekly PDF of {dashboard}', 'Row limit for CSV exports'],
    openings: ['Our leadership wants the {dashboard} dashboard as a PDF every Monday at 8:00. How do we set that up?', 'Is there a row limit for CSV exports? We need about {count} rows from one table.'],
    replies: ['Open the dashboard, choose Share > Schedule, pick PDF, Monday 08:00 and your time zone, and add the recipients. External addresses need to be on your allowed domain list.', 'CSV exports from the UI stop at 100,000 rows. For larger tables the exports API streams the full result without that cap.'],
    notes: ['Recipient domain not on allow list, which is why the test mail did not arrive.', 'Customer hits the 100k UI cap. Pointed them to the exports API.'],
    resolutions: ['The schedule is in place and the first PDF went out this morning. Closing the ticket.', 'Glad the exports API covered the full table. Closing this one.'],
  },
  {
    category: 'question', components: ['auth.sso'], tags: ['sso', 'setup'],
    subjects: ['Which SAML attributes do you need for {idp}?', 'Can we enforce SSO for all users?'],
    openings: ['We are connecting {product} to {idp}. Which attributes must the assertion carry, and do you support group mapping?', 'Before we roll out SSO with {idp}, can we make it mandatory and still keep one break-glass admin login?'],
    replies: ['The assertion needs `email` as NameID plus `firstName` and `lastName`; a `groups` attribute maps to {product} roles under Settings > SSO > Role mapping.', 'Yes: turn on "Require SSO" and mark one owner as break-glass; that account keeps password plus MFA sign-in.'],
    notes: ['Enterprise SSO add-on is active on this account, no upsell needed.', 'Customer shared metadata XML; certificate expires in 40 days, mention it.'],
    resolutions: ['SSO with {idp} is live and the test users signed in with the right roles. Closing this now.', 'Good to hear the rollout went smoothly. Closing the ticket.'],
  },
  {
    category: 'question', components: ['integrations.slack', 'api.rate-limits', 'mobile'], tags: ['how-to'],
    subjects: ['Can Slack alerts go to a private channel?', 'What are the API rate limits on the {plan} plan?', 'Does the mobile app work offline?'],
    openings: ['We would like alerts from {product} to land in a private Slack channel. The channel does not appear in the picker.', 'We plan to sync every {count} seconds from our backend. What request rate does the {plan} plan allow?', 'Our field team often has no signal. Can they open dashboards in the mobile app offline?'],
    replies: ['Private channels appear once the {product} app is invited: type `/invite @Lumen` in the channel, then refresh the picker.', 'The {plan} plan allows 600 requests per minute per key, with bursts up to 100 per second. Responses carry `X-RateLimit-Remaining` so you can pace calls.', 'The mobile app caches the last viewed version of each starred dashboard, so starred dashboards open offline with a "last updated" banner.'],
    notes: ['Common question, we should add it to the FAQ.'],
    resolutions: ['Thanks for confirming it works now. Closing this one.', 'Glad that answers it. I will close the ticket; reply here if anything else comes up.'],
  },
];

const bugs: TicketTemplate[] = [
  {
    category: 'bug', components: ['dashboards.charts'], tags: ['dashboards', 'data-accuracy'],
    subjects: ['Totals on {dashboard} are wrong after time zone change', 'Chart shows gaps for several days in {month}'],
    openings: ['Since we switched the workspace time zone, the daily totals on {dashboard} no longer match our source data. {month} 14 shows {count} events, but our database has fewer.', 'The revenue chart on {dashboard} shows gaps for several days although the data is there when we query it directly.'],
    replies: ['Thanks for the detail. I can reproduce the mismatch: days are bucketed in UTC while the filter uses your workspace time zone. I have raised it with engineering.', 'I see the gaps too. The chart reads from a cached aggregate that did not refresh; I forced a rebuild and I am checking why it stalled.'],
    notes: ['Reproduced on staging, time zone offset applied twice in the aggregation. Linked to engineering ticket ANA-{issue}.', 'Aggregate refresh job stuck for this workspace since {date}; restarted it.'],
    resolutions: ['The fix for time zone bucketing shipped today and your daily totals now match. Thanks for reporting it.', 'The aggregates are rebuilt and the chart shows every day again. We also added monitoring on the refresh job.'],
  },
  {
    category: 'bug', components: ['dashboards.exports'], tags: ['exports'],
    subjects: ['CSV export fails with {ERR_EXPORT_TIMEOUT|ERR_EXPORT_TOO_LARGE}', 'Scheduled PDF for {dashboard} arrives blank'],
    openings: ['Exporting the {dashboard} dashboard to CSV fails after about a minute with {ERR_EXPORT_TIMEOUT|ERR_EXPORT_TOO_LARGE}. Request id {requestId}.', 'The scheduled PDF of {dashboard} has arrived blank for the last {count} days. Opening the dashboard in the browser works fine.'],
    replies: ['Thanks for the request id. The export hit the 60-second render limit. As a workaround, filter to a shorter range; meanwhile I have asked engineering to move large exports to the background queue.', 'I can see the blank renders in our logs: the PDF renderer timed out on one map widget. I am escalating it.'],
    notes: ['Export worker memory limit reached for datasets over 50 MB; known issue ANA-{issue}.', 'Headless renderer fails on the map widget with custom tiles.'],
    resolutions: ['Large exports now run in the background and e-mail a link when ready; your export finished in under two minutes. Closing this.', 'The renderer fix is deployed and this morning\'s PDF came through complete. Thanks for bearing with us.'],
  },
  {
    category: 'bug', components: ['api.rest', 'api.rate-limits'], tags: ['api'],
    subjects: ['{endpoint} returns HTTP 500 intermittently', 'Getting HTTP 429 far below our rate limit'],
    openings: ['About one in twenty calls to {endpoint} fails with HTTP 500. Example request id: {requestId}. Nothing changed on our side.', 'We get HTTP 429 responses at roughly {count} requests per minute, well below the documented limit for our plan.'],
    replies: ['Thanks, the request id helped. The 500s come from one query node that runs out of memory on wide date ranges. Engineering is on it; retries with backoff will succeed meanwhile.', 'I checked your keys: two integrations share one key, so their traffic adds up. Separate keys each get the full limit.'],
    notes: ['Node q-{count} OOM on wide range queries; ANA-{issue} opened.', 'Two integrations on one key, not a platform bug. Reclassify if confirmed.'],
    resolutions: ['The memory fix is deployed and the error rate on {endpoint} is back to zero for your workspace. Closing this.', 'With separate keys the 429s stopped. Closing this one.'],
  },
  {
    category: 'bug', components: ['api.webhooks'], tags: ['webhooks'],
    subjects: ['Webhook signature verification fails since {date}', 'Webhooks retried although we return 200'],
    openings: ['Since {date} our endpoint rejects every webhook because the HMAC signature does not match. We have not rotated the secret.', 'Webhook deliveries show as failed and are retried even though our endpoint returns HTTP 200 within a second.'],
    replies: ['We changed the signed payload to include the timestamp header on {date}. Verify against `timestamp + "." + body`; the docs now show it.', 'Our delivery log shows your endpoint answering after 12 seconds from our region; the timeout is 10 seconds. Can you check for slow DNS or a proxy?'],
    notes: ['Signature change went out without a changelog entry. Raised with product.', 'Delivery log: p95 latency to customer endpoint 11.8 s.'],
    resolutions: ['Verification passes again with the timestamp included. Sorry for the missing notice; closing this.', 'After moving the endpoint behind your new load balancer, deliveries succeed on the first attempt. Closing.'],
  },
  {
    category: 'bug', components: ['integrations.salesforce', 'integrations.slack'], tags: [],
    subjects: ['Salesforce sync stopped with {SF_TOKEN_EXPIRED|INVALID_FIELD_MAPPING}', 'Slack alerts arrive twice'],
    openings: ['The Salesforce sync has not run since {date}; the integration page shows {SF_TOKEN_EXPIRED|INVALID_FIELD_MAPPING}.', 'Every alert from {dashboard} is posted twice in our Slack channel since last week.'],
    replies: ['The Salesforce connection lost its refresh token, usually after a password reset of the connected user. Please reconnect under Integrations > Salesforce; the sync resumes from its last checkpoint.', 'Two copies of the Slack app are installed in your workspace, each with the alert subscription. Removing the older one stops the duplicates.'],
    notes: ['Refresh token revoked on {date}; no platform issue.', 'Duplicate app install, seen this three times this month. Suggest a warning in the UI.'],
    resolutions: ['The sync caught up overnight and all accounts are current. Closing the ticket.', 'Alerts arrive once now. Closing this one.'],
  },
  {
    category: 'bug', components: ['mobile', 'auth.mfa'], tags: [],
    subjects: ['iOS app crashes when opening {dashboard}', 'MFA code rejected on {device}'],
    openings: ['The iOS app closes right after I tap the {dashboard} dashboard. Device: {device}, app version {version}.', 'My authenticator codes are always rejected when I sign in on {device}, but they work on the web.'],
    replies: ['Thanks for the device details. We found a crash in version {version} with dashboards that contain map widgets; a fix is in review with the App Store.', 'Rejected codes usually mean the phone clock drifted. Please turn on automatic time on {device} and try again.'],
    notes: ['Crash reports match ANA-{issue}, fix in {version}.1.', 'Clock drift of 95 s on device per login logs.'],
    resolutions: ['Version {version}.1 is out and opens {dashboard} without crashing. Closing this.', 'Glad the codes work again after syncing the clock. Closing this one.'],
  },
];

export const productTemplates: TicketTemplate[] = [...questions, ...bugs];
