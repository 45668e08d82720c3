/**
 * Ticket creation over real HTTP on loopback: 32 concurrent clients, each
 * sending POST /api/v1/tickets back to back for a fixed duration. The server
 * runs as `casebook serve` in its own process, so the load generator does not
 * share its event loop.
 * Usage: npx tsx bench/api.ts [postgres|pglite ...]   (default: postgres pglite)
 * Target on PostgreSQL: p95 under 30 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { once } from 'node:events';
import { createAgent, createApiToken } from '../src/auth/index.ts';
import { cpuMsOfCommand, cpuMsOfProcess } from './lib/cpu.ts';
import { machineInfo, openBenchDatabase, summarise, writeResult, type Engine } from './lib/engines.ts';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const durationMs = Number(process.env.BENCH_SECONDS ?? 20) * 1000;
const warmupMs = 3000;

function post(agent: http.Agent, port: number, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1', port, path: '/api/v1/tickets', method: 'POST', agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Starts `casebook serve` on the benchmark database and waits until it answers /healthz. */
async function startServer(bench: Awaited<ReturnType<typeof openBenchDatabase>>): Promise<{ server: ChildProcess; port: number }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...bench.serverEnv };
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE_DIR] : [];
  const server = spawn(process.execPath, [...profile, 'bin/casebook.mjs', 'serve', '--no-worker'], { env, stdio: ['ignore', 'ignore', 'inherit'] });

  for (let attempt = 0; attempt < 120; attempt += 1) {
    const healthy = await new Promise<boolean>((resolve) => {
      http.get({ host: '127.0.0.1', port, path: '/healthz' }, (response) => { response.resume(); resolve(response.statusCode === 200); })
        .on('error', () => resolve(false));
    });
    if (healthy) return { server, port };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill('SIGKILL');
  throw new Error('casebook serve did not become healthy within 60 s');
}

async function runEngine(engine: Engine) {
  const bench = await openBenchDatabase(engine);
  await bench.db.exec(`insert into accounts (name, domains, tier) values ('Bench Corp', '{bench.test}', 'business');
    insert into teams (key, name) values ('frontline', 'Frontline'); insert into product_components (key, name) values ('api', 'API');`);
  const agentRecord = await createAgent(bench.db, { email: 'bench@bench.test', name: 'Bench', role: 'agent' });
  const { token } = await createApiToken(bench.db, { agentId: agentRecord.id, name: 'bench' });
  await bench.release();
  const { server, port } = await startServer(bench);

  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const start = performance.now();
  let sequence = 0;
  let cpuAtWarmup: { server: number; postgres: number; client: number } | null = null;
  const cpuNow = () => ({ server: cpuMsOfProcess(server.pid!), postgres: cpuMsOfCommand('postgres'), client: process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000 });
  const warmupTimer = setTimeout(() => { cpuAtWarmup = cpuNow(); }, warmupMs);

  async function client(clientId: number) {
    while (performance.now() - start < durationMs + warmupMs) {
      sequence += 1;
      const body = JSON.stringify({
        subject: `Export to CSV times out (${clientId}-${sequence})`,
        description: 'When we export the monthly report the request times out after 30 seconds. Error E504 on the dashboard.',
        priority: ['p1', 'p2', 'p3', 'p4'][sequence % 4], category: 'bug', component: 'api', team: 'frontline',
        requester: { email: `user${sequence % 500}@bench.test`, name: 'Bench User' },
      });
      const sent = performance.now();
      const status = await post(agent, port, token, body);
      const elapsed = performance.now() - sent;
      if (sent - start >= warmupMs) {
        latencies.push(elapsed);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, index) => client(index)));
  clearTimeout(warmupTimer);
  const cpuAtEnd = cpuNow();
  const perRequest = (key: 'server' | 'postgres' | 'client') => cpuAtWarmup ? Math.round(((cpuAtEnd[key] - cpuAtWarmup[key]) / latencies.length) * 1000) / 1000 : null;

  agent.destroy();
  server.kill('SIGTERM');
  await once(server, 'exit');
  await bench.reopen();
  const [{ count }] = await bench.db.query<{ count: number }>('select count(*)::int as count from tickets');
  await bench.dispose();
  return {
    engine, concurrency, seconds: durationMs / 1000, notes: bench.notes, statuses, tickets_in_database: count,
    requests_per_second: Math.round(latencies.length / (durationMs / 1000)), latency: summarise(latencies),
    cpu_ms_per_request: { server: perRequest('server'), postgres: engine === 'postgres' ? perRequest('postgres') : null, load_generator: perRequest('client') },
  };
}

const engines = (process.argv.slice(2).length ? process.argv.slice(2) : ['postgres', 'pglite']) as Engine[];
const results = [];
for (const engine of engines) {
  results.push(await runEngine(engine));
  console.error(`${engine}: ${results.at(-1)!.requests_per_second} req/s, p95 ${results.at(-1)!.latency.p95_ms} ms, CPU ms per request ${JSON.stringify(results.at(-1)!.cpu_ms_per_request)}`);
}
const file = writeResult('api-ticket-create', { benchmark: `POST /api/v1/tickets, ${concurrency} concurrent clients over loopback`, target_p95_ms_postgres: 30, machine: machineInfo(), date: new Date().toISOString(), results });
console.log(JSON.stringify({ file, results: results.map((result) => ({ engine: result.engine, rps: result.requests_per_second, ...result.latency })) }));
