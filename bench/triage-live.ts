/**
 * Live triage on a demo organisation: training seconds and held-out accuracy
 * per field, stored model size, and per-ticket prediction latency (the
 * models alone, and the whole triage.predict handler with its writes).
 * Writes bench/results/triage-live.json.
 * Run on a fresh demo database:
 *   export CASEBOOK_DATA=$(mktemp -d) && node bin/casebook.mjs demo && npx tsx bench/triage-live.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { openContext } from '../src/cli/context.ts';
import type { Actor } from '../src/http/actor.ts';
import { createTicket } from '../src/tickets/index.ts';
import { percentile } from '../src/triage/metrics.ts';
import { loadRecentDocuments } from '../src/triage/live/documents.ts';
import { loadActiveModels, trainFields, triageTicket } from '../src/triage/live/index.ts';
import { planPredictions } from '../src/triage/live/predict.ts';
import { VocabularyCache } from '../src/vocabularies/index.ts';

const plannedTickets = 300;
const createdTickets = 40;

const context = await openContext({ logLevel: 'silent' });
const { db } = context;

const [{ tickets }] = await db.query<{ tickets: number }>('select count(*)::int as tickets from tickets');
const training = await trainFields(db);
const [{ bytes }] = await db.query<{ bytes: number }>("select coalesce(sum(length(model)), 0)::bigint as bytes from triage_models where status = 'active'");

const models = await loadActiveModels(db);
const documents = await loadRecentDocuments(db, plannedTickets);
const planMs: number[] = [];
for (const document of documents) {
  const started = performance.now();
  await planPredictions(document, models);
  planMs.push(performance.now() - started);
}

const [admin] = await db.query<{ id: number }>("select id from agents where role = 'admin' order by id limit 1");
const actor: Actor = { kind: 'agent', agentId: admin.id, role: 'admin', credentialId: 'bench' };
const deps = { db, vocabularies: new VocabularyCache() };
const handlerMs: number[] = [];
for (let index = 0; index < createdTickets; index++) {
  const source = documents[index % documents.length];
  const ticket = await createTicket(deps, actor, { subject: `Bench ${index}`, description: source.input.text, requester: { email: `bench${index}@example.test` } });
  const started = performance.now();
  await triageTicket(db, ticket.id);
  handlerMs.push(performance.now() - started);
}

const round = (value: number) => Math.round(value * 100) / 100;
const result = {
  benchmark: 'triage-live',
  engine: db.engine,
  machine: { cpus: os.cpus().length, node: process.version },
  tickets,
  fields: training.map((entry) => entry.status === 'trained'
    ? { field: entry.field, examples: entry.examples, classes: entry.classes, seconds: round(entry.seconds), accuracy: round(entry.metrics.accuracy), macroF1: round(entry.metrics.macroF1), coverage: round(entry.metrics.coverage), threshold: entry.threshold }
    : { field: entry.field, examples: entry.examples, skipped: entry.reason, seconds: round(entry.seconds) }),
  storedModelBytes: bytes,
  predictionMs: { tickets: planMs.length, p50: round(percentile(planMs, 0.5)), p95: round(percentile(planMs, 0.95)) },
  handlerMs: { tickets: handlerMs.length, p50: round(percentile(handlerMs, 0.5)), p95: round(percentile(handlerMs, 0.95)) },
};

await db.close();
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/triage-live.json', `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
