import type { Db, Queryable } from '../store/index.ts';
import type { ReferenceCache } from './references.ts';
import type { TicketDraft } from './types.ts';

export interface BatchResult {
  imported: number;
  updated: number;
}

interface TicketRef {
  id: number;
  externalId: string;
}

const ticketColumns = `source, external_id, subject, status, priority, category, channel, language,
  component_id, team_id, account_id, requester_id, tags, custom, created_at, search_document`;

/**
 * Inserts or updates tickets in row order, with the search document built
 * from the row's messages. A re-import keeps the stored document, which may
 * hold replies added since, unless the subject changed. A row without a date
 * inserts now(), and on update that same now() (the transaction start) marks
 * the date as absent, so the stored created_at is kept.
 */
const upsertTicketsSql = `insert into tickets (${ticketColumns})
    select u.source, u.external_id, u.subject, u.status, u.priority, u.category, u.channel, u.language,
      u.component_id, u.team_id, u.account_id, u.requester_id,
      array(select jsonb_array_elements_text(u.tags)), u.custom, coalesce(u.created_at, now()),
      to_tsvector('english', casebook_search_text(u.subject, u.message_text))
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
      $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::jsonb[], $14::jsonb[], $15::timestamptz[], $16::text[])
      as u(source, external_id, subject, status, priority, category, channel, language,
        component_id, team_id, account_id, requester_id, tags, custom, created_at, message_text)
    on conflict (source, external_id) do update set
      subject = excluded.subject, status = excluded.status, priority = excluded.priority,
      category = excluded.category, channel = excluded.channel, language = excluded.language,
      component_id = excluded.component_id, team_id = excluded.team_id, account_id = excluded.account_id,
      requester_id = excluded.requester_id, tags = excluded.tags, custom = excluded.custom,
      created_at = case when excluded.created_at = now() then tickets.created_at else excluded.created_at end,
      search_document = case when tickets.subject is distinct from excluded.subject
        then excluded.search_document else tickets.search_document end,
      updated_at = now(), version = tickets.version + 1
    returning id, external_id, (xmax = 0) as inserted`;

const insertMessagesSql = `insert into messages (ticket_id, external_id, kind, author_kind, author_contact_id, body, channel, created_at)
  select u.ticket_id, u.external_id, 'public', u.author_kind, u.author_contact_id, u.body, u.channel, coalesce(u.created_at, now())
  from unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::timestamptz[])
    as u(ticket_id, external_id, author_kind, author_contact_id, body, channel, created_at)
  on conflict (ticket_id, external_id) where external_id is not null do nothing`;

async function upsertTickets(tx: Queryable, source: string, drafts: TicketDraft[], references: ReferenceCache) {

  const column = <T>(pick: (draft: TicketDraft) => T) => drafts.map(pick);
  return tx.query<{ id: number; external_id: string; inserted: boolean }>(upsertTicketsSql, [
    column(() => source),
    column((draft) => draft.externalId),
    column((draft) => draft.subject),
    column((draft) => draft.status),
    column((draft) => draft.priority),
    column((draft) => draft.category),
    column((draft) => draft.channel),
    column((draft) => draft.language),
    column((draft) => references.componentId(draft.component?.key)),
    column((draft) => references.teamId(draft.team?.key)),
    column((draft) => references.accountId(draft)),
    column((draft) => references.contactId(draft.requesterEmail)),
    column((draft) => JSON.stringify(draft.tags)),
    column((draft) => JSON.stringify(draft.custom)),
    column((draft) => draft.createdAt),
    column((draft) => [draft.body, draft.reply ?? '', ...draft.extraMessages].join(' ')),
  ]);
}

/** Lists a ticket's messages with ids derived from its external id, so a re-import skips those already stored. */
function messagesOf(draft: TicketDraft, ticketId: number, references: ReferenceCache) {
  const requesterId = references.contactId(draft.requesterEmail);
  const customer = (externalId: string, body: string) => ({ ticketId, externalId, authorKind: 'customer', contactId: requesterId, body });
  const messages = [customer(`${draft.externalId}:0`, draft.body)];

  if (draft.reply) {
    messages.push({ ticketId, externalId: `${draft.externalId}:reply`, authorKind: 'agent', contactId: null, body: draft.reply });
  }
  draft.extraMessages.forEach((body, index) => messages.push(customer(`${draft.externalId}:${index + 1}`, body)));

  return messages.map((message) => ({ ...message, channel: draft.channel, createdAt: draft.createdAt }));
}

async function insertMessages(tx: Queryable, drafts: TicketDraft[], tickets: Map<string, TicketRef>, references: ReferenceCache) {
  const messages = drafts.flatMap((draft) => messagesOf(draft, tickets.get(draft.externalId)!.id, references));

  await tx.query(insertMessagesSql, [
    messages.map((message) => message.ticketId),
    messages.map((message) => message.externalId),
    messages.map((message) => message.authorKind),
    messages.map((message) => message.contactId),
    messages.map((message) => message.body),
    messages.map((message) => message.channel),
    messages.map((message) => message.createdAt),
  ]);
}

/** Creates or finds the teams, components, accounts and contacts a batch names, in a transaction of their own. */
export async function writeReferences(db: Db, batch: TicketDraft[], references: ReferenceCache) {
  await db.transaction(async (tx) => {
    await references.ensureNamed(tx, batch);
    await references.ensureAccounts(tx, batch);
    await references.ensureContacts(tx, batch);
  });
}

/**
 * Writes one batch in one transaction: the tickets (insert or update on
 * source and external id), their messages and one audit entry. The batch's
 * references must exist already (writeReferences). A row whose external id
 * repeats inside the batch replaces the earlier one and counts as an update,
 * as it would in a later batch.
 */
export async function writeBatch(db: Db, context: { source: string; file: string; batch: number }, batch: TicketDraft[], references: ReferenceCache): Promise<BatchResult> {
  const unique = [...new Map(batch.map((draft) => [draft.externalId, draft])).values()];
  const repeated = batch.length - unique.length;

  return db.transaction(async (tx) => {
    const rows = await upsertTickets(tx, context.source, unique, references);
    const tickets = new Map(rows.map((row) => [row.external_id, { id: row.id, externalId: row.external_id }]));
    await insertMessages(tx, unique, tickets, references);

    const imported = rows.filter((row) => row.inserted).length;
    const result = { imported, updated: rows.length - imported + repeated };
    await tx.query(
      `insert into audit_entries (entity, entity_id, action, actor_kind, changes)
       values ('import', $1, 'import', 'import', $2::jsonb)`,
      [context.batch, JSON.stringify({ ...context, ...result, ticketIds: rows.map((row) => row.id) })],
    );

    return result;
  });
}
