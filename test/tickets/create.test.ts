import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeImpact } from '../../src/impact/index.ts';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';

let api: ApiHarness;
let accountId: number;
let retiredAgentId: number;

beforeAll(async () => {
  const context = await testContext();
  api = await createApiHarness(context);
  const [account] = await context.db.query<{ id: number }>(
    `insert into accounts (name, domains, tier, arr, renewal_date, health_score)
     values ('Globex', '{globex.test}', 'business', 120000, '2099-01-01', 70) returning id`,
  );
  accountId = account.id;
  await context.db.query(`insert into teams (key, name) values ('tier2', 'Tier 2')`);
  await context.db.query(`insert into product_components (key, name) values ('billing', 'Billing')`);
  const [retired] = await context.db.query<{ id: number }>(
    `insert into agents (email, name, role, active) values ('gone@example.test', 'Gone', 'agent', false) returning id`,
  );
  retiredAgentId = retired.id;
});

afterAll(async () => {
  await api.app.close();
  await api.context.db.close();
});

const base = { subject: 'Invoice shows the wrong VAT', description: 'The March invoice charges 25% VAT instead of 19%.' };

async function contactCount(email: string): Promise<number> {
  const [row] = await api.context.db.query<{ count: number }>('select count(*)::int as count from contacts where lower(email) = lower($1)', [email]);
  return row.count;
}

describe('ticket creation references', () => {
  it.each([
    ['component', { component: 'no-such-component' }, 'no-such-component'],
    ['team', { team: 'night-shift' }, 'night-shift'],
    ['assigneeId', { assigneeId: 987654 }, 987654],
    ['accountId', { accountId: 987654 }, 987654],
    ['requesterId', { requesterId: 987654 }, 987654],
  ])('rejects an unknown %s, naming the field and value', async (field, fields, value) => {
    const response = await api.request('POST', '/api/v1/tickets', { body: { ...base, ...fields } });

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('unknown_reference');
    expect(response.body.error.details[0]).toMatchObject({ field, value });
  });

  it('rejects an empty JSON body, naming the body', async () => {
    const response = await api.app.inject({
      method: 'POST', url: '/api/v1/tickets', payload: '',
      headers: { authorization: `Bearer ${api.tokens.agent}`, 'content-type': 'application/json' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0]).toMatchObject({ field: 'request body' });
  });

  it('rejects a deactivated assignee', async () => {
    const response = await api.request('POST', '/api/v1/tickets', { body: { ...base, assigneeId: retiredAgentId } });

    expect(response.status).toBe(422);
    expect(response.body.error.details[0].fix).toContain('deactivated');
  });

  it('creates no contact for a ticket it rejects', async () => {
    const response = await api.request('POST', '/api/v1/tickets', { body: { ...base, team: 'night-shift', requester: { email: 'first@globex.test' } } });

    expect(response.status).toBe(422);
    expect(await contactCount('first@globex.test')).toBe(0);
  });

  it('creates a new requester once, linked to the account of its domain', async () => {
    const first = await api.request('POST', '/api/v1/tickets', { body: { ...base, requester: { email: 'Ana@Globex.test', name: 'Ana' } } });
    const second = await api.request('POST', '/api/v1/tickets', { body: { ...base, requester: { email: 'ana@globex.test' } } });

    expect(first.status).toBe(201);
    expect(first.body.account).toMatchObject({ id: accountId, name: 'Globex', tier: 'business' });
    expect(second.body.requester.id).toBe(first.body.requester.id);
    expect(await contactCount('ana@globex.test')).toBe(1);
  });

  it('resolves a component and team by id as well as by key', async () => {
    const named = await api.request('POST', '/api/v1/tickets', { body: { ...base, component: 'billing', team: 'tier2' } });
    const byId = await api.request('POST', '/api/v1/tickets', { body: { ...base, component: named.body.component.id, team: named.body.team.id } });

    expect(byId.status).toBe(201);
    expect(byId.body.component.key).toBe('billing');
    expect(byId.body.team.key).toBe('tier2');
  });
});

describe('what a new ticket carries', () => {
  it('stores impact, message, audit and job', async () => {
    const response = await api.request('POST', '/api/v1/tickets', { body: { ...base, priority: 'p2', accountId } });
    const ticket = response.body;
    const today = new Date().toISOString().slice(0, 10);
    const expected = computeImpact({ priority: 'p2', account: { arr: 120000, tier: 'business', healthScore: 70, renewalDate: '2099-01-01' }, today });

    expect(response.status).toBe(201);
    expect(ticket.impactScore).toBe(expected.score);
    expect(ticket.requester).toBeNull();

    const db = api.context.db;
    const messages = await db.query<{ body: string; author_kind: string }>('select body, author_kind from messages where ticket_id = $1', [ticket.id]);
    expect(messages).toEqual([{ body: base.description, author_kind: 'agent' }]);
    const audit = await db.query<{ action: string; changes: unknown }>(`select action, changes from audit_entries where entity = 'ticket' and entity_id = $1`, [ticket.id]);
    expect(audit).toEqual([{ action: 'created', changes: { status: [null, 'new'], priority: [null, 'p2'] } }]);
    const jobs = await db.query<{ name: string; payload: unknown; status: string }>('select name, payload, status from jobs where unique_key = $1', [`triage.predict:${ticket.id}`]);
    expect(jobs).toEqual([{ name: 'triage.predict', payload: { ticketId: ticket.id }, status: 'queued' }]);
    const [stored] = await db.query<{ breakdown: { score: number } }>('select impact_breakdown as breakdown from tickets where id = $1', [ticket.id]);
    expect(stored.breakdown.score).toBe(expected.score);
  });

  it('is found by free-text search on its description right away', async () => {
    await api.request('POST', '/api/v1/tickets', { body: { subject: 'Login loop', description: 'Stuck in a redirect loop after the zeppelin upgrade.' } });

    const found = await api.request('GET', `/api/v1/tickets?q=${encodeURIComponent('zeppelin')}`);
    expect(found.body.items.map((item: { subject: string }) => item.subject)).toEqual(['Login loop']);
  });
});
