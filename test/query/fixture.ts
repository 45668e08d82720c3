/**
 * A small organisation for query integration tests, inserted by SQL with
 * fixed ids. Dates are relative to fixtureNow, 2026-11-20 12:00 UTC:
 * "within 90 days" ends on 2027-02-18 and "this month" is November 2026.
 *
 * The two manager questions have known answers:
 * - open P1 tickets from enterprise accounts with health below 60 renewing
 *   within 90 days: tickets 1 and 2 (Acme);
 * - open P1 bugs in the API component created this month: tickets 1 and 3
 *   in UTC, plus ticket 4 in Europe/Paris (created 2026-10-31 23:30 UTC,
 *   which is already 1 November there).
 */
import type { Queryable } from '../../src/store/index.ts';

export const fixtureNow = new Date('2026-11-20T12:00:00Z');

export const fixtureSql = `
insert into vocabulary_terms (vocabulary, key, label, position) values
  ('severity', 'low', 'Low', 1), ('severity', 'medium', 'Medium', 2), ('severity', 'high', 'High', 3);

insert into custom_field_definitions (entity, key, label, type, vocabulary) values
  ('ticket', 'impact_users', 'Users affected', 'number', null),
  ('ticket', 'severity', 'Severity', 'vocabulary', 'severity'),
  ('ticket', 'due', 'Due date', 'date', null),
  ('ticket', 'escalated', 'Escalated', 'boolean', null),
  ('account', 'industry', 'Industry', 'text', null);

insert into teams (id, key, name) overriding system value values (1, 'tier1', 'Tier 1'), (2, 'tier2', 'Tier 2');

insert into agents (id, email, name, role) overriding system value values
  (1, 'alice@casebook.test', 'Alice', 'agent'), (2, 'bob@casebook.test', 'Bob', 'agent');

insert into accounts (id, name, external_id, tier, arr, health_score, renewal_date, custom) overriding system value values
  (1, 'Acme', 'crm-1', 'enterprise', 250000, 45, '2027-01-15', '{"industry": "retail"}'),
  (2, 'Globex', 'crm-2', 'enterprise', 180000, 72, '2027-01-10', '{}'),
  (3, 'Initech', 'crm-3', 'enterprise', 90000, 50, '2027-06-01', '{}'),
  (4, 'Umbrella', 'crm-4', 'business', 40000, 40, '2026-12-15', '{"industry": "pharma"}'),
  (5, 'Hooli', 'crm-5', 'enterprise', 500000, 30, '2026-10-01', '{}');

insert into contacts (id, account_id, email, name) overriding system value values
  (1, 1, 'pat@acme.test', 'Pat'), (2, 2, 'sam@globex.test', 'Sam'), (3, null, 'lee@example.test', 'Lee');

insert into product_components (id, key, name, parent_id) overriding system value values
  (1, 'api', 'API', null), (2, 'api.auth', 'API authentication', 1), (3, 'api.webhooks', 'Webhooks', 1),
  (4, 'billing', 'Billing', null), (5, 'billing.invoices', 'Invoices', 4);

insert into tickets (id, subject, status, priority, category, channel, component_id, team_id, assignee_id, account_id,
                     requester_id, tags, custom, created_at, updated_at, first_response_at, solved_at)
overriding system value values
  (1, 'Token refresh fails', 'open', 'p1', 'bug', 'email', 2, 1, 1, 1, 1, '{}', '{}',
   '2026-11-05T10:00:00Z', '2026-11-19T10:00:00Z', '2026-11-05T10:30:00Z', null),
  (2, 'Invoice total wrong', 'open', 'p1', 'question', 'web', 4, 2, 2, 1, 1, '{}', '{}',
   '2026-10-20T09:00:00Z', '2026-11-18T09:00:00Z', '2026-10-20T10:00:00Z', null),
  (3, 'API returns 500 on list', 'open', 'p1', 'bug', 'api', 1, 1, null, 2, 2, '{}', '{"severity": "high", "impact_users": 1200}',
   '2026-11-18T08:00:00Z', '2026-11-18T08:00:00Z', '2026-11-18T08:20:00Z', null),
  (4, 'Webhook retries stop', 'open', 'p1', 'bug', 'email', 3, 1, 1, 3, null, '{}', '{"severity": "medium", "impact_users": 40}',
   '2026-10-31T23:30:00Z', '2026-11-01T09:00:00Z', null, null),
  (5, 'Rate limit too strict', 'pending', 'p1', 'bug', 'email', 1, 1, 2, 1, 1, '{}', '{}',
   '2026-11-10T12:00:00Z', '2026-11-12T12:00:00Z', '2026-11-10T13:00:00Z', null),
  (6, 'SDK docs outdated', 'open', 'p2', 'bug', 'web', 1, 2, null, 4, null, '{vip}', '{"due": "2026-12-01", "escalated": true}',
   '2026-11-15T12:00:00Z', '2026-11-15T12:00:00Z', '2026-11-15T14:00:00Z', null),
  (7, 'Duplicate invoice sent', 'open', 'p1', 'incident', 'phone', 5, 2, 1, 5, null, '{}', '{"escalated": false}',
   '2026-11-19T07:00:00Z', '2026-11-19T07:00:00Z', null, null),
  (8, 'Refund not processed', 'open', 'p1', 'bug', 'email', 4, 2, 2, 4, null, '{billing}', '{}',
   '2026-11-02T12:00:00Z', '2026-11-02T12:00:00Z', '2026-11-02T12:45:00Z', null),
  (9, 'Card declined on checkout', 'solved', 'p3', 'question', 'widget', null, null, 1, null, 3, '{}', '{}',
   '2026-09-01T12:00:00Z', '2026-09-02T12:00:00Z', '2026-09-01T12:10:00Z', '2026-09-02T12:00:00Z'),
  (10, 'Dark mode please', 'new', 'p4', 'feature_request', 'web', null, null, null, null, 3, '{vip,mobile}', '{"due": "2027-03-01"}',
   '2026-11-20T11:00:00Z', '2026-11-20T11:00:00Z', null, null);

insert into messages (ticket_id, kind, author_kind, body) values
  (9, 'public', 'customer', 'My card was declined twice at checkout.'),
  (2, 'public', 'customer', 'The invoice total does not match the order.'),
  (7, 'internal', 'agent', 'Customer reports the card declined message too.');

update tickets set search_document = to_tsvector('english', subject);
select casebook_refresh_search_document(array(select id from tickets));
`;

export async function seedQueryFixture(db: Queryable): Promise<void> {
  await db.exec(fixtureSql);
}
