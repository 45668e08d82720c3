import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { accountUsageJob, computeUsage, createEventSource, ingestEvents, readUsage, usageJobKey } from '../../src/events/index.ts';
import { JobWorker } from '../../src/jobs/index.ts';
import { testContext } from '../helpers/db.ts';
import { readFixture } from './fixtures.ts';

/** The fixture's events are placed around this time; see test/fixtures/events/usage-batch.json. */
const now = new Date('2024-06-15T12:00:00Z');

let context: AppContext;
let sourceId: number;
let accountId: number;

beforeAll(async () => {
  context = await testContext();
  sourceId = (await createEventSource(context.db, 'fixture', null)).id;
  await ingestEvents(context.db, readFixture('usage-batch.json').batch, { sourceId, receivedAt: now });
  [{ id: accountId }] = await context.db.query<{ id: number }>(`select id from accounts where external_id = 'globex'`);
});

afterAll(() => context.db.close());

describe('usage summary', () => {
  it('counts active users per window', async () => {
    const usage = await computeUsage(context.db, accountId, now);

    expect(usage.activeUsers).toEqual({ days7: 2, days30: 3 });
  });

  it('splits sessions at 30-minute gaps', async () => {
    const usage = await computeUsage(context.db, accountId, now);

    expect(usage.sessions).toEqual({ days7: 3, days30: 6 });
  });

  it('counts events and their trend', async () => {
    const usage = await computeUsage(context.db, accountId, now);

    expect(usage.events).toEqual({ days7: 4, previous7: 2, days30: 7, trend: { direction: 'up', changePercent: 100 } });
  });

  it('lists features with counts and trends', async () => {
    const usage = await computeUsage(context.db, accountId, now);

    expect(usage.features).toEqual([
      { feature: 'Report Exported', count7d: 3, countPrevious7d: 1, count30d: 4, trend: { direction: 'up', changePercent: 200 } },
      { feature: 'Search', count7d: 0, countPrevious7d: 0, count30d: 1, trend: { direction: 'none', changePercent: null } },
      { feature: 'dashboards', count7d: 1, countPrevious7d: 0, count30d: 1, trend: { direction: 'new', changePercent: null } },
    ]);
  });

  it('ignores events after now for first and last seen', async () => {
    const usage = await computeUsage(context.db, accountId, now);

    expect(usage.firstSeenAt).toBe('2024-05-10T08:00:00.000Z');
    expect(usage.lastSeenAt).toBe('2024-06-14T11:00:00.000Z');
  });

  it('moves with now', async () => {
    const later = await computeUsage(context.db, accountId, new Date('2024-06-20T12:00:00Z'));

    expect(later.events).toMatchObject({ days7: 4, previous7: 1 });
    expect(later.lastSeenAt).toBe('2024-06-16T08:00:00.000Z');
  });
});

describe('usage recomputation job', () => {
  it('coalesces the batches of one account into one queued job', async () => {
    await ingestEvents(context.db, [{ type: 'track', userId: 'u1', event: 'Report Exported', messageId: 'extra-1', timestamp: '2024-06-15T11:00:00Z' }], { sourceId, receivedAt: now });
    const jobs = await context.db.query<{ status: string }>('select status from jobs where unique_key = $1', [usageJobKey(accountId)]);

    expect(jobs).toEqual([{ status: 'queued' }]);
  });

  it('stores the summary and frees its key for later events', async () => {
    const worker = new JobWorker({ context, jobs: [accountUsageJob] });
    const ran = await worker.runOnce();
    const stored = await readUsage(context.db, accountId);
    await ingestEvents(context.db, [{ type: 'track', userId: 'u1', event: 'Report Exported', messageId: 'extra-2', timestamp: '2024-06-15T11:30:00Z' }], { sourceId, receivedAt: now });
    const jobs = await context.db.query<{ status: string }>(`select status from jobs where name = 'events.account-usage' order by id`);

    expect(ran).toBe(1);
    expect(stored?.accountId).toBe(accountId);
    expect(stored?.lastSeenAt).not.toBeNull();
    expect(jobs).toEqual([{ status: 'done' }, { status: 'queued' }]);
  });
});
