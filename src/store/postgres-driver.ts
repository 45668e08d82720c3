import pg from 'pg';
import type { Db, Queryable } from './db.ts';
import { parseDate, parseInt8, parseNumeric, pgTypeIds } from './db.ts';

pg.types.setTypeParser(pgTypeIds.int8, parseInt8);
pg.types.setTypeParser(pgTypeIds.numeric, parseNumeric);
pg.types.setTypeParser(pgTypeIds.date, parseDate);

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export async function openPostgres(connectionString: string, maxConnections = 10): Promise<Db> {
  // JIT compilation pays off for long analytic scans, not for helpdesk queries: with the
  // default jit=on, PostgreSQL 15 spent 150-570 ms compiling a full-text count over 1M tickets.
  const pool = new pg.Pool({ connectionString, max: maxConnections, options: '-c jit=off' });
  await pool.query('select 1');
  const base = wrap(pool);

  return {
    engine: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
