import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';
import { computeImpact, recomputeAllImpact } from '../../src/impact/index.ts';
import { ensureImpactSchedule, inlineRecomputeLimit, recomputeRenewalImpactJob } from '../../src/impact/jobs.ts';
import type { JobRun } from '../../src/jobs/index.ts';

let api: ApiHarness;
const accounts: Record<string, number> = {};

async function account(name: string, arr: number, tier: string) {
  const response = await api.request('POST', '/api/v1/accounts', { body: { name, arr, tier, healthScore: 80 } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  accounts[name] = response.body.id;
}

async function ticket(subject: string, accountName: string, priority = 'p2') {
  const response = await api.request('POST', '/api/v1/tickets', { body: { subject, description: 'Details', priority, accountId: accounts[accountName] } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function queueSubjects(query: string): Promise<string[]> {
  const response = await api.request('GET', `/api/v1/tickets?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items.map((item: { subject: string }) => item.subject);
}

beforeAll(async () => {
  api = await createApiHarness(await testContext());
  await account('Small Co', 5_000, 'starter');
  await account('Big Co', 600_000, 'enterprise');
  await ticket('small one', 'Small Co');
  await ticket('small two', 'Small Co');
  await ticket('big one', 'Big Co');
  await ticket('no account', 'none');
});

afterAll(async () => {
  await api.app.close();
  await api.context.db.close();
});

describe('impact on write', () => {
  it('stores the score computed on create', async () => {
    const created = await ticket('scored', 'Big Co', 'p1');
    const expected = computeImpact({
      priority: 'p1', account: { arr: 600_000, tier: 'enterprise', healthScore: 80, renewalDate: null }, today: new Date().toISOString().slice(0, 10),
    });

    expect(created.impactScore).toBe(expected.score);
    const impact = await api.request('GET', `/api/v1/tickets/${created.id}/impact`);
    expect(impact.body.score).toBe(expected.score);
    expect(impact.body.components.map((component: { name: string }) => component.name)).toEqual(['priority', 'arr', 'tier', 'health', 'renewal', 'sla']);
    await api.request('PATCH', `/api/v1/tickets/${created.id}`, { body: { version: 1, status: 'solved' } });
  });

  it('recomputes when the priority changes', async () => {
    const created = await ticket('reprioritised', 'Small Co', 'p4');
    const updated = await api.request('PATCH', `/api/v1/tickets/${created.id}`, { body: { version: created.version, priority: 'p1' } });

    expect(updated.body.impactScore - created.impactScore).toBeCloseTo(35 * (1 - 0.1), 1);
    await api.request('PATCH', `/api/v1/tickets/${created.id}`, { body: { version: updated.body.version, status: 'solved' } });
  });

  it('reorders the queue when an account ARR changes', async () => {
    expect(await queueSubjects('sort=-impact&status=new')).toEqual(['big one', 'small two', 'small one', 'no account']);

    const current = await api.request('GET', `/api/v1/accounts/${accounts['Small Co']}`);
    const patched = await api.request('PATCH', `/api/v1/accounts/${accounts['Small Co']}`, { body: { version: current.body.version, arr: 900_000, tier: 'enterprise' } });
    expect(patched.status).toBe(200);

    expect(await queueSubjects('sort=-impact&status=new')).toEqual(['small two', 'small one', 'big one', 'no account']);
    expect(await queueSubjects('q=status:new sort:-impact')).toEqual(['small two', 'small one', 'big one', 'no account']);
    expect(await queueSubjects('q=status:new impact>=50 sort:impact')).toEqual(['big one', 'small one', 'small two']);
  });

  it('leaves solved tickets of a changed account alone', async () => {
    const solved = await api.context.db.query<{ impact_score: number }>(`select impact_score from tickets where subject = 'reprioritised'`);
    const current = await api.request('GET', `/api/v1/accounts/${accounts['Small Co']}`);
    await api.request('PATCH', `/api/v1/accounts/${accounts['Small Co']}`, { body: { version: current.body.version, healthScore: 10 } });
    const after = await api.context.db.query<{ impact_score: number }>(`select impact_score from tickets where subject = 'reprioritised'`);

    expect(after[0].impact_score).toBe(solved[0].impact_score);
  });

  it('pages by impact with a cursor over unscored rows', async () => {
    await api.context.db.query(`update tickets set impact_score = null where subject = 'no account'`);
    const seen: string[] = [];
    let cursor: string | null = null;

    do {
      const response = await api.request('GET', `/api/v1/tickets?sort=-impact&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...response.body.items.map((item: { subject: string }) => item.subject));
      cursor = response.body.nextCursor;
    } while (cursor);

    expect(seen).toHaveLength(6);
    expect(seen[seen.length - 1]).toBe('no account');
    expect(new Set(seen).size).toBe(6);
  });
});

describe('impact in bulk', () => {
  it('backfills every ticket', async () => {
    await api.context.db.query('update tickets set impact_score = null, impact_breakdown = null');
    const count = await recomputeAllImpact(api.context.db);
    const [{ missing }] = await api.context.db.query<{ missing: number }>('select count(*)::int as missing from tickets where impact_score is null');

    expect(count).toBe(6);
    expect(missing).toBe(0);
  });

  it('defers a large account to a job', async () => {
    const db = api.context.db;
    await db.query(
      `insert into tickets (subject, priority, account_id) select 'bulk ' || n, 'p3', $1 from generate_series(1, $2::int) n`,
      [accounts['Big Co'], inlineRecomputeLimit + 1],
    );
    const current = await api.request('GET', `/api/v1/accounts/${accounts['Big Co']}`);
    await api.request('PATCH', `/api/v1/accounts/${accounts['Big Co']}`, { body: { version: current.body.version, arr: 10 } });
    const jobs = await db.query<{ payload: { accountId: number } }>(`select payload from jobs where name = 'impact.recompute-account'`);

    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload.accountId).toBe(accounts['Big Co']);
  });
});

describe('impact renewal schedule', () => {
  it('starts once and chains the next day', async () => {
    const db = api.context.db;
    const now = new Date('2026-03-01T12:00:00Z');
    const renewalAccount = accounts['Small Co'];
    const current = await api.request('GET', `/api/v1/accounts/${renewalAccount}`);
    await api.request('PATCH', `/api/v1/accounts/${renewalAccount}`, { body: { version: current.body.version, renewalDate: '2026-03-31' } });
    await db.query(`update tickets set impact_score = null where account_id = $1`, [renewalAccount]);

    expect(await ensureImpactSchedule(db, now)).toBe(true);
    expect(await ensureImpactSchedule(db, now)).toBe(false);

    const [job] = await db.query<{ id: number; payload: { day: string } }>(`select id, payload from jobs where name = 'impact.recompute-renewals'`);
    expect(job.payload.day).toBe('2026-03-01');
    await recomputeRenewalImpactJob.handler(job.payload, { context: api.context, logger: api.context.logger } as unknown as JobRun);

    const days = await db.query<{ day: string }>(`select payload->>'day' as day from jobs where name = 'impact.recompute-renewals' order by id`);
    expect(days.map((row) => row.day)).toEqual(['2026-03-01', '2026-03-02']);
    const scored = await db.query<{ breakdown: { components: Array<{ name: string; input: unknown }> } }>(
      `select impact_breakdown as breakdown from tickets where account_id = $1 and status = 'new'`, [renewalAccount],
    );
    expect(scored).toHaveLength(2);
    expect(scored[0].breakdown.components.find((component) => component.name === 'renewal')?.input).toBe(30);
  });
});
