/**
 * Queue listing latency at 100,000 tickets: GET /api/v1/tickets with three
 * filters and a sort, through the real app (in-process HTTP injection).
 * Usage: npx tsx bench/queue.ts [pglite|postgres ...]   (default: both)
 * Target: p95 under 50 ms on both engines.
 */
import { createLogger } from '../src/core/logger.ts';
import { loadConfig } from '../src/core/config.ts';
import { buildApp } from '../src/server/app.ts';
import { createAgent, createApiToken } from '../src/auth/index.ts';
import { machineInfo, openBenchDatabase, summarise, writeResult, type Engine } from './lib/engines.ts';
import { seedTickets } from './lib/seed.ts';

const ticketCount = Number(process.env.BENCH_TICKETS ?? 100_000);
const requests = 300;

const queries = [
  'status=open,pending&priority=p1,p2&team=team2&sort=-created_at',
  'status=new&category=bug&component=area3&sort=-updated_at',
  'priority=p1&assignee=none&status=open&sort=-priority',
  'status=open&account=17&channel=email&sort=-created_at',
  'status=pending,on_hold&team=team4&priority=p3&sort=created_at',
  'category=billing&status=open,new&assignee=12&sort=-updated_at',
];

async function runEngine(engine: Engine) {
  const bench = await openBenchDatabase(engine);
  const seedStart = performance.now();
  await seedTickets(bench.db, ticketCount);
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const app = await buildApp({ db: bench.db, config: loadConfig({}), logger: createLogger('silent') });
  const agent = await createAgent(bench.db, { email: 'bench@bench.test', name: 'Bench', role: 'agent' });
  const { token } = await createApiToken(bench.db, { agentId: agent.id, name: 'bench' });

  const perQuery: Record<string, number[]> = {};
  const all: number[] = [];
  for (let index = 0; index < requests + queries.length * 3; index += 1) {
    const query = queries[index % queries.length];
    const start = performance.now();
    const response = await app.inject({ method: 'GET', url: `/api/v1/tickets?${query}&limit=50`, headers: { authorization: `Bearer ${token}` } });
    const elapsed = performance.now() - start;
    if (response.statusCode !== 200) throw new Error(`${query}: HTTP ${response.statusCode} ${response.body}`);
    if (index < queries.length * 3) continue;
    (perQuery[query] ??= []).push(elapsed);
    all.push(elapsed);
  }

  await app.close();
  await bench.dispose();
  return {
    engine, tickets: ticketCount, seed_seconds: Math.round(seedSeconds * 10) / 10, notes: bench.notes,
    overall: summarise(all),
    queries: Object.fromEntries(Object.entries(perQuery).map(([query, values]) => [query, summarise(values)])),
  };
}

const engines = (process.argv.slice(2).length ? process.argv.slice(2) : ['pglite', 'postgres']) as Engine[];
const results = [];
for (const engine of engines) {
  results.push(await runEngine(engine));
  console.error(`${engine}: p95 ${results.at(-1)!.overall.p95_ms} ms`);
}
const file = writeResult('queue-listing', { benchmark: 'queue listing, 3 filters + sort, limit 50', target_p95_ms: 50, machine: machineInfo(), date: new Date().toISOString(), results });
console.log(JSON.stringify({ file, results: results.map((result) => ({ engine: result.engine, ...result.overall })) }));
