import { AppError } from '../core/errors.ts';
import type { Actor } from '../http/actor.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import type { Db, Queryable } from '../store/index.ts';
import { recomputeTicketImpact } from '../impact/index.ts';
import { enqueueTicketTriage } from '../triage/live/job-specs.ts';
import { markOverriddenPredictions } from '../triage/live/overrides.ts';
import { loadCustomFields, resolveTerm, validateCustomValues, type Vocabularies, type VocabularyCache } from '../vocabularies/index.ts';
import { assertTransition, isTicketStatus, timestampsForTransition, type TicketStatus } from './lifecycle.ts';
import { assertTicketExists, findTicketRow, getTicket, versionConflict, type TicketRow } from './read.ts';
import { assertAccount, assertActiveAgent, findContact, resolveComponentId, resolveTeamId, upsertContactByEmail } from './references.ts';
import type { CreateTicketInput, Ticket, UpdateTicketInput } from './schemas.ts';

export interface TicketDeps {
  db: Db;
  vocabularies: VocabularyCache;
}

const openingStatuses: TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

function resolveStatus(vocabularies: Vocabularies, value: string): TicketStatus {
  const key = resolveTerm(vocabularies, 'status', value, 'status');
  if (!isTicketStatus(key)) {
    throw new AppError('invalid_input', `Status ${key} has no lifecycle meaning`, [{ field: 'status', value, fix: 'use new, open, pending, on_hold, solved or closed' }]);
  }
  return key;
}

async function resolveRequester(tx: Queryable, input: CreateTicketInput) {
  if (input.requesterId !== undefined) return findContact(tx, input.requesterId);
  if (input.requester) return upsertContactByEmail(tx, input.requester.email, input.requester.name);
  return null;
}

/** Creates a ticket with its first message (the description) and an audit entry, in one transaction. */
export async function createTicket(deps: TicketDeps, actor: Actor, input: CreateTicketInput): Promise<Ticket> {
  const vocabularies = await deps.vocabularies.get(deps.db);
  const status = resolveStatus(vocabularies, input.status ?? 'new');
  if (!openingStatuses.includes(status)) {
    throw new AppError('invalid_input', `A ticket cannot be created as ${status}`, [{ field: 'status', value: input.status, fix: `use one of ${openingStatuses.join(', ')}` }]);
  }
  const priority = resolveTerm(vocabularies, 'priority', input.priority ?? 'p3', 'priority');
  const category = input.category === undefined ? null : resolveTerm(vocabularies, 'category', input.category, 'category');
  const channel = resolveTerm(vocabularies, 'channel', input.channel ?? (actor.kind === 'token' ? 'api' : 'web'), 'channel');
  const custom = validateCustomValues(await deps.vocabularies.customFields(deps.db, 'ticket'), vocabularies, input.custom ?? {});

  const id = await deps.db.transaction(async (tx) => {
    const requester = await resolveRequester(tx, input);
    if (input.accountId !== undefined) await assertAccount(tx, input.accountId);
    if (input.assigneeId !== undefined) await assertActiveAgent(tx, input.assigneeId);
    const componentId = input.component === undefined ? null : await resolveComponentId(tx, input.component);
    const teamId = input.team === undefined ? null : await resolveTeamId(tx, input.team);
    const accountId = input.accountId ?? requester?.accountId ?? null;

    const [ticket] = await tx.query<{ id: number }>(
      `with ticket as (
         insert into tickets (subject, status, priority, category, channel, language, component_id, team_id, assignee_id,
           account_id, requester_id, tags, custom, external_id, source, search_document)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
           to_tsvector('english', casebook_search_text($1, $18))) returning id
       ), message as (
         insert into messages (ticket_id, kind, author_kind, author_contact_id, author_agent_id, body, channel, attachments)
         select id, 'public', $16, $11, $17, $18, $5, $19 from ticket
       ), audit as (
         insert into audit_entries (entity, entity_id, action, actor_kind, actor_id, changes)
         select 'ticket', id, 'created', $20, $21, $22 from ticket
       ) select id from ticket`,
      [input.subject, status, priority, category, channel, input.language ?? null, componentId, teamId, input.assigneeId ?? null,
        accountId, requester?.id ?? null, input.tags ?? [], JSON.stringify(custom), input.externalId ?? null, input.externalId ? 'api' : 'casebook',
        requester ? 'customer' : 'agent', requester ? null : actor.agentId, input.description, JSON.stringify(input.attachments ?? []),
        actor.kind, actor.agentId, JSON.stringify({ status: [null, status], priority: [null, priority] })],
    );
    await recomputeTicketImpact(tx, [ticket.id]);
    await enqueueTicketTriage(tx, ticket.id);
    return ticket.id;
  }).catch((error) => rethrowUniqueViolation(error, input.externalId));

  return getTicket(deps.db, id);
}

