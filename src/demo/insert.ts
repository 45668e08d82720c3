import type { Queryable } from '../store/index.ts';

/** Rows per multi-row INSERT. At this size PGlite 0.5.17 wrote the whole demo at 2,900-4,300 rows/s on a busy 2-core machine (bench/demo-generate.ts). */
export const batchSize = 500;

export interface InsertOptions {
  /** Appended after the VALUES list, e.g. 'on conflict do nothing'. */
  onConflict?: string;
  returning?: string;
}

/**
 * Inserts rows with multi-row INSERT statements of up to batchSize rows and
 * returns the RETURNING rows of all batches. Table and column names come
 * from this module's callers, never from input, and values are always parameters.
 */
export async function insertRows<Row = Record<string, unknown>>(
  db: Queryable,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  options: InsertOptions = {},
): Promise<Row[]> {
  const returned: Row[] = [];

  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const placeholders = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const sql = [
      `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`,
      options.onConflict ?? '',
      options.returning ? `returning ${options.returning}` : '',
    ].join(' ');

    returned.push(...(await db.query<Row>(sql, params)));
  }

  return returned;
}
