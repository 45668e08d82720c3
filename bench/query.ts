/**
 * Query-language latency: ten representative queries through runQuery, and
 * the ticket queries also through GET /api/v1/tickets?q= (in-process HTTP
 * injection with an API token), on a seeded organisation.
 *
 * Usage: npx tsx bench/query.ts [pglite|postgres ...]   (default: both)
 * Sizes: 100,000 tickets on PGlite and 1,000,000 on PostgreSQL, 10,000
 * accounts; BENCH_TICKETS and BENCH_ACCOUNTS override them.
 * BENCH_ITERATIONS (default 40) runs per query after BENCH_WARMUP (default 5).
 * BENCH_EXPLAIN=1 prints EXPLAIN ANALYZE of every statement instead of timing.
 * BENCH_VARIANT names a run made under other server settings; the result file
 * keeps the last run of each engine and variant.
 * BENCH_PGLITE_DIR keeps the seeded PGlite database in that directory and
 * reuses it on the next run; BENCH_REUSE=1 with BENCH_DATABASE_URL reuses a
 * seeded PostgreSQL database. Pending migrations are applied to a reused one.
 * Target: p95 under 100 ms per query.
 */
import fs from 'node:fs';
import { createAgent, createApiToken } from '../src/auth/index.ts';
import { loadConfig } from '../src/core/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { compileQuery, loadFieldRegistry, parseQuery, runQuery, type FieldRegistry } from '../src/query/index.ts';
import { ticketPageStatements } from '../src/query/run.ts';
import { buildApp } from '../src/server/app.ts';
import { migrate, openPglite, openPostgres, type Db } from '../src/store/index.ts';
import { machineInfo, openBenchDatabase, summarise, writeResult, type Engine } from './lib/engines.ts';
import { seedQueryData, type QuerySeedStats } from './lib/seed-query.ts';

interface BenchQuery {
  name: string;
  text: string;
  /** Page to fetch, counted from 1, of 50 tickets each. */
  page?: number;
}

const queries: BenchQuery[] = [
  { name: 'manager: at-risk renewals', text: 'status:open priority:p1 account.tier:enterprise account.health<60 account.renewal<90d' },
  { name: 'manager: P1 API bugs this month', text: 'status:open priority:p1 category:bug component:api created:this_month' },
  { name: 'free text', text: '"invoice" status:open' },
  { name: 'negation and OR', text: '(priority:p1 OR account.tier:enterprise) status<solved -category:feature_request -tag:spam' },
  { name: 'unassigned in a team', text: 'assignee:none team:tier1 status:new,open sort:-created' },
  { name: 'relative dates', text: 'status:pending,on_hold updated<7d created>=90d' },
  { name: 'ARR threshold', text: 'account.arr>=50k category:billing created>=90d' },
  { name: 'impact sort, page 3', text: 'status<solved sort:-impact', page: 3 },
  { name: 'count by component', text: 'status:open count by component' },
  { name: 'avg first response by priority', text: 'created>=30d avg first_response_minutes by priority' },
];

const pageSize = 50;
const iterations = Number(process.env.BENCH_ITERATIONS ?? 40);
const warmup = Number(process.env.BENCH_WARMUP ?? 5);
const accountCount = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const log = (line: string) => console.error(line);

interface SeededDatabase {
  db: Db;
  notes: string[];
  seed: QuerySeedStats | 'reused';
  dispose(): Promise<void>;
}

async function isSeeded(db: Db): Promise<boolean> {
  const [{ count }] = await db.query<{ count: number }>('select count(*) as count from tickets');
  return count > 0;
}

async function openReusable(engine: Engine): Promise<{ db: Db; notes: string[]; dispose(): Promise<void> } | null> {
  const dir = process.env.BENCH_PGLITE_DIR;
  if (engine === 'pglite' && dir) {
    const db = await openPglite(dir);
    await migrate(db);
    return { db, notes: ['PGlite 0.5.17, file-backed, kept between runs'], dispose: () => db.close() };
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (engine === 'postgres' && url && process.env.BENCH_REUSE === '1') {
    const db = await openPostgres(url, 4);
    await migrate(db);
    return { db, notes: ['PostgreSQL at BENCH_DATABASE_URL, kept between runs'], dispose: () => db.close() };
  }

  return null;
}

async function openSeeded(engine: Engine, tickets: number): Promise<SeededDatabase> {
  const opened = (await openReusable(engine)) ?? (await openBenchDatabase(engine));
  if (await isSeeded(opened.db)) return { ...opened, seed: 'reused' };

  const seed = await seedQueryData(opened.db, { tickets, accounts: accountCount }, log);
  log(`${engine}: seeded ${seed.tickets} tickets and ${seed.messages} messages in ${seed.seconds} s`);
  return { ...opened, seed };
}

function offsetCursor(page: number): string | undefined {
  return page > 1 ? Buffer.from(JSON.stringify({ offset: (page - 1) * pageSize })).toString('base64url') : undefined;
}

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  for (let index = 0; index < warmup; index += 1) await run();

  const latencies: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const start = performance.now();
    await run();
    latencies.push(performance.now() - start);
  }
  return latencies;
}