function rethrowUniqueViolation(error: unknown, externalId: string | undefined): never {
  if ((error as { code?: string }).code === '23505') {
    throw new AppError('duplicate', `A ticket with externalId ${externalId} already exists`, [
      { field: 'externalId', value: externalId, fix: 'use another externalId, or PATCH the existing ticket' },
    ]);
  }
  throw error;
}

const auditedFields = ['subject', 'status', 'priority', 'category', 'language', 'component_id', 'team_id', 'assignee_id', 'account_id', 'tags', 'custom'] as const;

type TicketColumns = Pick<TicketRow, (typeof auditedFields)[number]>;

async function resolveChanges(tx: Queryable, vocabularies: Vocabularies, current: TicketRow, input: UpdateTicketInput): Promise<Partial<TicketColumns>> {
  const next: Partial<TicketColumns> = {};
  if (input.subject !== undefined) next.subject = input.subject;
  if (input.status !== undefined) next.status = resolveStatus(vocabularies, input.status);
  if (input.priority !== undefined) next.priority = resolveTerm(vocabularies, 'priority', input.priority, 'priority');
  if (input.category !== undefined) next.category = input.category === null ? null : resolveTerm(vocabularies, 'category', input.category, 'category');
  if (input.language !== undefined) next.language = input.language;
  if (input.component !== undefined) next.component_id = input.component === null ? null : await resolveComponentId(tx, input.component);
  if (input.team !== undefined) next.team_id = input.team === null ? null : await resolveTeamId(tx, input.team);
  if (input.assigneeId !== undefined) {
    if (input.assigneeId !== null) await assertActiveAgent(tx, input.assigneeId);
    next.assignee_id = input.assigneeId;
  }
  if (input.accountId !== undefined) {
    if (input.accountId !== null) await assertAccount(tx, input.accountId);
    next.account_id = input.accountId;
  }
  if (input.tags !== undefined) next.tags = [...new Set(input.tags)];
  if (input.custom !== undefined) {
    next.custom = validateCustomValues(await loadCustomFields(tx, 'ticket'), vocabularies, input.custom, current.custom);
  }
  return next;
}

/** Applies a partial update under optimistic concurrency: a stale version gets version_conflict. */
export async function updateTicket(deps: TicketDeps, actor: Actor, id: number, input: UpdateTicketInput): Promise<Ticket> {
  const vocabularies = await deps.vocabularies.get(deps.db);

  await deps.db.transaction(async (tx) => {
    const current = await findTicketRow(tx, id, true);
    assertTicketExists(current, id);
    if (current.version !== input.version) throw versionConflict(id, input.version, current.version);

    const next = await resolveChanges(tx, vocabularies, current, input);
    const changes = diffFields(current as unknown as Record<string, unknown>, next, [...auditedFields]);
    if (Object.keys(changes).length === 0) return;

    const from = current.status as TicketStatus;
    const to = (next.status ?? from) as TicketStatus;
    if (current.status === 'closed') {
      throw new AppError('invalid_transition', 'A closed ticket cannot change', [{ field: 'status', value: current.status, fix: 'create a follow-up ticket instead' }]);
    }
    assertTransition(from, to);
    const stamps = timestampsForTransition(from, to, { firstResponseAt: current.first_response_at, solvedAt: current.solved_at, closedAt: current.closed_at }, new Date());

    const merged = { ...current, ...next };
    await tx.query(
      `update tickets set subject = $2, status = $3, priority = $4, category = $5, language = $6, component_id = $7, team_id = $8,
         assignee_id = $9, account_id = $10, tags = $11, custom = $12, solved_at = $13, closed_at = $14,
         updated_at = now(), version = version + 1
       where id = $1`,
      [id, merged.subject, merged.status, merged.priority, merged.category, merged.language, merged.component_id, merged.team_id,
        merged.assignee_id, merged.account_id, merged.tags, JSON.stringify(merged.custom), stamps.solvedAt, stamps.closedAt],
    );
    await recordAudit(tx, { entity: 'ticket', entityId: id, action: 'updated', actor, changes });
    if ('subject' in changes) await tx.query('select casebook_refresh_search_document($1::bigint[])', [[id]]);
    await markOverriddenPredictions(tx, id, changes, actor.agentId);
    if ('priority' in changes || 'account_id' in changes || 'status' in changes) await recomputeTicketImpact(tx, [id]);
  });

  return getTicket(deps.db, id);
}
