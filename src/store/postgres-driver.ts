import pg from 'pg';
import type { Db, Queryable, QueryOptions } from './db.ts';
import { parseDate, parseInt8, parseNumeric, pgTypeIds } from './db.ts';

pg.types.setTypeParser(pgTypeIds.int8, parseInt8);
pg.types.setTypeParser(pgTypeIds.numeric, parseNumeric);
pg.types.setTypeParser(pgTypeIds.date, parseDate);

/**
 * Names of the statements callers asked to keep prepared. The number is
 * capped because every pooled connection keeps each one for its lifetime.
 */
class PreparedStatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly maxNames = 200) {}

  nameFor(sql: string): string | undefined {
    const name = this.names.get(sql);
    if (name !== undefined || this.names.size >= this.maxNames) return name;

    const assigned = `casebook_${this.names.size + 1}`;
    this.names.set(sql, assigned);
    return assigned;
  }
}

function wrap(client: pg.Pool | pg.PoolClient, statements: PreparedStatementNames): Queryable {
  return {
    async query<Row>(sql: string, params: unknown[] = [], options: QueryOptions = {}) {
      const name = options.prepare ? statements.nameFor(sql) : undefined;
      const result = await client.query({ text: sql, values: params, name });
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
  const statements = new PreparedStatementNames();
  const base = wrap(pool, statements);

  return {
    engine: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, statements));
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
