import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  name: string;
  sql: string;
}

/** Lists the migration files in name order; each file holds one concern. */
export function listMigrations(): Migration[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(migrationsDir, file), 'utf8') }));
}

async function appliedNames(db: Db): Promise<Set<string>> {
  await db.exec(`create table if not exists schema_migrations (
    name text primary key,
    applied_at timestamptz not null default now()
  )`);
  const rows = await db.query<{ name: string }>('select name from schema_migrations');
  return new Set(rows.map((row) => row.name));
}

export async function pendingMigrations(db: Db): Promise<Migration[]> {
  const applied = await appliedNames(db);
  return listMigrations().filter((migration) => !applied.has(migration.name));
}

/** Applies every pending migration, each in its own transaction, and returns their names. */
export async function migrate(db: Db): Promise<string[]> {
  const pending = await pendingMigrations(db);

  for (const migration of pending) {
    await db.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (name) values ($1)', [migration.name]);
    });
  }

  return pending.map((migration) => migration.name);
}
