import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';
import { createAgent, createApiToken } from '../../src/auth/index.ts';

let api: ApiHarness;
let otherAgentToken: string;

beforeAll(async () => {
  api = await createApiHarness(await testContext());
  const other = await createAgent(api.context.db, { email: 'other@example.test', name: 'Other agent', role: 'agent', password: 'correct horse battery' });
  otherAgentToken = (await createApiToken(api.context.db, { agentId: other.id, name: 'other' })).token;

  await api.context.db.query(
    `insert into tickets (subject, priority, status) select 'ticket ' || n, case when n % 3 = 0 then 'p1' else 'p3' end,
       case when n % 2 = 0 then 'open' else 'solved' end from generate_series(1, 30) n`,
  );
});

afterAll(async () => {
  await api.app.close();
  await api.context.db.close();
});

async function create(body: Record<string, unknown>, token = api.tokens.agent) {
  return api.request('POST', '/api/v1/views', { body, token });
}

describe('views CRUD', () => {
  it('creates, reads, updates and deletes a personal view', async () => {
    const created = await create({ name: 'My P1', query: 'priority:p1', sort: '-impact', columns: ['id', 'subject', 'impact'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.shared).toBe(false);
    expect(created.body.ownerAgentId).toBe(api.agentIds.agent);
    expect(created.body.columns).toEqual(['id', 'subject', 'impact']);

    const read = await api.request('GET', `/api/v1/views/${created.body.id}`);
    expect(read.body.query).toBe('priority:p1');

    const updated = await api.request('PATCH', `/api/v1/views/${created.body.id}`, { body: { version: 1, name: 'Urgent', query: 'priority:p1 status:open' } });
    expect(updated.status).toBe(200);
    expect(updated.body.name).toBe('Urgent');
    expect(updated.body.version).toBe(2);

    const stale = await api.request('PATCH', `/api/v1/views/${created.body.id}`, { body: { version: 1, name: 'Late' } });
    expect(stale.status).toBe(409);

    const removed = await api.request('DELETE', `/api/v1/views/${created.body.id}`);
    expect(removed.status).toBe(204);
    expect((await api.request('GET', `/api/v1/views/${created.body.id}`)).status).toBe(404);
  });

  it('rejects a query that does not compile', async () => {
    const response = await create({ name: 'Broken', query: 'priority:p9' });

    expect(response.status).toBe(400);
    expect(response.body.error.details[0].field).toBe('query');
  });

  it('rejects an aggregating query', async () => {
    const response = await create({ name: 'Counting', query: 'status:open count by priority' });

    expect(response.status).toBe(400);
    expect(response.body.error.details[0].field).toBe('query');
  });

  it('rejects an unknown column and sort', async () => {
    const column = await create({ name: 'Cols', columns: ['subject', 'colour'] });
    const sort = await create({ name: 'Sorted', sort: 'colour' });

    expect(column.status).toBe(400);
    expect(sort.status).toBe(400);
  });

  it('rejects a duplicate name of the same owner', async () => {
    expect((await create({ name: 'Twice' })).status).toBe(201);
    const again = await create({ name: 'twice' });

    expect(again.status).toBe(409);
    expect(again.body.error.details[0].field).toBe('name');
  });
});

describe('views permissions', () => {
  it('lets only an admin create a shared view', async () => {
    const byAgent = await create({ name: 'Team queue', query: 'status:open', shared: true });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.error.details[0].field).toBe('shared');

    const byAdmin = await create({ name: 'Team queue', query: 'status:open', shared: true }, api.tokens.admin);
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.shared).toBe(true);
    expect(byAdmin.body.ownerAgentId).toBeNull();
  });

  it('hides personal views from other agents', async () => {
    const mine = await create({ name: 'Secret' });
    const names = (await api.request('GET', '/api/v1/views', { token: otherAgentToken })).body.items.map((view: { name: string }) => view.name);

    expect(names).toContain('Team queue');
    expect(names).not.toContain('Secret');
    expect((await api.request('GET', `/api/v1/views/${mine.body.id}`, { token: otherAgentToken })).status).toBe(404);
    expect((await api.request('DELETE', `/api/v1/views/${mine.body.id}`, { token: otherAgentToken })).status).toBe(404);
  });

  it('keeps agents from changing a shared view', async () => {
    const list = await api.request('GET', '/api/v1/views');
    const shared = list.body.items.find((view: { name: string }) => view.name === 'Team queue');
    const response = await api.request('PATCH', `/api/v1/views/${shared.id}`, { body: { version: shared.version, name: 'Mine now' } });

    expect(response.status).toBe(403);
  });
});

describe('views counts', () => {
  it('counts matching tickets exactly', async () => {
    await create({ name: 'Open P1', query: 'status:open priority:p1' }, api.tokens.viewer);
    await create({ name: 'Everything' }, api.tokens.viewer);
    const response = await api.request('GET', '/api/v1/views?counts=true', { token: api.tokens.viewer });
    const counts = Object.fromEntries(response.body.items.map((view: { name: string; count: number }) => [view.name, view.count]));

    // Tickets 6, 12, 18, 24 and 30 are both even (open) and divisible by 3 (p1).
    expect(counts['Open P1']).toBe(5);
    expect(counts['Everything']).toBe(30);
    expect(counts['Team queue']).toBe(15);
  });

  it('counts day queries in the time zone given', async () => {
    // 23:30 UTC on 2026-03-01 is already 2 March in Tokyo (UTC+9).
    const [ticket] = await api.context.db.query<{ id: number }>(
      `insert into tickets (subject, created_at) values ('Late evening', '2026-03-01T23:30:00Z') returning id`,
    );
    await create({ name: 'Second of March', query: 'created:2026-03-02' }, api.tokens.viewer);

    const count = async (tz: string) => {
      const response = await api.request('GET', `/api/v1/views?counts=true&tz=${encodeURIComponent(tz)}`, { token: api.tokens.viewer });
      return response.body.items.find((view: { name: string }) => view.name === 'Second of March').count;
    };
    expect(await count('UTC')).toBe(0);
    expect(await count('Asia/Tokyo')).toBe(1);

    const invalid = await api.request('GET', '/api/v1/views?counts=true&tz=Mars/Olympus', { token: api.tokens.viewer });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0]).toMatchObject({ field: 'tz', value: 'Mars/Olympus' });
    await api.context.db.query('delete from tickets where id = $1', [ticket.id]);
  });

  it('omits counts unless asked', async () => {
    const response = await api.request('GET', '/api/v1/views');

    expect(response.body.items[0].count).toBeUndefined();
  });
});

describe('query fields', () => {
  it('lists fields with operators and values', async () => {
    await api.context.db.query(`insert into teams (key, name) values ('billing', 'Billing')`);
    const response = await api.request('GET', '/api/v1/query/fields', { token: api.tokens.viewer });
    const byName = new Map(response.body.items.map((field: { name: string }) => [field.name, field]));
    const priority = byName.get('priority') as { kind: string; values: Array<{ value: string }> };
    const impact = byName.get('impact') as { kind: string; operators: string[] };
    const team = byName.get('team') as { values: Array<{ value: string }> };

    expect(response.status).toBe(200);
    expect(priority.kind).toBe('vocabulary');
    expect(priority.values.map((value) => value.value)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(impact.kind).toBe('number');
    expect(impact.operators).toContain('>=');
    expect(team.values.map((value) => value.value)).toEqual(['none', 'billing']);
  });
});
