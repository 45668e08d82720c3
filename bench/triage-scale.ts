/**
 * Scale benchmark for the triage models on generated tickets: training time
 * on 50,000 tickets (10 labels) and similar-ticket lookup latency over a
 * 100,000-ticket index. Writes bench/results/triage-scale.json.
 * Run: npx tsx bench/triage-scale.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { percentile } from '../src/triage/metrics.ts';
import { predict, trainTriageModel, type TrainingExample } from '../src/triage/model.ts';
import { createRandom } from '../src/triage/random.ts';
import { SimilarityIndex } from '../src/triage/retrieval.ts';
import { modelMemoryBytes } from '../src/triage/serialize.ts';

const random = createRandom(99);
const vocabulary = Array.from({ length: 20_000 }, (_, index) => `w${index.toString(36)}${'aeiou'[index % 5]}`);

/** Draws a Zipf-like word so that common words are common, as in real tickets. */
function word(): string {
  return vocabulary[Math.floor(vocabulary.length * random() ** 3)];
}

function ticket(label: number): TrainingExample {
  const words = Array.from({ length: 40 }, (_, index) => (index % 4 === 0 ? `topic${label}x${Math.floor(random() * 30)}` : word()));
  return { text: words.join(' '), label: `label${label}` };
}

const trainingTickets = Array.from({ length: 50_000 }, (_, index) => ticket(index % 10));
const trainStarted = performance.now();
const model = trainTriageModel(trainingTickets, { softmax: { epochs: 5 } });
const trainSeconds = (performance.now() - trainStarted) / 1000;

const inferenceStarted = performance.now();
for (let index = 0; index < 2000; index++) predict(model, ticket(index % 10));
const inferenceMs = (performance.now() - inferenceStarted) / 2000;

const index = new SimilarityIndex();
const indexStarted = performance.now();
for (let position = 0; position < 100_000; position++) {
  const { text } = ticket(position % 10);
  index.add({ id: String(position), title: text.slice(0, 60), body: text });
}
const indexSeconds = (performance.now() - indexStarted) / 1000;

const latencies: number[] = [];
for (let query = 0; query < 300; query++) {
  const { text } = ticket(query % 10);
  const started = performance.now();
  index.search({ id: 'query', title: text.slice(0, 60), body: text }, 10);
  latencies.push(performance.now() - started);
}

const result = {
  machine: '2 cores, Node 20',
  train_tickets: trainingTickets.length,
  train_seconds: trainSeconds,
  inference_ms_per_ticket: inferenceMs,
  model_memory_bytes: modelMemoryBytes(model),
  index_tickets: index.size,
  index_build_seconds: indexSeconds,
  lookup_ms_p50: percentile(latencies, 0.5),
  lookup_ms_p95: percentile(latencies, 0.95),
};

await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/triage-scale.json', `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result)}\n`);
