/**
 * Health snapshots (table health_scores). The latest snapshot of an account,
 * by computed_at, is its current score and is copied to accounts.health_score,
 * whatever its source: a computed score replaces an imported CRM score and
 * the other way round. Every snapshot keeps its source, so the history shows
 * which one is current.
 */
import { recordAudit } from '../audit/index.ts';
import { notFound } from '../core/errors.ts';
import type { Actor } from '../http/actor.ts';
import { recomputeAfterAccountChange } from '../impact/index.ts';
import type { Db, Queryable } from '../store/index.ts';
import { gatherHealthInputs } from './inputs.ts';
import { computeHealth, type HealthResult } from './score.ts';
import { defaultHealthWeights, type HealthWeights } from './weights.ts';

export interface HealthSnapshot {
  id: number;
  accountId: number;
  score: number;
  source: string;
  components: unknown[];
  formulaVersion: number | null;
  computedAt: string;
}

interface SnapshotRow {
  id: number;
  account_id: number;
  score: number;
  source: string;
  components: unknown[];
  formula_version: number | null;
  computed_at: Date;
}

function toSnapshot(row: SnapshotRow): HealthSnapshot {
  return {
    id: row.id, accountId: row.account_id, score: row.score, source: row.source, components: row.components,
    formulaVersion: row.formula_version, computedAt: row.computed_at.toISOString(),
  };
}

/**
 * Copies a snapshot's score to the account unless a later snapshot exists,
 * and rescores the account's open tickets, whose business impact weighs health.
 */
async function applyIfLatest(tx: Queryable, accountId: number, score: number, computedAt: Date): Promise<void> {
  const updated = await tx.query(
    `update accounts set health_score = $2
      where id = $1 and health_score is distinct from $2
        and not exists (select 1 from health_scores where account_id = $1 and computed_at > $3::timestamptz)
      returning id`,
    [accountId, score, computedAt.toISOString()],
  );
  if (updated.length > 0) {
    await recomputeAfterAccountChange(tx, accountId);
  }
}

export interface RecomputeOptions {
  now: Date;
  /** Makes a scheduled run idempotent: a second snapshot with the same key is not stored. */
  runKey?: string;
  config?: HealthWeights;
}

/** Computes an account's health as of `now` and stores it as a 'computed' snapshot. Returns null when runKey was already used. */
export async function recomputeAccountHealth(db: Db, accountId: number, options: RecomputeOptions): Promise<(HealthResult & { snapshot: HealthSnapshot }) | null> {
  const config = options.config ?? defaultHealthWeights;
  const inputs = await gatherHealthInputs(db, accountId, options.now, config);
  const result = computeHealth(inputs, config);

  return db.transaction(async (tx) => {
    const [row] = await tx.query<SnapshotRow>(
      `insert into health_scores (account_id, score, components, source, computed_at, formula_version, run_key)
       values ($1, $2, $3::jsonb, 'computed', $4, $5, $6)
       on conflict (account_id, run_key) where run_key is not null do nothing
       returning *`,
      [accountId, result.score, JSON.stringify(result.components), options.now.toISOString(), result.formulaVersion, options.runKey ?? null],
    );
    if (!row) return null;

    await applyIfLatest(tx, accountId, result.score, options.now);
    return { ...result, snapshot: toSnapshot(row) };
  });
}

export interface ImportedHealth {
  score: number;
  /** The CRM's name, stored as source 'crm:<name>'. */
  crm: string;
  components?: unknown[];
  computedAt?: Date;
}

/** Records a score taken as given from a CRM. */
export async function importAccountHealth(db: Db, accountId: number, input: ImportedHealth, actor: Actor): Promise<HealthSnapshot> {
  const computedAt = input.computedAt ?? new Date();

  return db.transaction(async (tx) => {
    const [account] = await tx.query<{ health_score: number | null }>('select health_score from accounts where id = $1 for update', [accountId]);
    if (!account) throw notFound('Account', accountId);

    const [row] = await tx.query<SnapshotRow>(
      `insert into health_scores (account_id, score, components, source, computed_at, recorded_by)
       values ($1, $2, $3::jsonb, $4, $5, $6) returning *`,
      [accountId, input.score, JSON.stringify(input.components ?? []), `crm:${input.crm}`, computedAt.toISOString(), actor.agentId],
    );
    await applyIfLatest(tx, accountId, input.score, computedAt);
    await recordAudit(tx, { entity: 'account', entityId: accountId, action: 'health_imported', actor, changes: { healthScore: [account.health_score, input.score] } });

    return toSnapshot(row);
  });
}

/** Lists an account's snapshots, newest first. */
export async function listHealthSnapshots(db: Queryable, accountId: number, limit: number): Promise<HealthSnapshot[]> {
  const rows = await db.query<SnapshotRow>(
    'select * from health_scores where account_id = $1 order by computed_at desc, id desc limit $2',
    [accountId, limit],
  );
  return rows.map(toSnapshot);
}
