/**
 * Ticket creation, the busiest write of the API, in two round trips when the
 * requester is known (a new requester adds its contact). One query resolves
 * every reference. One statement inserts the ticket with its
 * first message, audit entry, impact score and triage job, and returns the
 * ticket as the API shows it. A single statement is atomic on its own, so no
 * explicit transaction is needed.
 */
import { AppError } from '../core/errors.ts';
import type { Actor } from '../http/actor.ts';
import { impactOfNewTicket } from '../impact/index.ts';
import type { Queryable } from '../store/index.ts';
import { ticketTriageStepSql } from '../triage/live/job-specs.ts';
import { resolveTerm, validateCustomValues } from '../vocabularies/index.ts';
import { isTicketStatus, type TicketStatus } from './lifecycle.ts';
import { ticketSelectFrom, toTicket, type TicketRow } from './read.ts';
import { referenceFixes, unknownReference, upsertContactByEmail } from './references.ts';
import type { CreateTicketInput, Ticket } from './schemas.ts';
import type { TicketDeps } from './write.ts';

const openingStatuses: TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

interface CreateReferences {
  component_id: number | null;
  team_id: number | null;
  assignee_active: boolean | null;
  requester_id: number | null;
  account_id: number | null;
  arr: number | null;
  tier: string | null;
  health_score: number | null;
  renewal_date: string | null;
}

/** Looks up every reference of a new ticket, and the account its impact score reads, in one query. */
async function loadReferences(db: Queryable, input: CreateTicketInput): Promise<CreateReferences> {
  const [row] = await db.query<CreateReferences>(
    `with requester as (
       select id, account_id from contacts where id = $4::bigint
       union all
       select id, account_id from contacts where lower(email) = lower($5::text)
       limit 1
     )
     select
       (select id from product_components where key = $1::text or id::text = $1::text) as component_id,
       (select id from teams where key = $2::text or id::text = $2::text) as team_id,
       (select active from agents where id = $3::bigint) as assignee_active,
       r.id as requester_id, a.id as account_id, a.arr, a.tier, a.health_score, a.renewal_date
     from (select 1) as one
     left join requester r on true
     left join accounts a on a.id = coalesce($6::bigint, r.account_id)`,
    [input.component === undefined ? null : String(input.component), input.team === undefined ? null : String(input.team),
      input.assigneeId ?? null, input.requesterId ?? null, input.requester?.email ?? null, input.accountId ?? null],
    { prepare: true },
  );
  return row;
}

/**
 * Loads and checks the references. A requester email seen for the first time
 * becomes a contact, but only once everything else has been found, so a
 * rejected ticket leaves nothing behind.
 */
async function resolveReferences(db: Queryable, input: CreateTicketInput): Promise<CreateReferences> {
  const references = await loadReferences(db, input);
  assertReferencesExist(input, references);
  if (input.requester && references.requester_id === null) {
    await upsertContactByEmail(db, input.requester.email, input.requester.name);
    return loadReferences(db, input);
  }
  return references;
}

function assertReferencesExist(input: CreateTicketInput, references: CreateReferences): void {
  if (input.requesterId !== undefined && references.requester_id === null) {
    throw unknownReference('requesterId', input.requesterId, referenceFixes.requesterId);
  }
  if (input.accountId !== undefined && references.account_id === null) {
    throw unknownReference('accountId', input.accountId, referenceFixes.accountId);
  }
  if (input.assigneeId !== undefined && references.assignee_active === null) {
    throw unknownReference('assigneeId', input.assigneeId, referenceFixes.assigneeId);
  }
  if (references.assignee_active === false) {
    throw unknownReference('assigneeId', input.assigneeId, referenceFixes.deactivatedAgent);
  }
  if (input.component !== undefined && references.component_id === null) {
    throw unknownReference('component', input.component, referenceFixes.component);
  }
  if (input.team !== undefined && references.team_id === null) {
    throw unknownReference('team', input.team, referenceFixes.team);
  }
}

const insertTicketSql = `
  with ticket as (
    insert into tickets (subject, status, priority, category, channel, language, component_id, team_id, assignee_id,
      account_id, requester_id, tags, custom, external_id, source, search_document, impact_score, impact_breakdown, impact_computed_at)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
      to_tsvector('english', casebook_search_text($1, $18)), $23, $24, now())
    returning *
  ), message as (
    insert into messages (ticket_id, kind, author_kind, author_contact_id, author_agent_id, body, channel, attachments)
    select id, 'public', $16, $11, $17, $18, $5, $19 from ticket
  ), audit as (
    insert into audit_entries (entity, entity_id, action, actor_kind, actor_id, changes)
    select 'ticket', id, 'created', $20, $21, $22 from ticket
  ), triage as (
    ${ticketTriageStepSql('ticket')}
  )
  ${ticketSelectFrom('ticket')}`;

/** Creates a ticket with its first message (the description), an audit entry, its impact score and a triage job. */
export async function createTicket(deps: TicketDeps, actor: Actor, input: CreateTicketInput): Promise<Ticket> {
  const vocabularies = await deps.vocabularies.get(deps.db);
  const status = resolveTerm(vocabularies, 'status', input.status ?? 'new', 'status');
  if (!isTicketStatus(status) || !openingStatuses.includes(status)) {
    throw new AppError('invalid_input', `A ticket cannot be created as ${status}`, [{ field: 'status', value: input.status, fix: `use one of ${openingStatuses.join(', ')}` }]);
  }
  const priority = resolveTerm(vocabularies, 'priority', input.priority ?? 'p3', 'priority');
  const category = input.category === undefined ? null : resolveTerm(vocabularies, 'category', input.category, 'category');
  const channel = resolveTerm(vocabularies, 'channel', input.channel ?? (actor.kind === 'token' ? 'api' : 'web'), 'channel');
  const custom = validateCustomValues(await deps.vocabularies.customFields(deps.db, 'ticket'), vocabularies, input.custom ?? {});

  const references = await resolveReferences(deps.db, input);
  const requesterId = references.requester_id;
  const impact = impactOfNewTicket(priority, references.account_id === null ? null : references);

  const [row] = await deps.db.query<TicketRow>(insertTicketSql, [
    input.subject, status, priority, category, channel, input.language ?? null, references.component_id, references.team_id,
    input.assigneeId ?? null, references.account_id, requesterId, input.tags ?? [], JSON.stringify(custom), input.externalId ?? null,
    input.externalId ? 'api' : 'casebook', requesterId ? 'customer' : 'agent', requesterId ? null : actor.agentId, input.description,
    JSON.stringify(input.attachments ?? []), actor.kind, actor.agentId, JSON.stringify({ status: [null, status], priority: [null, priority] }),
    impact.score, JSON.stringify(impact),
  ], { prepare: true }).catch((error) => rethrowUniqueViolation(error, input.externalId));
  return toTicket(row);
}

function rethrowUniqueViolation(error: unknown, externalId: string | undefined): never {
  if ((error as { code?: string }).code === '23505') {
    throw new AppError('duplicate', `A ticket with externalId ${externalId} already exists`, [
      { field: 'externalId', value: externalId, fix: 'use another externalId, or PATCH the existing ticket' },
    ]);
  }
  throw error;
}
