import type { Queryable } from '../store/index.ts';
import { computeImpact, type ImpactBreakdown } from './score.ts';
import { defaultImpactSettings, type ImpactSettings } from './weights.ts';

interface ImpactInputRow {
  id: number;
  priority: string;
  account_id: number | null;
  arr: number | null;
  tier: string | null;
  health_score: number | null;
  renewal_date: string | null;
}

export interface RecomputeOptions {
  /** The day renewal distances count from, as YYYY-MM-DD; today in UTC when absent. */
  today?: string;
  settings?: ImpactSettings;
}

const inputSelect = `
  select t.id, t.priority, t.account_id, a.arr, a.tier, a.health_score, a.renewal_date
  from tickets t left join accounts a on a.id = t.account_id`;

/** Statuses whose tickets still wait for work; only these follow account changes. */
export const openStatusesSql = `('new', 'open', 'pending', 'on_hold')`;

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The accounts columns the score reads. */
type ImpactAccountColumns = Pick<ImpactInputRow, 'arr' | 'tier' | 'health_score' | 'renewal_date'>;

function scoreImpact(priority: string, account: ImpactAccountColumns | null, options: RecomputeOptions): ImpactBreakdown {
  const accountInput = account === null ? null : {
    arr: account.arr, tier: account.tier, healthScore: account.health_score, renewalDate: account.renewal_date,
  };

  return computeImpact({ priority, account: accountInput, today: options.today ?? todayUtc() }, options.settings ?? defaultImpactSettings);
}

function breakdownOf(row: ImpactInputRow, options: RecomputeOptions): ImpactBreakdown {
  return scoreImpact(row.priority, row.account_id === null ? null : row, options);
}

/** Computes the impact of a ticket about to be inserted, from its priority and its account's columns (null without an account). */
export function impactOfNewTicket(priority: string, account: ImpactAccountColumns | null): ImpactBreakdown {
  return scoreImpact(priority, account, {});
}

/** Stores the scores of the given rows with one statement. */
async function storeImpact(db: Queryable, rows: ImpactInputRow[], options: RecomputeOptions): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((row) => {
    const breakdown = breakdownOf(row, options);
    return { id: row.id, score: breakdown.score, breakdown };
  });

  await db.query(
    `update tickets t set impact_score = v.score, impact_breakdown = v.breakdown, impact_computed_at = now()
     from jsonb_to_recordset($1::jsonb) as v(id bigint, score numeric, breakdown jsonb)
     where t.id = v.id`,
    [JSON.stringify(values)],
  );
}

/** Recomputes the impact of the given tickets; call it inside the transaction that changed them. */
export async function recomputeTicketImpact(db: Queryable, ticketIds: number[], options: RecomputeOptions = {}): Promise<void> {
  if (ticketIds.length === 0) return;
  const rows = await db.query<ImpactInputRow>(`${inputSelect} where t.id = any($1::bigint[])`, [ticketIds]);
  await storeImpact(db, rows, options);
}

/** Recomputes the open tickets of the given accounts; returns how many it updated. */
export async function recomputeAccountsImpact(db: Queryable, accountIds: number[], options: RecomputeOptions = {}): Promise<number> {
  if (accountIds.length === 0) return 0;
  const rows = await db.query<ImpactInputRow>(
    `${inputSelect} where t.account_id = any($1::bigint[]) and t.status in ${openStatusesSql}`, [accountIds],
  );
  await storeImpact(db, rows, options);

  return rows.length;
}

/** Tickets per statement in recomputeAllImpact, small enough to keep one statement's JSON modest. */
const backfillBatchSize = 2_000;

/**
 * Recomputes every ticket's impact, open or not, in batches ordered by id.
 * The demo generator and the import command call it once at the end.
 */
export async function recomputeAllImpact(db: Queryable, options: RecomputeOptions = {}): Promise<number> {
  let lastId = 0;
  let total = 0;

  for (;;) {
    const rows = await db.query<ImpactInputRow>(`${inputSelect} where t.id > $1 order by t.id limit $2`, [lastId, backfillBatchSize]);
    if (rows.length === 0) break;
    await storeImpact(db, rows, options);
    total += rows.length;
    lastId = rows[rows.length - 1].id;
  }

  return total;
}
