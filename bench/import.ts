/**
 * Import speed: generates a CSV of 100,000 tickets (one customer message each,
 * an agent reply for every third) in a temporary directory and imports it
 * with `importFile` into a fresh database per engine.
 * Usage: npx tsx bench/import.ts [pglite|postgres ...]   (default: both)
 * PostgreSQL is BENCH_DATABASE_URL, else a throwaway cluster from scripts/pg-cluster.sh.
 * Targets: 1,500 rows/s on PGlite, 10,000 rows/s on PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { importFile } from '../src/import/index.ts';
import { machineInfo, openBenchDatabase, writeResult, type Engine } from './lib/engines.ts';

const rowCount = Number(process.env.BENCH_ROWS ?? 100_000);
const targets: Record<Engine, number> = { pglite: 1_500, postgres: 10_000 };

const products = ['billing portal', 'mobile app', 'API', 'single sign-on', 'reports', 'data export', 'webhooks', 'search'];
const problems = ['returns an error', 'is very slow', 'shows the wrong totals', 'logs me out', 'does not load', 'rejects my file'];
const details = [
  'This started after the last update and affects the whole team.',
  'We tried another browser and cleared the cache, with the same result.',
  'The error message mentions a timeout after thirty seconds.',
  'It happens only for accounts created this month.',
  'Our customers noticed it first and are asking for an estimate.',
];
const priorities = ['p1', 'p2', 'p3', 'p3', 'p4'];
const categories = ['question', 'bug', 'feature_request', 'billing', 'account', 'incident'];

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes a deterministic CSV of n tickets whose texts vary enough to exercise the text indexes. */
async function generateCsv(file: string, n: number) {
  const out = fs.createWriteStream(file);
  out.write('id,subject,body,priority,category,created_at,email,name,company,answer\n');

  for (let i = 0; i < n; i += 1) {
    const product = products[i % products.length];
    const problem = problems[(i * 7) % problems.length];
    const subject = `The ${product} ${problem} (case ${i})`;
    const body = `Hello, the ${product} ${problem} since this morning. ${details[i % details.length]} ${details[(i * 3 + 1) % details.length]} Reference ${i * 7919}.`;
    const created = new Date(Date.UTC(2024, 0, 1) + i * 300_000).toISOString();
    const contact = i % 5_000;
    const answer = i % 3 === 0 ? `Thanks for the report about the ${product}. We reproduced it and a fix ships this week.` : '';
    const line = [`BENCH-${i}`, subject, body, priorities[i % priorities.length], categories[i % categories.length], created,
      `user${contact}@customer${contact % 500}.example`, `User ${contact}`, `Customer ${contact % 500}`, answer].map(csvField).join(',');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }

  out.end();
  await once(out, 'finish');
}

async function runEngine(engine: Engine, file: string) {
  const bench = await openBenchDatabase(engine);
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 250);

  const summary = await importFile(bench.db, { path: file, source: 'bench', rejectsPath: `${file}.${engine}.rejects.jsonl` });
  clearInterval(sampler);
  const [counts] = await bench.db.query<{ tickets: number; messages: number }>(
    'select (select count(*) from tickets) as tickets, (select count(*) from messages) as messages',
  );
  await bench.dispose();

  const rowsPerSecond = Math.round((summary.imported + summary.updated) / summary.seconds);
  return {
    engine,
    notes: bench.notes,
    ...summary,
    tickets_stored: counts.tickets,
    messages_stored: counts.messages,
    rows_per_second: rowsPerSecond,
    target_rows_per_second: targets[engine],
    meets_target: rowsPerSecond >= targets[engine],
    peak_rss_mib: Math.round(peakRss / 2 ** 20),
  };
}

const engines = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['pglite', 'postgres']) as Engine[];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-import-bench-'));
const file = path.join(dir, 'tickets.csv');
await generateCsv(file, rowCount);
const fileMiB = Math.round((fs.statSync(file).size / 2 ** 20) * 10) / 10;

const results = [];
for (const engine of engines) {
  results.push(await runEngine(engine, file));
}
fs.rmSync(dir, { recursive: true, force: true });

const output = writeResult('import', {
  benchmark: 'import',
  input: { rows: rowCount, file_mib: fileMiB, replies: Math.ceil(rowCount / 3), batch: 500 },
  targets,
  machine: machineInfo(),
  results: results.map(({ file: _file, rejectsFile: _rejects, ...result }) => result),
});
process.stdout.write(`${JSON.stringify(results, null, 2)}\nwrote ${output}\n`);
