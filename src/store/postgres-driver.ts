import pg from 'pg';
import type { Db, Queryable } from './db.ts';
import { parseDate, parseInt8, parseNumeric, pgTypeIds } from './db.ts';

pg.types.setTypeParser(pgTypeIds.int8, parseInt8);
pg.types.setTypeParser(pgTypeIds.numeric, parseNumeric);
pg.types.setTypeParser(pgTypeIds.date, parseDate);

/**
 * Names the statements a process runs again and again, so each connection
 * parses them once, and PostgreSQL may reuse a generic plan for them instead
 * of planning every call. A text becomes named on its third sighting, which
 * leaves one-off texts unnamed. The number of names is capped because every
 * pooled connection keeps each named statement for its lifetime.
 */
class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly sightings = new Map<string, number>();

  constructor(private readonly maxNames = 500, private readonly maxSightings = 5000) {}

  nameFor(sql: string): string | undefined {
    const name = this.names.get(sql);
    if (name !== undefined || this.names.size >= this.maxNames) return name;

    const seen = (this.sightings.get(sql) ?? 0) + 1;
    if (seen < 3) {
      if (this.sightings.size >= this.maxSightings) this.sightings.clear();
      this.sightings.set(sql, seen);
      return undefined;
    }
    this.sightings.delete(sql);
    const assigned = `casebook_${this.names.size + 1}`;
    this.names.set(sql, assigned);
    return assigned;
  }
}

function wrap(client: pg.Pool | pg.PoolClient, statements: StatementNames): Queryable {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      // Only parameterised calls can be prepared: a text without parameters may contain several statements.
      const name = params.length > 0 ? statements.nameFor(sql) : undefined;
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
  const statements = new StatementNames();
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
