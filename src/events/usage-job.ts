import { z } from 'zod';
import { defineJob, enqueueJob } from '../jobs/index.ts';
import type { Queryable } from '../store/index.ts';
import { computeUsage, storeUsage } from './usage.ts';

/**
 * Seconds a usage recomputation waits after the event that queued it, so the
 * events of the following seconds are counted by the same run.
 */
export const usageDebounceSeconds = 10;

const usageJobName = 'events.account-usage';

export const usageJobKey = (accountId: number) => `${usageJobName}:${accountId}`;

/**
 * Recomputes one account's usage summary. While the job is queued, further
 * events of the account find its uniqueKey and add no job. Once it runs, the
 * key queues a new job, so an event stored after the handler read the events
 * is counted by the next run. Callers enqueue only after their events are
 * committed, which this ordering relies on.
 */
export const accountUsageJob = defineJob({
  name: usageJobName,
  version: 1,
  payload: z.object({ accountId: z.number().int().positive() }),
  async handler(payload, run) {
    const { db } = run.context;
    const summary = await computeUsage(db, payload.accountId, new Date());
    const [account] = await db.query('select 1 from accounts where id = $1', [payload.accountId]);
    if (account) await storeUsage(db, summary);
  },
});

/** Queues one usage recomputation per account, coalesced with any that is still waiting. */
export async function enqueueUsageRecompute(db: Queryable, accountIds: number[], now: Date): Promise<void> {
  const runAt = new Date(now.getTime() + usageDebounceSeconds * 1000);
  for (const accountId of accountIds) {
    await enqueueJob(db, accountUsageJob, { accountId }, { uniqueKey: usageJobKey(accountId), runAt });
  }
}
