import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';

let api: ApiHarness;
let accountId: number;
let base: string;

beforeAll(async () => {
  api = await createApiHarness(await testContext());
  accountId = (await api.request('POST', '/api/v1/accounts', { body: { name: 'Acme' } })).body.id;
  base = `/api/v1/accounts/${accountId}/subscriptions`;
});

afterAll(async () => {
  await api.app.close();
  await api.context.db.close();
});

const valid = { product: 'Analytics', plan: 'Pro', seats: 25, mrr: 1250.5, currency: 'EUR', startedOn: '2025-02-01', renewsOn: '2026-02-01', status: 'active' };

describe('subscriptions CRUD', () => {
  it('creates, lists, updates and deletes', async () => {
    const created = await api.request('POST', base, { body: valid });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ...valid, accountId });

    const list = await api.request('GET', base, { token: api.tokens.viewer });
    expect(list.body.items.map((item: { id: number }) => item.id)).toEqual([created.body.id]);

    const updated = await api.request('PATCH', `${base}/${created.body.id}`, { body: { status: 'past_due', mrr: 0 } });
    expect(updated.status).toBe(200);
    expect(updated.body.status).toBe('past_due');
    expect(updated.body.mrr).toBe(0);

    const audit = await api.context.db.query<{ action: string }>(`select action from audit_entries where entity = 'subscription' order by id`);
    expect(audit.map((entry) => entry.action)).toEqual(['created', 'updated']);

    expect((await api.request('DELETE', `${base}/${created.body.id}`)).status).toBe(204);
    expect((await api.request('GET', `${base}/${created.body.id}`)).status).toBe(404);
  });

  it('applies defaults for status and currency', async () => {
    const created = await api.request('POST', base, { body: { product: 'Add-on' } });

    expect(created.body.status).toBe('active');
    expect(created.body.currency).toBe('USD');
  });

  it('returns 404 for an unknown account', async () => {
    expect((await api.request('GET', '/api/v1/accounts/999999/subscriptions')).status).toBe(404);
    expect((await api.request('POST', '/api/v1/accounts/999999/subscriptions', { body: valid })).status).toBe(404);
  });

  it('keeps viewers from writing', async () => {
    expect((await api.request('POST', base, { body: valid, token: api.tokens.viewer })).status).toBe(403);
  });
});

describe('subscriptions validation', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['unknown status', { status: 'paused' }, 'status'],
    ['negative MRR', { mrr: -1 }, 'mrr'],
    ['lower-case currency', { currency: 'eur' }, 'currency'],
    ['made-up currency', { currency: 'ABC' }, 'currency'],
    ['malformed date', { startedOn: '2025-13-01' }, 'startedOn'],
    ['renewal before start', { renewsOn: '2025-01-01' }, 'renewsOn'],
    ['empty product', { product: ' ' }, 'product'],
    ['unknown field', { colour: 'red' }, 'colour'],
  ];

  it.each(cases)('rejects %s', async (_, change, field) => {
    const response = await api.request('POST', base, { body: { ...valid, ...change } });

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it('checks date order against stored values on update', async () => {
    const created = await api.request('POST', base, { body: valid });
    const response = await api.request('PATCH', `${base}/${created.body.id}`, { body: { renewsOn: '2024-12-31' } });

    expect(response.status).toBe(400);
    expect(response.body.error.details[0].field).toBe('renewsOn');
  });
});
