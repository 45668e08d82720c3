/**
 * The one small interface every capability uses to reach the database. Two
 * drivers implement it: PGlite (embedded, file-backed) and node-postgres.
 * Both speak the same PostgreSQL SQL, and both return int8 and numeric columns
 * as JavaScript numbers and date columns as 'YYYY-MM-DD' strings.
 */
export interface QueryOptions {
  /**
   * Keeps the statement prepared on each PostgreSQL connection, so later calls
   * skip parsing and may reuse a generic plan. Use it for hot statements whose
   * best plan does not depend on the parameter values, such as inserts and
   * lookups by key: a generic plan can be far slower for filtered listings.
   * PGlite ignores it.
   */
  prepare?: boolean;
}

export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Row[]>;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn inside one transaction; it commits when fn resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const pgTypeIds = { int8: 20, numeric: 1700, date: 1082 } as const;

export function parseInt8(value: string): number {
  return Number(value);
}

export function parseNumeric(value: string): number {
  return Number(value);
}

export function parseDate(value: string): string {
  return value;
}
