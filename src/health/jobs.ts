import { z } from 'zod';
import { defineJob, enqueueJob } from '../jobs/index.ts';
import type { Queryable } from '../store/index.ts';
import { recomputeAccountHealth } from './snapshots.ts';

/** Hour (UTC) at which the daily health run starts. */
export const dailyRunHourUtc = 2;

const isoDay = z.iso.date();

export const dailyJobKey = (day: string) => `health.daily:${day}`;
export const accountJobKey = (accountId: number, day: string) => `health.account:${accountId}:${day}`;

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Recomputes one account's health for a scheduled day; a retry stores no second snapshot. */
export const accountHealthJob = defineJob({
  name: 'health.account',
  version: 1,
  payload: z.object({ accountId: z.number().int().positive(), day: isoDay }),
  async handler(payload, run) {
    const { db } = run.context;
    const [account] = await db.query('select 1 from accounts where id = $1', [payload.accountId]);
    if (!account) return;

    // A repeated run of the same day (a restarted schedule) skips the computation; the run key would drop its snapshot anyway.
    const [done] = await db.query('select 1 from health_scores where account_id = $1 and run_key = $2', [payload.accountId, `daily:${payload.day}`]);
    if (done) return;

    await recomputeAccountHealth(db, payload.accountId, { now: new Date(), runKey: `daily:${payload.day}` });
  },
});

/**
 * Queues the next day's run, then one health.account job per account. The
 * uniqueKeys name the day, so a retried or repeated run queues nothing twice.
 */
export const dailyHealthJob = defineJob({
  name: 'health.daily',
  version: 1,
  payload: z.object({ day: isoDay }),
  async handler(payload, run) {
    const { db } = run.context;
    await enqueueDailyHealth(db, nextDay(payload.day));

    const accounts = await db.query<{ id: number }>('select id from accounts order by id');
    for (const { id } of accounts) {
      await enqueueJob(db, accountHealthJob, { accountId: id, day: payload.day }, { uniqueKey: accountJobKey(id, payload.day) });
    }
    run.logger.info({ accounts: accounts.length, day: payload.day }, 'health run queued');
  },
});

/** Queues the daily run of `day` at its start hour; does nothing when it is already queued or done. */
export async function enqueueDailyHealth(db: Queryable, day: string) {
  const runAt = new Date(`${day}T${String(dailyRunHourUtc).padStart(2, '0')}:00:00Z`);
  return enqueueJob(db, dailyHealthJob, { day }, { uniqueKey: dailyJobKey(day), runAt });
}

/**
 * Starts the daily chain on a worker's start: queues today's run, which queues
 * the next day's. Does nothing when today's run exists in any status or the
 * next day's is already queued, so a restart does not repeat the day.
 */
export async function ensureHealthSchedule(db: Queryable, now: Date = new Date()): Promise<boolean> {
  const today = now.toISOString().slice(0, 10);
  const existing = await db.query('select 1 from jobs where unique_key = $1 or unique_key = $2 limit 1', [dailyJobKey(today), dailyJobKey(nextDay(today))]);
  if (existing.length > 0) return false;

  await enqueueDailyHealth(db, today);
  return true;
}
