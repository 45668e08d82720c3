/**
 * Time to generate the demo organisation (3,000 tickets by default) into a
 * fresh database, planning and writing together, password hashing included.
 * Usage: npx tsx bench/demo-generate.ts [pglite|postgres ...]   (default: both)
 * Target: under 30 s on PGlite.
 */
import { generateDemo } from '../src/demo/index.ts';
import { machineInfo, openBenchDatabase, writeResult, type Engine } from './lib/engines.ts';

const tickets = Number(process.env.BENCH_TICKETS ?? 3_000);
const now = new Date('2025-06-30T12:00:00Z');

async function runEngine(engine: Engine) {
  const bench = await openBenchDatabase(engine);
  const summary = await generateDemo(bench.db, { seed: 42, tickets, now });
  await bench.dispose();

  const rows = Object.values(summary.inserted).reduce((sum, count) => sum + count, 0);
  return {
    engine,
    notes: bench.notes,
    tickets: summary.inserted.tickets,
    messages: summary.inserted.messages,
    rows_inserted: rows,
    seconds: summary.durationMs / 1000,
    rows_per_second: Math.round(rows / (summary.durationMs / 1000)),
  };
}

const engines = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['pglite', 'postgres']) as Engine[];
const results = [];
for (const engine of engines) {
  results.push(await runEngine(engine));
}

const file = writeResult('demo-generate', { benchmark: 'demo-generate', target: 'under 30 s on PGlite', machine: machineInfo(), results });
process.stdout.write(`${JSON.stringify(results, null, 2)}\nwrote ${file}\n`);
