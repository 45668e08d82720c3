/**
 * Shared database helpers for integration tests.
 *
 * openTestDb() returns a migrated, empty database for one test file:
 * - by default an in-memory PGlite database. Running initdb and the
 *   migrations takes several seconds, so the first call archives a migrated
 *   data directory under the system temp directory, keyed by a hash of the
 *   migrations and the PGlite version, and later calls load that archive
 *   (about 1.5 s on a 2-core machine);
 * - when CASEBOOK_TEST_DATABASE_URL points at a PostgreSQL server (scripts/test
 *   sets it for its second run), a fresh database `cb_test_<random>` created
 *   on that server. Its close() also drops that database.
 *
 * testContext() wraps such a database in an AppContext with the default
 * configuration and a silent logger, ready for buildApp or a service call.
 *
 * Typical use:
 *   let context: AppContext;
 *   beforeAll(async () => { context = await testContext(); });
 *   afterAll(() => context.db.close());
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../src/core/config.ts';
import type { AppContext } from '../../src/core/context.ts';
import { createLogger } from '../../src/core/logger.ts';
import { dumpPgliteDataDir, listMigrations, migrate, openPglite, openPostgres, type Db } from '../../src/store/index.ts';

/** Returns the URL of the PostgreSQL server the suite runs against, or undefined for the embedded engine. */
export function testServerUrl(): string | undefined {
  const url = process.env.CASEBOOK_TEST_DATABASE_URL;
  return url && url.trim() !== '' ? url : undefined;
}

/** Returns the engine openTestDb() opens, for tests that only make sense on one of them. */
export function testEngine(): Db['engine'] {
  return testServerUrl() ? 'postgres' : 'pglite';
}

/** Opens an empty, migrated database; see the file header for where it lives. */
export async function openTestDb(): Promise<Db> {
  const serverUrl = testServerUrl();
  const db = serverUrl ? await createServerDatabase(serverUrl) : await openPglite('memory://', { loadDataDir: await migratedArchive() });

  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }

  return db;
}

/** Returns an AppContext around a fresh test database; close it with context.db.close(). */
export async function testContext(): Promise<AppContext> {
  const db = await openTestDb();

  return { db, config: loadConfig({}), logger: createLogger('silent') };
}

async function createServerDatabase(serverUrl: string): Promise<Db> {
  const name = `cb_test_${crypto.randomBytes(6).toString('hex')}`;
  await runAdminStatement(serverUrl, `create database ${name}`);

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());

  return {
    ...db,
    async close() {
      await db.close();
      await dropServerDatabase(serverUrl, name);
    },
  };
}

/**
 * Drops a test database once its connections are gone. pg's Pool.end()
 * resolves before the server has closed every backend, and `drop ... with
 * (force)` would kill those backends and raise an unhandled error in the
 * closing client, so wait for them (at most about 5 s) and force only then.
 */
async function dropServerDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const { rows } = await client.query('select count(*)::int as connections from pg_stat_activity where datname = $1', [name]);
      if (rows[0].connections === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}

// The database name is generated above from hex digits only, so it is safe to
// place in the statement; identifiers cannot be bound as parameters.
async function runAdminStatement(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

let archive: Promise<Blob> | undefined;

/** Returns the archive of a migrated PGlite data directory, creating the cached file when it is missing. */
function migratedArchive(): Promise<Blob> {
  archive ??= loadOrCreateArchive();
  return archive;
}

async function loadOrCreateArchive(): Promise<Blob> {
  const file = archivePath();
  if (fs.existsSync(file)) {
    return new Blob([fs.readFileSync(file)]);
  }

  const db = await openPglite('memory://');
  try {
    await migrate(db);
    const blob = await dumpPgliteDataDir(db);
    // Two test workers may build the archive at once, so each writes its own file and renames it into place.
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(partial, file);
    return blob;
  } finally {
    await db.close();
  }
}

function archivePath(): string {
  // The package does not export its package.json, so read it from node_modules.
  const manifest = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/@electric-sql/pglite/package.json');
  const pgliteVersion = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
  const hash = crypto.createHash('sha256').update(pgliteVersion);
  for (const migration of listMigrations()) {
    hash.update(migration.name).update('\0').update(migration.sql);
  }

  return path.join(os.tmpdir(), 'casebook-test-pglite', `${hash.digest('hex').slice(0, 16)}.tar`);
}
