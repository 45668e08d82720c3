import { z } from 'zod';
import { defineJob, enqueueJob } from '../jobs/index.ts';
import type { Queryable } from '../store/index.ts';
import { openStatusesSql, recomputeAccountsImpact, todayUtc } from './recompute.ts';
import { defaultImpactSettings } from './weights.ts';

/** An account with at most this many open tickets is recomputed in the transaction that changed it. */
export const inlineRecomputeLimit = 200;

export const recomputeAccountImpactJob = defineJob({
  name: 'impact.recompute-account',
  version: 1,
  payload: z.object({ accountId: z.number().int().positive() }),
  async handler(payload, run) {
    const updated = await recomputeAccountsImpact(run.context.db, [payload.accountId]);
    run.logger.info({ accountId: payload.accountId, updated }, 'impact recomputed for account');
  },
});

const renewalPayload = z.object({ day: z.iso.date() });

/**
 * Recomputes the open tickets of accounts whose renewal component can change
 * on `day`, then schedules the next day's run. The per-day unique key keeps
 * a retried or repeated run from queueing the next day twice.
 */
export const recomputeRenewalImpactJob = defineJob({
  name: 'impact.recompute-renewals',
  version: 1,
  payload: renewalPayload,
  async handler(payload, run) {
    const { db } = run.context;
    const { renewalWindowDays, renewalGraceDays } = defaultImpactSettings;
    const accounts = await db.query<{ id: number }>(
      `select distinct a.id from accounts a join tickets t on t.account_id = a.id and t.status in ${openStatusesSql}
       where a.renewal_date between $1::date - $2::int - 1 and $1::date + $3::int`,
      [payload.day, renewalGraceDays, renewalWindowDays],
    );
    const updated = await recomputeAccountsImpact(db, accounts.map((row) => row.id), { today: payload.day });
    run.logger.info({ day: payload.day, accounts: accounts.length, updated }, 'impact recomputed for renewals');

    await scheduleRenewalRecompute(db, nextDay(payload.day));
  },
});

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Enqueues the renewal recompute of `day` (default today in UTC) to run at 00:05 UTC that day; a no-op while it is queued. */
export async function scheduleRenewalRecompute(db: Queryable, day = todayUtc()): Promise<void> {
  await enqueueJob(db, recomputeRenewalImpactJob, { day }, {
    uniqueKey: `impact.recompute-renewals:${day}`,
    runAt: new Date(Date.parse(`${day}T00:05:00Z`)),
  });
}

/**
 * Starts the daily renewal chain when a worker starts: queues today's run,
 * which queues the next day's. Does nothing when today's run exists in any
 * status or tomorrow's is queued, so a restart does not repeat the day.
 */
export async function ensureImpactSchedule(db: Queryable, now = new Date()): Promise<boolean> {
  const today = todayUtc(now);
  const keys = [`impact.recompute-renewals:${today}`, `impact.recompute-renewals:${nextDay(today)}`];
  const existing = await db.query('select 1 from jobs where unique_key = any($1::text[]) limit 1', [keys]);
  if (existing.length > 0) return false;

  await scheduleRenewalRecompute(db, today);
  return true;
}

/**
 * Recomputes an account's open tickets after its ARR, tier, health or
 * renewal changed: in the caller's transaction when there are few, else in
 * a job enqueued in that transaction.
 */
export async function recomputeAfterAccountChange(tx: Queryable, accountId: number): Promise<void> {
  const [{ open }] = await tx.query<{ open: number }>(
    `select count(*)::bigint as open from (select 1 from tickets where account_id = $1 and status in ${openStatusesSql} limit $2) capped`,
    [accountId, inlineRecomputeLimit + 1],
  );

  if (open <= inlineRecomputeLimit) {
    await recomputeAccountsImpact(tx, [accountId]);
    return;
  }
  await enqueueJob(tx, recomputeAccountImpactJob, { accountId });
}

export const impactJobs = [recomputeAccountImpactJob, recomputeRenewalImpactJob];
