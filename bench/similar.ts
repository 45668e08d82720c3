/**
 * Similar-ticket lookup at scale: builds the per-process resolved-ticket
 * index over 100,000 generated tickets in memory and measures build time,
 * heap growth and the latency of lookups (subject plus first message of a
 * new ticket, top 5 after over-fetching as the route does). The route adds
 * one primary-key query for the hits, which this benchmark leaves out.
 * Writes bench/results/similar.json.
 * Run: node --expose-gc --import tsx bench/similar.ts [ticketCount] [queryCount]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { defaultResolvedIndexOptions, ResolvedTicketIndex, type TicketText } from '../src/triage/assist/index.ts';
import { defaultRetrievalOptions } from '../src/triage/retrieval.ts';
import { percentile } from '../src/triage/metrics.ts';
import { createRandom } from '../src/triage/random.ts';

const ticketCount = Number(process.argv[2] ?? 100_000);
const defaultRerankDepth = defaultResolvedIndexOptions.retrieval.rerankDepth ?? defaultRetrievalOptions.rerankDepth;
const queryCount = Number(process.argv[3] ?? 2_000);
const random = createRandom(2024);

const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

const products = ['dashboard', 'report', 'export', 'invoice', 'API', 'webhook', 'SSO login', 'mobile app', 'integration', 'alert', 'workspace', 'billing page', 'audit log', 'data import', 'chart', 'scheduler'];
const problems = ['fails with a timeout', 'shows the wrong totals', 'is very slow', 'returns error 500', 'does not load', 'sends duplicates', 'stopped syncing', 'logs us out', 'shows a blank page', 'rejects our file', 'charges us twice', 'misses recent data'];
const contexts = ['since the last release', 'for every user in our team', 'only in Safari', 'when the file is large', 'after we changed our plan', 'every Monday morning', 'for our admin account', 'when we filter by region', 'since we enabled SSO', 'for customers in Europe'];
const asks = ['Could you look into it?', 'Is this a known issue?', 'Please advise how to fix it.', 'We need this working before our board meeting.', 'Any workaround would help.'];
const openings = ['Hi,', 'Hello team,', 'Good morning,', 'Dear support,'];

// Generated words widen the vocabulary to tens of thousands of terms, as in a real ticket history.
const rareWords = Array.from({ length: 30_000 }, (_, index) => `${pick(['re', 'co', 'ma', 'ti', 'lu', 've'])}${index.toString(36)}${pick(['ex', 'on', 'ia', 'um'])}`);

function rareWord(): string {
  return rareWords[Math.floor(rareWords.length * random() ** 2)];
}

function generateTicket(id: number): TicketText {
  const product = pick(products);
  const problem = pick(problems);
  const extra = Array.from({ length: 4 + Math.floor(random() * 12) }, rareWord).join(' ');

  return {
    id,
    subject: `${product[0].toUpperCase()}${product.slice(1)} ${problem}`,
    firstMessage: `${pick(openings)}\n\nOur ${product} ${problem} ${pick(contexts)}. ${extra}. Reference ${Math.floor(random() * 1e6)}. ${pick(asks)}\n\nThanks,\n${rareWord()}`,
  };
}

function heapMegabytes(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

const heapBefore = heapMegabytes();
const rerankDepth = Number(process.env.BENCH_RERANK_DEPTH ?? defaultRerankDepth);
const index = new ResolvedTicketIndex({ query: async () => [] } as never, { retrieval: { ...defaultResolvedIndexOptions.retrieval, rerankDepth } });
const buildStarted = performance.now();
for (let id = 1; id <= ticketCount; id++) index.addDocument(generateTicket(id));
const buildSeconds = (performance.now() - buildStarted) / 1000;
const heapMb = heapMegabytes() - heapBefore;

// The first lookup computes the word-vector norms and fits the latent space, so it is timed apart from the rest.
const warmUpTicket = generateTicket(ticketCount + queryCount + 1);
const warmUpStarted = performance.now();
await index.search(warmUpTicket, 15, [warmUpTicket.id]);
const firstLookupSeconds = (performance.now() - warmUpStarted) / 1000;

const latencies: number[] = [];
for (let query = 0; query < queryCount; query++) {
  const ticket = generateTicket(ticketCount + query + 1);
  const started = performance.now();
  await index.search(ticket, 15, [ticket.id]);
  latencies.push(performance.now() - started);
}
const heapAfterQueriesMb = heapMegabytes() - heapBefore;

const result = {
  benchmark: 'similar-tickets lookup over the in-memory resolved-ticket index',
  ticketCount,
  queryCount,
  rerankDepth,
  retrieval: index.options.retrieval,
  buildSeconds: Math.round(buildSeconds * 100) / 100,
  firstLookupSeconds: Math.round(firstLookupSeconds * 100) / 100,
  heapMegabytes: globalThis.gc ? Math.round(heapMb) : null,
  heapMegabytesAfterQueries: globalThis.gc && index.size > 0 ? Math.round(heapAfterQueriesMb) : null,
  latencyMs: {
    p50: round(percentile(latencies, 0.5)),
    p95: round(percentile(latencies, 0.95)),
    p99: round(percentile(latencies, 0.99)),
    max: round(Math.max(...latencies)),
  },
  targetP95Ms: 50,
  machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown' },
  notes: [
    'Synthetic tickets from 16 products x 12 problems x 10 contexts, plus 4-15 words each from a 30,000-word generated vocabulary.',
    'firstLookupSeconds is the first lookup, which computes the word-vector norms and fits the latent space when the options use one; the latencies leave it out.',
    'Lookups ask for 15 hits (limit 5 over-fetched as GET /tickets/:id/similar does) and exclude the query ticket.',
    heapMb > 0 && globalThis.gc ? 'heapMegabytes is the heap growth after building and heapMegabytesAfterQueries after the lookups (which fill the re-ranking cache), measured with --expose-gc.' : 'Run with node --expose-gc to measure heap growth.',
  ],
};

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/similar.json', `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
