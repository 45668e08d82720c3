import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';

let api: ApiHarness;

beforeAll(async () => {
  api = await createApiHarness(await testContext());
});

afterAll(async () => {
  await api.app.close();
  await api.context.db.close();
});

describe('health score and business impact', () => {
  it('rescores open tickets when a CRM health score arrives', async () => {
    const account = await api.request('POST', '/api/v1/accounts', { body: { name: 'Healthy Co', arr: 200_000, tier: 'business', healthScore: 95 } });
    const ticket = await api.request('POST', '/api/v1/tickets', { body: { subject: 'Exports fail', description: 'Details', priority: 'p2', accountId: account.body.id } });
    const before = (await api.request('GET', `/api/v1/tickets/${ticket.body.id}/impact`)).body;

    const imported = await api.request('POST', `/api/v1/accounts/${account.body.id}/health`, { token: api.tokens.admin, body: { score: 20, source: 'hubspot' } });
    expect(imported.status, JSON.stringify(imported.body)).toBeLessThan(300);

    const after = (await api.request('GET', `/api/v1/tickets/${ticket.body.id}/impact`)).body;
    const health = (impact: { components: Array<{ name: string; input: unknown; points: number }> }) =>
      impact.components.find((component) => component.name === 'health')!;
    expect(health(before).input).toBe(95);
    expect(health(after).input).toBe(20);
    expect(health(after).points).toBeGreaterThan(health(before).points);
    expect(after.score).toBeGreaterThan(before.score);
  });
});
