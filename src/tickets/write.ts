import { AppError } from '../core/errors.ts';
import type { Actor } from '../http/actor.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import type { Db, Queryable } from '../store/index.ts';
import { recomputeTicketImpact } from '../impact/index.ts';
import { markOverriddenPredictions } from '../triage/live/overrides.ts';
import { loadCustomFields, resolveTerm, validateCustomValues, type Vocabularies, type VocabularyCache } from '../vocabularies/index.ts';
import { assertTransition, isTicketStatus, timestampsForTransition, type TicketStatus } from './lifecycle.ts';
import { assertTicketExists, findTicketRow, getTicket, versionConflict, type TicketRow } from './read.ts';
import { assertAccount, assertActiveAgent, resolveComponentId, resolveTeamId } from './references.ts';
import type { Ticket, UpdateTicketInput } from './schemas.ts';

export interface TicketDeps {
  db: Db;
  vocabularies: VocabularyCache;
}

function resolveStatus(vocabularies: Vocabularies, value: string): TicketStatus {
  const key = resolveTerm(vocabularies, 'status', value, 'status');
  if (!isTicketStatus(key)) {
    throw new AppError('invalid_input', `Status ${key} has no lifecycle meaning`, [{ field: 'status', value, fix: 'use new, open, pending, on_hold, solved or closed' }]);
  }
  return key;
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
