import type { Config } from '../core/config.ts';
import type { Db } from './db.ts';
import { openPglite } from './pglite-driver.ts';
import { openPostgres } from './postgres-driver.ts';

export type { Db, Queryable, QueryOptions } from './db.ts';
export { migrate, pendingMigrations, listMigrations } from './migrate.ts';
export { openPglite, dumpPgliteDataDir, type OpenPgliteOptions } from './pglite-driver.ts';
export { openPostgres } from './postgres-driver.ts';
export { DataDirectoryInUseError } from './pglite-lock.ts';

/** Opens PostgreSQL when DATABASE_URL is set, otherwise the embedded database in CASEBOOK_DATA. */
export function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'dataDir'>): Promise<Db> {
  if (config.DATABASE_URL) {
    return openPostgres(config.DATABASE_URL);
  }
  return openPglite(config.dataDir);
}
