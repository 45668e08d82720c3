import type { Queryable } from '../store/index.ts';
import type { AccountPlan } from './accounts.ts';
import { insertRows } from './insert.ts';
import { mapIds, type OrganisationIds } from './persist-organisation.ts';
import type { Channel, TicketPlan } from './tickets.ts';

export interface AccountIds {
  accounts: Map<string, number>;
  /** Contact ids by lower-case e-mail. */
  contacts: Map<string, number>;
  inserted: { accounts: number; contacts: number; subscriptions: number; healthScores: number };
}

const accountColumns = ['external_id', 'name', 'domains', 'tier', 'arr', 'currency', 'plan', 'seats', 'renewal_date',
  'health_score', 'segment', 'region', 'crm_ids', 'created_at', 'updated_at'];
const contactColumns = ['external_id', 'account_id', 'email', 'name', 'phone', 'custom', 'created_at', 'updated_at'];
const subscriptionColumns = ['account_id', 'product', 'plan', 'seats', 'mrr', 'currency', 'started_on', 'renews_on', 'status', 'created_at', 'updated_at'];
const healthColumns = ['account_id', 'score', 'components', 'source', 'computed_at'];
const ticketColumns = ['source', 'external_id', 'subject', 'status', 'priority', 'category', 'channel', 'language', 'component_id',
  'team_id', 'assignee_id', 'account_id', 'requester_id', 'tags', 'created_at', 'updated_at', 'first_response_at', 'solved_at', 'closed_at'];
const messageColumns = ['ticket_id', 'external_id', 'kind', 'author_kind', 'author_agent_id', 'author_contact_id', 'body', 'channel', 'created_at'];

/** Source of demo tickets, which distinguishes them from real and imported ones. */
export const demoTicketSource = 'demo';

/**
 * Inserts accounts with their contacts, subscriptions and health history.
 * Accounts already present (same external id) are kept as they are, and a
 * contact whose e-mail exists is reused rather than duplicated.
 */
export async function writeAccounts(tx: Queryable, plans: AccountPlan[], now: Date): Promise<AccountIds> {
  const accountRows = await insertRows<{ id: number; external_id: string }>(tx, 'accounts', accountColumns, plans.map((plan) => [
    plan.externalId, plan.name, plan.domains, plan.tier, plan.arr, plan.currency, plan.plan, plan.seats, plan.renewalDate,
    plan.health[plan.health.length - 1].score, plan.segment, plan.region, JSON.stringify(plan.crmIds), plan.createdAt, now,
  ]), { onConflict: 'on conflict do nothing', returning: 'id, external_id' });
  const newAccounts = new Map(accountRows.map((row) => [row.external_id, row.id]));
  const accounts = await mapIds(tx, 'select id, external_id as key from accounts where external_id = any($1)', plans.map((plan) => plan.externalId));
  const fresh = plans.filter((plan) => newAccounts.has(plan.externalId));

  const contactRows = await insertRows(tx, 'contacts', contactColumns, fresh.flatMap((plan) => plan.contacts.map((contact) => [
    contact.externalId, newAccounts.get(plan.externalId), contact.email, contact.name, contact.phone, JSON.stringify({ title: contact.title }),
    plan.createdAt, plan.createdAt,
  ])), { onConflict: 'on conflict do nothing', returning: 'id' });
  const contacts = await mapIds(tx, 'select id, lower(email) as key from contacts where lower(email) = any($1)',
    plans.flatMap((plan) => plan.contacts.map((contact) => contact.email.toLowerCase())));

  const subscriptionRows = await insertRows(tx, 'subscriptions', subscriptionColumns, fresh.flatMap((plan) => plan.subscriptions.map((subscription) => [
    newAccounts.get(plan.externalId), subscription.product, subscription.plan, subscription.seats, subscription.mrr, plan.currency,
    subscription.startedOn, subscription.renewsOn, subscription.status, plan.createdAt, now,
  ])), { returning: 'id' });
  const healthRows = await insertRows(tx, 'health_scores', healthColumns, fresh.flatMap((plan) => plan.health.map((snapshot) => [
    newAccounts.get(plan.externalId), snapshot.score, JSON.stringify(snapshot.components), 'computed', snapshot.computedAt,
  ])), { returning: 'id' });

  return {
    accounts,
    contacts,
    inserted: { accounts: accountRows.length, contacts: contactRows.length, subscriptions: subscriptionRows.length, healthScores: healthRows.length },
  };
}

/** Inserts tickets and their messages in batches, skipping tickets already present (same source and external id). */
export async function writeTickets(tx: Queryable, plans: TicketPlan[], organisation: OrganisationIds, accountIds: AccountIds) {
  const agentId = (email: string | undefined) => (email ? organisation.agents.get(email.toLowerCase()) ?? null : null);
  const ticketRows = await insertRows<{ id: number; external_id: string }>(tx, 'tickets', ticketColumns, plans.map((plan) => [
    demoTicketSource, plan.externalId, plan.subject, plan.status, plan.priority, plan.category, plan.channel, 'en',
    organisation.components.get(plan.componentKey), organisation.teams.get(plan.teamKey), agentId(plan.assignee?.email),
    accountIds.accounts.get(plan.account.externalId), accountIds.contacts.get(plan.requester.email.toLowerCase()) ?? null, plan.tags,
    plan.createdAt, plan.updatedAt, plan.firstResponseAt, plan.solvedAt, plan.closedAt,
  ]), { onConflict: 'on conflict (source, external_id) do nothing', returning: 'id, external_id' });
  const ticketIds = new Map(ticketRows.map((row) => [row.external_id, row.id]));

  const messageRows = plans.filter((plan) => ticketIds.has(plan.externalId)).flatMap((plan) => plan.messages.map((message, index) => [
    ticketIds.get(plan.externalId), `${plan.externalId}-m${index + 1}`, message.kind, message.authorKind,
    agentId(message.agent?.email), message.contact ? accountIds.contacts.get(message.contact.email.toLowerCase()) ?? null : null,
    message.body, messageChannel(plan.channel, message.kind, message.authorKind, index), message.createdAt,
  ]));
  await insertRows(tx, 'messages', messageColumns, messageRows);
  await tx.query('select casebook_refresh_search_document($1::bigint[])', [[...ticketIds.values()]]);

  return { tickets: ticketRows.length, messages: messageRows.length };
}

/** Internal notes are written in the console. Replies to e-mail, phone, API and form tickets go out by e-mail. */
function messageChannel(ticketChannel: Channel, kind: string, authorKind: string, index: number): Channel {
  if (kind === 'internal') return 'web';
  if (authorKind === 'customer' && index === 0) return ticketChannel;
  return ticketChannel === 'chat' || ticketChannel === 'widget' ? ticketChannel : 'email';
}