async function explain(db: Db, registry: FieldRegistry, query: BenchQuery) {
  const compiled = compileQuery(parseQuery(query.text), registry);
  const statements =
    compiled.kind === 'aggregate'
      ? [{ sql: compiled.sql, params: compiled.params }]
      : Object.values(ticketPageStatements(compiled, pageSize, ((query.page ?? 1) - 1) * pageSize));

  for (const statement of statements) {
    const plan = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${statement.sql}`, statement.params);
    console.log(`\n### ${query.name}: ${query.text}\n${statement.sql}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
  }
}

/** Fetches pages through the list route until the requested one, and returns its URL with the cursor. */
async function routeUrl(inject: (url: string) => Promise<{ nextCursor: string | null }>, query: BenchQuery): Promise<string> {
  let url = `/api/v1/tickets?limit=${pageSize}&q=${encodeURIComponent(query.text)}`;
  for (let page = 1; page < (query.page ?? 1); page += 1) {
    const { nextCursor } = await inject(url);
    if (!nextCursor) break;
    url = `/api/v1/tickets?limit=${pageSize}&cursor=${encodeURIComponent(nextCursor)}&q=${encodeURIComponent(query.text)}`;
  }
  return url;
}

async function measureQuery(db: Db, registry: FieldRegistry, query: BenchQuery, inject: (url: string) => Promise<{ nextCursor: string | null }>) {
  const options = { registry, limit: pageSize, cursor: offsetCursor(query.page ?? 1) };
  const result = await runQuery(db, query.text, options);
  const matched = result.kind === 'tickets' ? { total: result.total, returned: result.items.length } : { groups: result.rows.length };
  const runQueryMs = summarise(await timed(() => runQuery(db, query.text, options)));

  let listRouteMs: ReturnType<typeof summarise> | undefined;
  if (result.kind === 'tickets') {
    const url = await routeUrl(inject, query);
    listRouteMs = summarise(await timed(() => inject(url)));
  }
  log(`  ${query.name}: runQuery p50 ${runQueryMs.p50_ms} p95 ${runQueryMs.p95_ms} ms${listRouteMs ? `, route p50 ${listRouteMs.p50_ms} p95 ${listRouteMs.p95_ms} ms` : ''}`);

  return { name: query.name, query: query.text, page: query.page ?? 1, matched, runQuery: runQueryMs, listRoute: listRouteMs };
}

async function runEngine(engine: Engine) {
  const tickets = Number(process.env.BENCH_TICKETS ?? (engine === 'pglite' ? 100_000 : 1_000_000));
  const seeded = await openSeeded(engine, tickets);
  const { db } = seeded;
  const registry = await loadFieldRegistry(db);

  if (process.env.BENCH_EXPLAIN === '1') {
    for (const query of queries) await explain(db, registry, query);
    await seeded.dispose();
    return null;
  }

  const app = await buildApp({ db, config: loadConfig({}), logger: createLogger('silent') });
  const agent = await createAgent(db, { email: `bench-${Date.now()}@bench.test`, name: 'Bench', role: 'agent' });
  const { token } = await createApiToken(db, { agentId: agent.id, name: 'bench' });
  const inject = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (response.statusCode !== 200) throw new Error(`${url}: HTTP ${response.statusCode} ${response.body}`);
    return response.json() as { nextCursor: string | null };
  };

  const results = [];
  for (const query of queries) results.push(await measureQuery(db, registry, query, inject));

  const [{ count }] = await db.query<{ count: number }>('select count(*) as count from tickets');
  await app.close();
  await seeded.dispose();

  const variant = process.env.BENCH_VARIANT ?? 'default';
  return { engine, variant, tickets: count, accounts: accountCount, seed: seeded.seed, notes: seeded.notes, queries: results };
}

const engines = (process.argv.slice(2).length ? process.argv.slice(2) : ['pglite', 'postgres']) as Engine[];
const runs: NonNullable<Awaited<ReturnType<typeof runEngine>>>[] = [];
for (const engine of engines) {
  const run = await runEngine(engine);
  if (run) runs.push(run);
}

if (runs.length > 0) {
  const file = 'bench/results/query-latency.json';
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { results?: { engine: string; variant?: string }[] }).results ?? [] : [];
  // A run keeps the last results of the other engines and variants in the file.
  const kept = previous.filter((result) => !runs.some((run) => run.engine === result.engine && run.variant === (result.variant ?? 'default')));
  writeResult('query-latency', {
    benchmark: 'query language: ten representative queries, runQuery and GET /api/v1/tickets?q=',
    target_p95_ms: 100,
    iterations, warmup, page_size: pageSize,
    machine: machineInfo(),
    date: new Date().toISOString(),
    results: [...kept, ...runs],
  });
  console.log(JSON.stringify(runs.map((run) => ({ engine: run.engine, tickets: run.tickets, p95: run.queries.map((query) => [query.name, query.runQuery.p95_ms, query.listRoute?.p95_ms]) }))));
}
