import fs from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { Db, Queryable } from './db.ts';
import { lockDataDirectory } from './pglite-lock.ts';
import { parseDate, parseInt8, parseNumeric, pgTypeIds } from './db.ts';

const parsers = {
  [pgTypeIds.int8]: parseInt8,
  [pgTypeIds.numeric]: parseNumeric,
  [pgTypeIds.date]: parseDate,
};

function wrap(target: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await target.query<Row>(sql, params, { parsers });
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

const instances = new WeakMap<Db, PGlite>();

export interface OpenPgliteOptions {
  /** A data directory archive from dumpPgliteDataDir, loaded instead of running initdb; tests use it to skip setup. */
  loadDataDir?: Blob;
}

/** Opens (creating when needed) the embedded database in dataDir; pass 'memory://' for a throwaway one. */
export async function openPglite(dataDir: string, options: OpenPgliteOptions = {}): Promise<Db> {
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDirectory(dataDir);
  }

  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent }, loadDataDir: options.loadDataDir });
  } catch (error) {
    unlock();
    throw error;
  }
  const base = wrap(pglite);

  const db: Db = {
    engine: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
  instances.set(db, pglite);

  return db;
}

/** Archives the data directory of a database opened by openPglite, for openPglite's loadDataDir option. */
export async function dumpPgliteDataDir(db: Db): Promise<Blob> {
  const pglite = instances.get(db);
  if (!pglite) {
    throw new Error(`dumpPgliteDataDir needs a database opened by openPglite, not a ${db.engine} one`);
  }

  return pglite.dumpDataDir('none');
}

export { types as pgliteTypes };
