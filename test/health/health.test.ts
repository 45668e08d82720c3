import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createEventSource, ingestEvents } from '../../src/events/index.ts';
import { accountHealthJob, dailyHealthJob, dailyJobKey, ensureHealthSchedule, recomputeAccountHealth } from '../../src/health/index.ts';
import type { JobRun } from '../../src/jobs/index.ts';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';

const now = new Date('2024-06-15T12:00:00Z');

let context: AppContext;
let harness: ApiHarness;
let accountId: number;

async function insertTicket(priority: string, status: string, createdAt: string) {
  await context.db.query(
    `insert into tickets (subject, priority, status, account_id, created_at) values ('Export fails', $1, $2, $3, $4)`,
    [priority, status, accountId, createdAt],
  );
}

function track(index: number, timestamp: string) {
  return { type: 'track', userId: `user-${index % 3}`, event: 'Report Exported', context: { groupId: 'initech' }, timestamp, messageId: `m-${index}` };
}

function jobRun(): JobRun {
  return { id: 0, name: 'test', attempt: 1, maxAttempts: 5, context, logger: createLogger('silent') };
}

beforeAll(async () => {
  context = await testContext();
  harness = await createApiHarness(context);
  [{ id: accountId }] = await context.db.query<{ id: number }>(
    `insert into accounts (name, external_id, seats, renewal_date, created_at) values ('Initech', 'initech', 20, '2024-08-14', '2023-01-01') returning id`,
  );

  await insertTicket('p1', 'open', '2024-06-10T09:00:00Z');
  await insertTicket('p2', 'solved', '2024-06-01T09:00:00Z');
  await insertTicket('p2', 'open', '2024-02-01T09:00:00Z');
  await insertTicket('p3', 'solved', '2024-03-01T09:00:00Z');
  await insertTicket('p3', 'closed', '2024-04-01T09:00:00Z');

  const { id: sourceId } = await createEventSource(context.db, 'product', null);
  const recent = Array.from({ length: 10 }, (_, index) => track(index, `2024-06-1${index % 5}T08:00:00Z`));
  const earlier = Array.from({ length: 5 }, (_, index) => track(100 + index, `2024-06-0${index + 2}T08:00:00Z`));
  await ingestEvents(context.db, [...recent, ...earlier], { sourceId, receivedAt: now });
});

afterAll(() => context.db.close());

describe('computed health', () => {
  it('stores each component of a constructed account', async () => {
    const result = await recomputeAccountHealth(context.db, accountId, { now });
    const component = Object.fromEntries(result!.components.map((entry) => [entry.key, entry]));

    expect(component.usage_trend).toMatchObject({ value: 100, inputs: { events7d: 10, eventsPrevious7d: 5, ratio: 2 } });
    expect(component.ticket_severity).toMatchObject({ value: 65, inputs: { openP1: 1, openP2: 1 } });
    expect(component.ticket_volume).toMatchObject({ value: 25, inputs: { last30Days: 2, baselineTickets: 3, baselineDays: 180, normal: 0.5, basis: 'own_baseline', ratio: 4 } });
    expect(component.renewal).toMatchObject({ value: 60, inputs: { renewalDate: '2024-08-14', daysToRenewal: 60 } });
    expect(component.satisfaction.status).toBe('missing');
    expect(result!.score).toBe(71.47);
  });

  it('updates the account and keeps the snapshot', async () => {
    const [account] = await context.db.query<{ health_score: number }>('select health_score from accounts where id = $1', [accountId]);
    const [snapshot] = await context.db.query<{ source: string; formula_version: number; computed_at: Date }>('select * from health_scores where account_id = $1', [accountId]);

    expect(account.health_score).toBe(71.47);
    expect(snapshot.source).toBe('computed');
    expect(snapshot.formula_version).toBe(1);
    expect(snapshot.computed_at.toISOString()).toBe(now.toISOString());
  });
});

describe('CRM health', () => {
  it('records the CRM as the source and becomes current', async () => {
    const response = await harness.request('POST', `/api/v1/accounts/${accountId}/health`, { body: { score: 42, source: 'Salesforce', components: [{ key: 'nps', value: 30 }] } });
    const history = await harness.request('GET', `/api/v1/accounts/${accountId}/health`, { token: harness.tokens.viewer });

    expect(response.status).toBe(201);
    expect(response.body.source).toBe('crm:salesforce');
    expect(history.body.score).toBe(42);
    expect(history.body.items.map((item: any) => item.source)).toEqual(['crm:salesforce', 'computed']);
  });

  it('stays current over an older computed snapshot', async () => {
    await recomputeAccountHealth(context.db, accountId, { now });
    const history = await harness.request('GET', `/api/v1/accounts/${accountId}/health`, { token: harness.tokens.viewer });

    expect(history.body.score).toBe(42);
    expect(history.body.current.source).toBe('crm:salesforce');
    expect(history.body.items).toHaveLength(3);
  });

  it('rejects a score out of range and a viewer', async () => {
    const outOfRange = await harness.request('POST', `/api/v1/accounts/${accountId}/health`, { body: { score: 140, source: 'hubspot' } });
    const viewer = await harness.request('POST', `/api/v1/accounts/${accountId}/health`, { token: harness.tokens.viewer, body: { score: 40, source: 'hubspot' } });
    const missing = await harness.request('POST', '/api/v1/accounts/999999/health', { body: { score: 40, source: 'hubspot' } });

    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.details[0].field).toBe('score');
    expect(viewer.status).toBe(403);
    expect(missing.status).toBe(404);
  });
});

describe('daily health job', () => {
  it('enqueues its successor once', async () => {
    await dailyHealthJob.handler({ day: '2024-06-15' }, jobRun());
    await dailyHealthJob.handler({ day: '2024-06-15' }, jobRun());
    const successors = await context.db.query<{ run_at: Date; payload: unknown }>('select run_at, payload from jobs where unique_key = $1', [dailyJobKey('2024-06-16')]);

    expect(successors).toHaveLength(1);
    expect(successors[0].payload).toEqual({ day: '2024-06-16' });
    expect(successors[0].run_at.toISOString()).toBe('2024-06-16T02:00:00.000Z');
  });

  it('queues one recomputation per account', async () => {
    const jobs = await context.db.query<{ unique_key: string }>(`select unique_key from jobs where name = 'health.account'`);

    expect(jobs.map((job) => job.unique_key)).toEqual([`health.account:${accountId}:2024-06-15`]);
  });

  it('stores one snapshot per account and day when retried', async () => {
    await accountHealthJob.handler({ accountId, day: '2024-06-15' }, jobRun());
    await accountHealthJob.handler({ accountId, day: '2024-06-15' }, jobRun());
    const snapshots = await context.db.query(`select id from health_scores where account_id = $1 and run_key = 'daily:2024-06-15'`, [accountId]);

    expect(snapshots).toHaveLength(1);
  });
});

describe('health schedule', () => {
  it('starts the chain once per day', async () => {
    const first = await ensureHealthSchedule(context.db, new Date('2024-07-01T10:00:00Z'));
    const second = await ensureHealthSchedule(context.db, new Date('2024-07-01T18:00:00Z'));
    const jobs = await context.db.query('select id from jobs where unique_key = $1', [dailyJobKey('2024-07-01')]);

    expect(first).toBe(true);
    expect(second).toBe(false);
    expect(jobs).toHaveLength(1);
  });
});
