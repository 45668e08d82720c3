import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { loadFieldRegistry, runQuery, type FieldRegistry, type QueryResult, type RunQueryOptions } from '../../src/query/index.ts';
import type { Db } from '../../src/store/index.ts';
import { openTestDb } from '../helpers/db.ts';
import { fixtureNow, seedQueryFixture } from './fixture.ts';

let db: Db;
let registry: FieldRegistry;

beforeAll(async () => {
  db = await openTestDb();
  await seedQueryFixture(db);
  registry = await loadFieldRegistry(db);
});
afterAll(() => db.close());

async function run(text: string, options: RunQueryOptions = {}): Promise<QueryResult> {
  return runQuery(db, text, { now: fixtureNow, actorId: 1, registry, limit: 100, ...options });
}

async function ids(text: string, options: RunQueryOptions = {}): Promise<number[]> {
  const result = await run(text, options);
  if (result.kind !== 'tickets') throw new Error('expected tickets');

  return result.items.map((item) => item.id).sort((a, b) => a - b);
}

async function rows(text: string): Promise<unknown[]> {
  const result = await run(text);
  if (result.kind !== 'aggregate') throw new Error('expected an aggregation');

  return result.rows;
}

describe('manager questions', () => {
  it('finds at-risk enterprise P1s renewing soon', async () => {
    const query = 'status:open priority:P1 account.tier:enterprise account.health<60 account.renewal<90d';

    expect(await ids(query)).toEqual([1, 2]);
  });

  it('finds open P1 API bugs this month', async () => {
    const query = 'status:open priority:p1 category:bug component:api created:this_month';

    expect(await ids(query)).toEqual([1, 3]);
    expect(await ids(query, { timeZone: 'Europe/Paris' })).toEqual([1, 3, 4]);
  });
});

describe('runQuery filters', () => {
  const cases: [string, number[]][] = [
    ['component:billing', [2, 7, 8]],
    ['component:api.auth', [1]],
    ['component:none', [9, 10]],
    ['-component:api', [2, 7, 8, 9, 10]],
    ['assignee:none', [3, 6, 10]],
    ['assignee:me', [1, 4, 7, 9]],
    ['assignee:bob@casebook.test', [2, 5, 8]],
    ['assignee:2', [2, 5, 8]],
    ['team:tier2', [2, 6, 7, 8]],
    ['account:acme,Globex', [1, 2, 3, 5]],
    ['account:crm-4', [6, 8]],
    ['account:none', [9, 10]],
    ['requester:pat@acme.test', [1, 2, 5]],
    ['account.arr>=200k', [1, 2, 5, 7]],
    ['account.tier>=business -account.tier:enterprise', [6, 8]],
    ['account.renewal<today', [7]],
    ['priority<=p2 -priority:p1', [6]],
    ['status<solved status!=open', [5, 10]],
    ['-category:bug', [2, 7, 9, 10]],
    ['category:none', []],
    ['tag:vip', [6, 10]],
    ['tags:billing,mobile', [8, 10]],
    ['tag:none', [1, 2, 3, 4, 5, 7, 9]],
    ['solved:none status:solved', []],
    ['first_response_minutes<=30', [1, 3, 9]],
    ['first_response_minutes>30 first_response_minutes<60', [8]],
    ['created>=7d', [3, 6, 7, 10]],
    ['created<7d', [1, 2, 4, 5, 8, 9]],
    ['created>=24h', [10]],
    ['created:yesterday', [7]],
    ['created:2026-11-05', [1]],
    ['created>2026-11-18', [7, 10]],
    ['created<=2026-11-02', [2, 4, 8, 9]],
    ['created>=2026-11-18T08:00:00Z', [3, 7, 10]],
    ['id:3,4', [3, 4]],
    ['(priority:p1 OR priority:p2) status:open NOT component:api', [2, 7, 8]],
    ['channel:email OR channel:phone', [1, 4, 5, 7, 8]],
    ['"card declined"', [7, 9]],
    ['invoice', [2, 7]],
    ['the invoice', [2, 7]],
    ['"the invoice"', [2, 7]],
    ['"declined card"', []],
    ['custom.impact_users>=100', [3]],
    ['custom.severity>=medium', [3, 4]],
    ['custom.severity:HIGH', [3]],
    ['custom.due<30d', [6]],
    ['custom.due>=2027-01-01', [10]],
    ['custom.escalated:false', [7]],
    ['account.custom.industry:retail', [1, 2, 5]],
  ];

  it.each(cases)('%s', async (query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });
});

