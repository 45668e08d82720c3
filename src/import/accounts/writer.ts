import type { Db, Queryable } from '../../store/index.ts';
import type { AccountDraft } from './normalize.ts';

/** Draft field to accounts column; csmEmail becomes csm_agent_id through the lookup. */
const columns = {
  name: 'name', externalId: 'external_id', domains: 'domains', tier: 'tier', arr: 'arr', currency: 'currency', plan: 'plan',
  seats: 'seats', renewalDate: 'renewal_date', healthScore: 'health_score', segment: 'segment', region: 'region',
} as const;
type Field = keyof typeof columns;

export interface AccountBatchResult {
  imported: number;
  updated: number;
}

/** Finds the account a row updates: by external id when the row has one, else by name among accounts without one. */
async function findExisting(tx: Queryable, draft: AccountDraft): Promise<{ id: number; health_score: number | null } | undefined> {
  const rows = draft.externalId
    ? await tx.query<{ id: number; health_score: number | null }>('select id, health_score from accounts where external_id = $1 for update', [draft.externalId])
    : await tx.query<{ id: number; health_score: number | null }>(
      'select id, health_score from accounts where external_id is null and lower(name) = lower($1) order by id limit 1 for update', [draft.name],
    );
  return rows[0];
}

function valuesOf(draft: AccountDraft, csmAgentId: number | undefined): Array<[string, unknown]> {
  const values: Array<[string, unknown]> = (Object.keys(columns) as Field[])
    .filter((field) => draft[field] !== undefined)
    .map((field) => [columns[field], draft[field]]);
  if (csmAgentId !== undefined) values.push(['csm_agent_id', csmAgentId]);
  return values;
}

interface WrittenAccount {
  id: number;
  inserted: boolean;
  /** True when an existing row had a column with another value. */
  changed: boolean;
  healthChanged: boolean;
}

async function upsertAccount(tx: Queryable, draft: AccountDraft, csmAgentId: number | undefined): Promise<WrittenAccount> {
  const existing = await findExisting(tx, draft);
  const values = valuesOf(draft, csmAgentId);
  const params = values.map(([, value]) => value);

  if (!existing) {
    const [row] = await tx.query<{ id: number }>(
      `insert into accounts (${values.map(([column]) => column).join(', ')}) values (${values.map((_, index) => `$${index + 1}`).join(', ')}) returning id`,
      params,
    );
    return { id: row.id, inserted: true, changed: true, healthChanged: draft.healthScore !== undefined };
  }

  // Only a row with a different value is written, so re-importing the same file changes nothing, not even the version.
  const assignments = values.map(([column], index) => `${column} = $${index + 2}`).join(', ');
  const differs = values.map(([column], index) => `${column} is distinct from $${index + 2}`).join(' or ');
  const updated = await tx.query(
    `update accounts set ${assignments}, updated_at = now(), version = version + 1 where id = $1 and (${differs}) returning id`, [existing.id, ...params],
  );
  const healthChanged = draft.healthScore !== undefined && (existing.health_score === null || Number(existing.health_score) !== draft.healthScore);

  return { id: existing.id, inserted: false, changed: updated.length > 0, healthChanged };
}

/**
 * Writes one batch of accounts in a transaction: an upsert per row, a health
 * snapshot with source 'import' when the score is new or changed, and an
 * audit entry per created or changed account.
 */
export async function writeAccountBatch(db: Db, drafts: AccountDraft[], agentIds: Map<string, number>, context: { file: string; batch: number }): Promise<AccountBatchResult> {
  return db.transaction(async (tx) => {
    const result: AccountBatchResult = { imported: 0, updated: 0 };
    for (const draft of drafts) {
      const written = await upsertAccount(tx, draft, draft.csmEmail ? agentIds.get(draft.csmEmail) : undefined);
      if (written.healthChanged) {
        await tx.query(`insert into health_scores (account_id, score, source) values ($1, $2, 'import')`, [written.id, draft.healthScore]);
      }
      if (written.changed) {
        await tx.query(
          `insert into audit_entries (entity, entity_id, action, actor_kind, changes) values ('account', $1, $2, 'import', $3)`,
          [written.id, written.inserted ? 'created' : 'imported', JSON.stringify({ file: [null, context.file], batch: [null, context.batch] })],
        );
      }
      if (written.inserted) result.imported += 1;
      else result.updated += 1;
    }
    return result;
  });
}
