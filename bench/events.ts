/**
 * Segment-compatible ingestion over real HTTP on loopback: concurrent clients
 * POST /v1/batch with 100, 250 and 500 track events each, spread over 50
 * accounts and 500 identified users, for a fixed duration per batch size.
 * No job worker runs, so this measures ingestion alone (the coalesced usage
 * jobs are queued, not run).
 * Usage: npx tsx bench/events.ts [postgres|pglite ...]   (default: postgres pglite)
 * Target on PostgreSQL: at least 5,000 events/s.
 */
import http from 'node:http';
import { createLogger } from '../src/core/logger.ts';
import { loadConfig } from '../src/core/config.ts';
import { buildApp } from '../src/server/app.ts';
import { createEventSource } from '../src/events/index.ts';
import { machineInfo, openBenchDatabase, summarise, writeResult, type Engine } from './lib/engines.ts';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
const secondsPerSize = Number(process.env.BENCH_SECONDS ?? 8);
const batchSizes = [100, 250, 500];
const accounts = 50;
const users = 500;

function post(agent: http.Agent, port: number, authorization: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1', port, path: '/v1/batch', method: 'POST', agent,
      headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

let sequence = 0;

function trackBatch(size: number): string {
  const now = Date.now();
  const batch = Array.from({ length: size }, () => {
    sequence += 1;
    const user = sequence % users;
    return {
      type: 'track', userId: `user-${user}`, event: ['Report Exported', 'Dashboard Viewed', 'Search Run', 'Invite Sent'][sequence % 4],
      properties: { feature: ['reports', 'dashboards', 'search', 'team'][sequence % 4], durationMs: sequence % 997 },
      context: { library: { name: 'bench', version: '1' }, ip: '198.51.100.4' },
      timestamp: new Date(now - (sequence % 86_400) * 1000).toISOString(), messageId: `bench-${sequence}`,
    };
  });
  return JSON.stringify({ batch, sentAt: new Date(now).toISOString() });
}

function setupBatch(): string {
  const batch = Array.from({ length: users }, (_, user) => [
    { type: 'identify', userId: `user-${user}`, traits: { email: `user${user}@bench.test`, name: `User ${user}` }, messageId: `setup-i-${user}` },
    { type: 'group', userId: `user-${user}`, groupId: `acct-${user % accounts}`, traits: { name: `Account ${user % accounts}`, plan: 'pro' }, messageId: `setup-g-${user}` },
  ]).flat();
  return JSON.stringify({ batch });
}

async function runSize(port: number, authorization: string, size: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let events = 0;
  const start = performance.now();

  async function client() {
    while (performance.now() - start < secondsPerSize * 1000) {
      const body = trackBatch(size);
      const sent = performance.now();
      const response = await post(agent, port, authorization, body);
      latencies.push(performance.now() - sent);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status === 200) events += JSON.parse(response.text).accepted;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => client()));

  const elapsedSeconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { batch_size: size, events, seconds: Math.round(elapsedSeconds * 10) / 10, events_per_second: Math.round(events / elapsedSeconds), statuses, request_latency: summarise(latencies) };
}

async function runEngine(engine: Engine) {
  const bench = await openBenchDatabase(engine);
  const app = await buildApp({ db: bench.db, config: loadConfig({}), logger: createLogger('silent') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const { writeKey } = await createEventSource(bench.db, 'bench', null);
  const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;

  const setupAgent = new http.Agent({ keepAlive: true });
  const setup = await post(setupAgent, port, authorization, setupBatch());
  setupAgent.destroy();
  if (setup.status !== 200) throw new Error(`setup batch failed with ${setup.status}: ${setup.text}`);

  const sizes = [];
  for (const size of batchSizes) {
    sizes.push(await runSize(port, authorization, size));
    console.error(`${engine} batch ${size}: ${sizes.at(-1)!.events_per_second} events/s`);
  }

  await app.close();
  const [{ count }] = await bench.db.query<{ count: number }>(`select count(*)::int8 as count from events where type = 'track'`);
  const [{ unresolved }] = await bench.db.query<{ unresolved: number }>(`select count(*)::int8 as unresolved from events where type = 'track' and account_id is null`);
  await bench.dispose();
  return { engine, concurrency, notes: bench.notes, track_events_in_database: count, track_events_without_account: unresolved, sizes };
}

const engines = (process.argv.slice(2).length ? process.argv.slice(2) : ['postgres', 'pglite']) as Engine[];
const results = [];
for (const engine of engines) results.push(await runEngine(engine));

const file = writeResult('events', {
  benchmark: `POST /v1/batch (Segment format, track events) over loopback, ${concurrency} concurrent clients, ${secondsPerSize} s per batch size`,
  target_events_per_second_postgres: 5000, machine: machineInfo(), date: new Date().toISOString(), results,
});
console.log(JSON.stringify({ file, results: results.map((result) => ({ engine: result.engine, sizes: result.sizes.map((size) => [size.batch_size, size.events_per_second]) })) }));
