import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { scheduleRetrainingIfDue, trainFields, type FieldTrainingResult } from '../../src/triage/live/index.ts';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';
import { seedDirectory, seedHistory } from './fixture.ts';

let context: AppContext;
let harness: ApiHarness;

beforeAll(async () => {
  context = await testContext();
  harness = await createApiHarness(context);
  await seedDirectory(context.db);
  await seedHistory(context.db, 240, 30);
});

afterAll(async () => {
  await harness.app.close();
  await context.db.close();
});

function resultOf(results: FieldTrainingResult[], field: string): FieldTrainingResult {
  const result = results.find((entry) => entry.field === field);
  if (!result) throw new Error(`no training result for ${field}`);
  return result;
}

async function versionsOf(field: string): Promise<{ id: number; version: number; status: string }[]> {
  return context.db.query('select id, version, status from triage_models where field = $1 order by version', [field]);
}

describe('casebook train on the ticket history', () => {
  let first: FieldTrainingResult[];

  beforeAll(async () => {
    first = await trainFields(context.db);
  });

  it('trains separable fields with held-out metrics', () => {
    const category = resultOf(first, 'category');
    expect(category.status).toBe('trained');
    if (category.status !== 'trained') return;
    expect(category.examples).toBe(240);
    expect(category.classes).toBe(4);
    expect(category.metrics.accuracy).toBeGreaterThan(0.9);
    expect(category.metrics.heldOut).toBe(48);
    expect(category.metrics.coverage).toBeGreaterThan(0.5);
    expect(category.threshold).not.toBeNull();
    expect(resultOf(first, 'component').status).toBe('trained');
  });

  it('skips a field with too few labels', () => {
    const team = resultOf(first, 'team');
    expect(team.status).toBe('skipped');
    expect(team.examples).toBe(30);
    if (team.status === 'skipped') expect(team.reason).toContain('fewer than the 50 needed');
  });

  it('skips a field with one class', () => {
    const priority = resultOf(first, 'priority');
    expect(priority.status).toBe('skipped');
    if (priority.status === 'skipped') expect(priority.reason).toContain('fewer than the 2 needed');
  });

  it('keeps the previous version on retrain', async () => {
    await trainFields(context.db, { field: 'category' });
    expect(await versionsOf('category')).toEqual([
      { id: expect.any(Number), version: 1, status: 'previous' },
      { id: expect.any(Number), version: 2, status: 'active' },
    ]);

    await trainFields(context.db, { field: 'category' });
    expect((await versionsOf('category')).map((row) => row.status)).toEqual(['retired', 'previous', 'active']);
    expect((await versionsOf('component')).map((row) => row.status)).toEqual(['active']);
  });

  it('honours a higher --min-examples', async () => {
    const results = await trainFields(context.db, { field: 'component', minExamples: 1000 });
    expect(results).toHaveLength(1);
    expect(results[0].status).toBe('skipped');
    expect((await versionsOf('component')).map((row) => row.status)).toEqual(['active']);
  });
});

describe('model activation', () => {
  it('rolls back to the previous version', async () => {
    const [, previous, active] = await versionsOf('category');
    const response = await harness.request('POST', `/api/v1/triage/models/${previous.id}/activate`, { token: harness.tokens.admin });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: previous.id, status: 'active' });

    const after = await versionsOf('category');
    expect(after.find((row) => row.id === previous.id)?.status).toBe('active');
    expect(after.find((row) => row.id === active.id)?.status).toBe('previous');
  });

  it('rejects an agent and an unknown id', async () => {
    const [model] = await versionsOf('category');
    expect((await harness.request('POST', `/api/v1/triage/models/${model.id}/activate`)).status).toBe(403);
    expect((await harness.request('POST', '/api/v1/triage/models/999999/activate', { token: harness.tokens.admin })).status).toBe(404);
  });

  it('lists per-field metrics for admins only', async () => {
    const response = await harness.request('GET', '/api/v1/triage/models', { token: harness.tokens.admin });
    expect(response.status).toBe(200);
    const category = response.body.fields.find((field: { field: string }) => field.field === 'category');
    expect(category.active.version).toBe(2);
    expect(category.previous.version).toBe(3);
    expect(category.active.metrics.accuracy).toBeGreaterThan(0.9);
    expect(category.values).toContain('billing');
    expect(response.body.fields.find((field: { field: string }) => field.field === 'team').active).toBeNull();

    expect((await harness.request('GET', '/api/v1/triage/models', { token: harness.tokens.viewer })).status).toBe(403);
  });
});

describe('retraining schedule', () => {
  const policy = { newLabels: 100, minIntervalMs: 60 * 60_000 };

  it('waits an hour after the last training', async () => {
    expect(await scheduleRetrainingIfDue(context.db, policy)).toBe(false);
  });

  it('enqueues one job per hour once enough tickets changed', async () => {
    const later = new Date(Date.now() + 2 * 60 * 60_000);
    await context.db.query("update tickets set updated_at = $1::timestamptz - interval '1 minute'", [later.toISOString()]);

    expect(await scheduleRetrainingIfDue(context.db, policy, later)).toBe(true);
    expect(await scheduleRetrainingIfDue(context.db, policy, later)).toBe(false);
    const jobs = await context.db.query<{ name: string }>("select name from jobs where name = 'triage.train'");
    expect(jobs).toHaveLength(1);
  });

  it('does not enqueue with too few changed tickets', async () => {
    await context.db.exec("delete from jobs where name = 'triage.train'");
    const later = new Date(Date.now() + 4 * 60 * 60_000);
    expect(await scheduleRetrainingIfDue(context.db, { ...policy, newLabels: 10_000 }, later)).toBe(false);
  });
});