describe('runQuery sorting and pages', () => {
  it('sorts by vocabulary order, then newest id', async () => {
    const result = await run('status:open sort:priority,-created');
    if (result.kind !== 'tickets') throw new Error('expected tickets');

    expect(result.items.map((item) => item.id)).toEqual([7, 3, 1, 8, 4, 2, 6]);
  });

  it('sorts by an account field', async () => {
    const result = await run('account.arr>=100k order_by:-account.arr');
    if (result.kind !== 'tickets') throw new Error('expected tickets');

    expect(result.items.map((item) => item.id)).toEqual([7, 5, 2, 1, 3]);
  });

  it('pages with a cursor', async () => {
    const first = await run('', { limit: 4 });
    if (first.kind !== 'tickets') throw new Error('expected tickets');
    expect(first.items.map((item) => item.id)).toEqual([10, 7, 3, 6]);
    expect(first.total).toBe(10);

    const second = await run('', { limit: 4, cursor: first.nextCursor! });
    const third = second.kind === 'tickets' ? await run('', { limit: 4, cursor: second.nextCursor! }) : second;
    if (second.kind !== 'tickets' || third.kind !== 'tickets') throw new Error('expected tickets');

    expect(second.items.map((item) => item.id)).toEqual([5, 1, 8, 4]);
    expect(third.items.map((item) => item.id)).toEqual([2, 9]);
    expect(third.nextCursor).toBeNull();
  });

  it('returns linked records on each ticket', async () => {
    const result = await run('id:1');
    if (result.kind !== 'tickets') throw new Error('expected tickets');

    expect(result.items[0]).toMatchObject({
      id: 1,
      subject: 'Token refresh fails',
      component: { key: 'api.auth', name: 'API authentication' },
      team: { key: 'tier1' },
      assignee: { id: 1, email: 'alice@casebook.test' },
      account: { id: 1, name: 'Acme', tier: 'enterprise' },
      requester: { email: 'pat@acme.test' },
      createdAt: '2026-11-05T10:00:00.000Z',
    });
  });

  it('rejects a bad cursor and limit', async () => {
    await expect(run('', { cursor: 'nope' })).rejects.toMatchObject({ code: 'invalid_input', details: [{ field: 'cursor' }] });
    await expect(run('', { limit: 0 })).rejects.toMatchObject({ code: 'invalid_input', details: [{ field: 'limit' }] });
  });
});

describe('runQuery aggregations', () => {
  it('counts by component', async () => {
    expect(await rows('count by component')).toEqual([
      { group: 'api', value: 3 },
      { group: 'billing', value: 2 },
      { group: null, value: 2 },
      { group: 'api.auth', value: 1 },
      { group: 'api.webhooks', value: 1 },
      { group: 'billing.invoices', value: 1 },
    ]);
  });

  it('averages first response by priority', async () => {
    expect(await rows('avg first_response_minutes by priority')).toEqual([
      { group: 'p1', value: 43 },
      { group: 'p2', value: 120 },
      { group: 'p3', value: 10 },
      { group: 'p4', value: null },
    ]);
  });

  it('filters before aggregating', async () => {
    expect(await rows('status:open sum account.arr by account.tier')).toEqual([
      { group: 'business', value: 80_000 },
      { group: 'enterprise', value: 1_270_000 },
    ]);
    expect(await rows('max custom.impact_users by status')).toEqual([
      { group: 'new', value: null },
      { group: 'open', value: 1200 },
      { group: 'pending', value: null },
      { group: 'solved', value: null },
    ]);
  });

  it('groups timestamps by day in the zone', async () => {
    expect(await rows('created<2026-11-01 count by created')).toEqual([
      { group: '2026-09-01', value: 1 },
      { group: '2026-10-20', value: 1 },
      { group: '2026-10-31', value: 1 },
    ]);
  });
});

describe('runQuery injection', () => {
  it('treats quoted SQL as a literal', async () => {
    expect(await ids('account:"x\'; drop table tickets; --"')).toEqual([]);
    expect(await ids('"\'); delete from tickets; --"')).toEqual([]);

    const [{ count }] = await db.query<{ count: number }>('select count(*) as count from tickets');
    expect(count).toBe(10);
  });

  it('rejects SQL in a vocabulary value', async () => {
    const error = await run('status:"open\'; drop table tickets; --"').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
  });
});
