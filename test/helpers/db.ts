/**
 * Shared database helpers for integration tests.
 *
 * openTestDb() returns a migrated, empty database for one test file:
 * - by default an in-memory PGlite database (about 1-3 s to start and migrate);
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
import pg from 'pg';
import { loadConfig } from '../../src/core/config.ts';
import type { AppContext } from '../../src/core/context.ts';
import { createLogger } from '../../src/core/logger.ts';
import { migrate, openPglite, openPostgres, type Db } from '../../src/store/index.ts';

/** The PostgreSQL server the suite runs against, or undefined for the embedded engine. */
export function testServerUrl(): string | undefined {
  const url = process.env.CASEBOOK_TEST_DATABASE_URL;
  return url && url.trim() !== '' ? url : undefined;
}

/** The engine openTestDb() opens, for tests that only make sense on one of them. */
export function testEngine(): Db['engine'] {
  return testServerUrl() ? 'postgres' : 'pglite';
}

/** Opens an empty, migrated database; see the file header for where it lives. */
export async function openTestDb(): Promise<Db> {
  const serverUrl = testServerUrl();
  const db = serverUrl ? await createServerDatabase(serverUrl) : await openPglite('memory://');

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
      await runAdminStatement(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
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
