import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openPglite, openPostgres, type Db } from '../../src/store/index.ts';

export type Engine = 'pglite' | 'postgres';

export interface BenchDatabase {
  db: Db;
  engine: Engine;
  /** Closes the database and removes whatever the benchmark created. */
  dispose(): Promise<void>;
  /** Notes about the setup that a reader of the result needs. */
  notes: string[];
  /** Environment that points a `casebook serve` process at this database. */
  serverEnv: Record<string, string>;
  /**
   * Lets another process open the database: PGlite allows one process per
   * data directory, so it is closed until reopen() is called.
   */
  release(): Promise<void>;
  reopen(): Promise<void>;
}

/**
 * Opens a fresh, migrated database for a benchmark: PGlite in a temporary
 * directory, or PostgreSQL at BENCH_DATABASE_URL, else a throwaway cluster
 * started with scripts/pg-cluster.sh.
 */
export async function openBenchDatabase(engine: Engine): Promise<BenchDatabase> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-bench-'));
    const bench: BenchDatabase = {
      db: await openPglite(dir), engine, notes: ['PGlite 0.5.17, file-backed in a temporary directory'],
      serverEnv: { CASEBOOK_DATA: dir },
      async release() { await bench.db.close(); },
      async reopen() { bench.db = await openPglite(dir); },
      async dispose() { await bench.db.close(); fs.rmSync(dir, { recursive: true, force: true }); },
    };
    await migrate(bench.db);
    return bench;
  }

  const given = process.env.BENCH_DATABASE_URL;
  let clusterDir: string | null = null;
  let url = given;
  if (!url) {
    const output = execFileSync('bash', ['scripts/pg-cluster.sh', 'start'], { encoding: 'utf8' });
    clusterDir = /DIR=(.*)/.exec(output)![1];
    url = /URL=(.*)/.exec(output)![1];
  }
  const db = await openPostgres(url, 40);
  await db.exec('drop schema public cascade; create schema public;');
  await migrate(db);
  return {
    db, engine,
    serverEnv: { DATABASE_URL: url },
    async release() {},
    async reopen() {},
    notes: clusterDir ? ['Debian PostgreSQL 15, throwaway cluster on loopback (fsync off, synchronous_commit off)'] : ['PostgreSQL at BENCH_DATABASE_URL'],
    async dispose() {
      await db.close();
      if (clusterDir) execFileSync('bash', ['scripts/pg-cluster.sh', 'stop', clusterDir]);
    },
  };
}

export function percentile(sortedValues: number[], fraction: number): number {
  const index = Math.min(sortedValues.length - 1, Math.ceil(fraction * sortedValues.length) - 1);
  return sortedValues[Math.max(0, index)];
}

export function summarise(latenciesMs: number[]) {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return { count: sorted.length, p50_ms: round(percentile(sorted, 0.5)), p95_ms: round(percentile(sorted, 0.95)), p99_ms: round(percentile(sorted, 0.99)), max_ms: round(sorted[sorted.length - 1]) };
}

export function writeResult(name: string, result: unknown) {
  const file = path.join('bench', 'results', `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export function machineInfo() {
  return { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) };
}
