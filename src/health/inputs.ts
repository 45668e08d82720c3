import { computeUsage, storeUsage } from '../events/index.ts';
import { notFound } from '../core/errors.ts';
import type { Queryable } from '../store/index.ts';
import type { HealthInputs } from './score.ts';
import type { HealthWeights } from './weights.ts';

const dayMs = 86_400_000;

/** Whole days from `now`'s UTC date to a 'YYYY-MM-DD' date; negative when the date has passed. */
export function daysUntil(date: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${date}T00:00:00Z`) - today) / dayMs);
}

async function ticketInputs(db: Queryable, accountId: number, now: Date, baselineDays: number) {
  const [row] = await db.query<{ p1: number; p2: number; last30: number; baseline: number; first: Date | null }>(
    `select
       count(*) filter (where status not in ('solved', 'closed') and priority = 'p1') as p1,
       count(*) filter (where status not in ('solved', 'closed') and priority = 'p2') as p2,
       count(*) filter (where created_at > $2::timestamptz - interval '30 days') as last30,
       count(*) filter (where created_at > $2::timestamptz - ($3::int + 30) * interval '1 day' and created_at <= $2::timestamptz - interval '30 days') as baseline,
       min(created_at) as first
     from tickets where account_id = $1 and created_at <= $2::timestamptz`,
    [accountId, now.toISOString(), baselineDays],
  );
  return row;
}

/**
 * Gathers an account's raw health inputs as of `now`. It recomputes and
 * stores the account's usage summary on the way, so the score and the usage
 * view agree.
 */
export async function gatherHealthInputs(db: Queryable, accountId: number, now: Date, config: HealthWeights): Promise<HealthInputs> {
  const [account] = await db.query<{ seats: number | null; renewal_date: string | null; created_at: Date }>(
    'select seats, renewal_date, created_at from accounts where id = $1',
    [accountId],
  );
  if (!account) throw notFound('Account', accountId);

  const usage = await computeUsage(db, accountId, now);
  await storeUsage(db, usage);

  const tickets = await ticketInputs(db, accountId, now, config.volume.baselineDays);
  // A young account's baseline covers only the days it has existed before the last 30.
  const since = Math.min(account.created_at.getTime(), tickets.first?.getTime() ?? Infinity);
  const ageDays = Math.floor((now.getTime() - since) / dayMs);
  const baselineDays = Math.max(0, Math.min(config.volume.baselineDays, ageDays - 30));

  return {
    usage: { hasEvents: usage.firstSeenAt !== null, events7d: usage.events.days7, eventsPrevious7d: usage.events.previous7 },
    tickets: { openP1: tickets.p1, openP2: tickets.p2, last30Days: tickets.last30, baselineTickets: baselineDays > 0 ? tickets.baseline : 0, baselineDays, seats: account.seats },
    satisfaction: null,
    renewal: account.renewal_date ? { renewalDate: account.renewal_date, daysToRenewal: daysUntil(account.renewal_date, now) } : null,
  };
}
