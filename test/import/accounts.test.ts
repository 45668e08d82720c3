import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../../src/auth/index.ts';
import { importFile } from '../../src/import/index.ts';
import type { Db } from '../../src/store/index.ts';
import { openTestDb } from '../helpers/db.ts';

const fixture = path.resolve('test/fixtures/import/accounts.csv');
let db: Db;
let workDir: string;
let csmId: number;

const map = { externalId: 'Account ID', name: 'Company', domains: 'Web domains', renewalDate: 'Renewal', healthScore: 'Health', csmEmail: 'CSM' };

beforeAll(async () => {
  db = await openTestDb();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-accounts-'));
  csmId = (await createAgent(db, { email: 'CSM@example.test', name: 'The CSM', role: 'agent', password: 'correct horse battery' })).id;
});

afterAll(async () => {
  await db.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const rejectsPath = () => path.join(workDir, 'accounts.rejects.jsonl');
const run = () => importFile(db, { entity: 'accounts', path: fixture, map, rejectsPath: rejectsPath(), batchSize: 3 });

function rejects() {
  return fs.readFileSync(rejectsPath(), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

describe('accounts CSV import', () => {
  it('imports good rows and rejects broken ones', async () => {
    const summary = await run();

    expect(summary).toMatchObject({ imported: 3, updated: 0, rejected: 7 });
    expect(rejects().map((entry) => [entry.row, entry.field])).toEqual([
      [3, 'name'], [4, 'tier'], [5, 'arr'], [6, 'currency'], [7, 'renewalDate'], [8, 'healthScore'], [9, 'csmEmail'],
    ]);
    expect(rejects()[1].fix).toContain('enterprise');
  });

  it('stores each mapped field', async () => {
    const [northwind] = await db.query<Record<string, unknown>>(`select * from accounts where external_id = 'ACC-1'`);

    expect(northwind).toMatchObject({
      name: 'Northwind Traders', domains: ['northwind.test', 'nw-traders.test'], tier: 'enterprise', arr: 1_200_000, currency: 'USD',
      plan: 'Scale', seats: 400, renewal_date: '2026-09-30', health_score: 72, segment: 'Enterprise', region: 'EMEA', csm_agent_id: csmId,
    });
    const [globex] = await db.query<Record<string, unknown>>(`select tier, currency, health_score from accounts where external_id = 'ACC-2'`);
    expect(globex).toEqual({ tier: 'business', currency: 'EUR', health_score: null });
  });

  it('records health as an import snapshot', async () => {
    const snapshots = await db.query<{ name: string; score: number; source: string }>(
      'select a.name, h.score, h.source from health_scores h join accounts a on a.id = h.account_id order by a.name',
    );

    expect(snapshots).toEqual([{ name: 'Northwind Traders', score: 72, source: 'import' }, { name: 'Wayne Enterprises', score: 35, source: 'import' }]);
  });

  it('changes nothing on re-import', async () => {
    const before = await db.query('select id, version, updated_at from accounts order by id');
    const summary = await run();
    const after = await db.query('select id, version, updated_at from accounts order by id');
    const [{ snapshots }] = await db.query<{ snapshots: number }>('select count(*)::int as snapshots from health_scores');

    expect(summary).toMatchObject({ imported: 0, updated: 3, rejected: 7 });
    expect(after).toEqual(before);
    expect(snapshots).toBe(2);
  });

  it('updates a changed row by external id', async () => {
    const changed = path.join(workDir, 'changed.csv');
    fs.writeFileSync(changed, 'Account ID,Company,Health,ARR\nACC-1,Northwind Traders Ltd,60,\n');
    const summary = await importFile(db, { entity: 'accounts', path: changed, map: { externalId: 'Account ID', name: 'Company', healthScore: 'Health' } });
    const [northwind] = await db.query<Record<string, unknown>>(`select name, arr, health_score, version from accounts where external_id = 'ACC-1'`);
    const [{ snapshots }] = await db.query<{ snapshots: number }>('select count(*)::int as snapshots from health_scores');

    expect(summary).toMatchObject({ imported: 0, updated: 1, rejected: 0 });
    expect(northwind).toEqual({ name: 'Northwind Traders Ltd', arr: 1_200_000, health_score: 60, version: 2 });
    expect(snapshots).toBe(3);
  });

  it('rejects an unknown mapping field', async () => {
    await expect(importFile(db, { entity: 'accounts', path: fixture, map: { colour: 'Tier' } })).rejects.toThrow(/Unknown account field "colour"/);
  });
});
