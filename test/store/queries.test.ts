import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/index.ts';
import { openTestDb, testEngine } from '../helpers/db.ts';

let db: Db;

beforeAll(async () => {
  db = await openTestDb();
  await db.exec(`insert into teams (key, name) values ('alpha', 'Alpha'), ('beta', 'Beta')`);
});

afterAll(() => db.close());

const teamByKey = 'select name from teams where key = $1';

describe('prepared statements', () => {
  it('returns the rows of each call', async () => {
    const alpha = await db.query<{ name: string }>(teamByKey, ['alpha'], { prepare: true });
    const beta = await db.query<{ name: string }>(teamByKey, ['beta'], { prepare: true });
    const missing = await db.query<{ name: string }>(teamByKey, ['gamma'], { prepare: true });

    expect(alpha).toEqual([{ name: 'Alpha' }]);
    expect(beta).toEqual([{ name: 'Beta' }]);
    expect(missing).toEqual([]);
  });

  it('keeps only the marked statement prepared', async () => {
    const prepared = await db.transaction(async (tx) => {
      await tx.query(teamByKey, ['alpha'], { prepare: true });
      await tx.query('select name from teams where id = $1', [1]);
      return tx.query<{ statement: string }>('select statement from pg_prepared_statements');
    });

    // PGlite ignores the option, so only PostgreSQL keeps the statement.
    expect(prepared.map((row) => row.statement)).toEqual(testEngine() === 'postgres' ? [teamByKey] : []);
  });
});
