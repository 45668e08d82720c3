/**
 * AskUbuntu duplicates: every distinct question of the shipped validation
 * pairs joins one pool, and each question with a known duplicate searches the
 * whole pool. The data set ships a single split, so a seeded hash splits the
 * queries in half: one half tunes the index options and the re-ranking
 * weights, the other half gives the reported scores.
 */
import { hashString } from '../hash.ts';
import { averagePrecision, percentile, reciprocalRank } from '../metrics.ts';
import { learnWeights, type RankingGroup } from '../rerank.ts';
import { SimilarityIndex, type RetrievalOptions } from '../retrieval.ts';
import { stripHtml } from '../text.ts';
import { readLines, requireFile } from './load.ts';
import { allSignals, coordinateAscent, similarityFeatures, structureGrid, toRerankWeights, type IndexStructure } from './retrieval-tuning.ts';

interface PoolQuestion {
  id: string;
  title: string;
  body: string;
}

type Duplicates = Map<string, Set<string>>;

/** First-stage candidates that the re-ranking orders, in tuning and in the reported run. */
const candidateDepth = 100;

/** The options in use before the word cosines, stemming and the learned weights, for the before/after comparison. */
const previousOptions: Partial<RetrievalOptions> = { k1: 1.8, b: 0.9, charWeight: 0.5, titleWeight: 3 };

/** Splits a raw AskUbuntu question into its title and its HTML-stripped body. */
function parseQuestion(raw: string): PoolQuestion {
  const tag = raw.indexOf('<');
  const title = tag < 0 ? raw : raw.slice(0, tag);
  return { id: String(hashString(raw, 1)), title: title.trim(), body: stripHtml(tag < 0 ? '' : raw.slice(tag)) };
}

export async function runAskUbuntu(directory: string) {
  const { pool, duplicates } = await loadPool(directory);
  const queries = [...duplicates.keys()].sort();
  const tuning = queries.filter((id) => Number(id) % 2 === 0);
  const test = queries.filter((id) => Number(id) % 2 === 1);

  let best = { structure: structureGrid(['bm25'], [{ k1: 1.2, b: 0.75 }])[0], weights: [1, 0, 0, 0], mrr: -1 };
  for (const structure of structureGrid(['bm25', 'cosine'], [{ k1: 1.2, b: 0.75 }])) {
    const groups = candidateGroups(pool, duplicates, tuning, structure);
    const learned = learnWeights(groups, reciprocalRank, { ...coordinateAscent, initial: [1, 1, 0, 1] });
    if (learned.score > best.mrr) best = { structure, weights: learned.weights, mrr: learned.score };
  }

  const chosen: Partial<RetrievalOptions> = { ...best.structure, ...toRerankWeights(best.weights), rerankDepth: candidateDepth };
  const testScores = scorePoolQueries(pool, duplicates, test, chosen);

  return {
    preset: 'askubuntu-dups',
    pool_size: pool.size,
    test_queries: test.length,
    ...testScores,
    all_queries: scorePoolQueries(pool, duplicates, queries, chosen),
    previous_options_test: scorePoolQueries(pool, duplicates, test, previousOptions),
    bm25_default_test: scorePoolQueries(pool, duplicates, test, { charWeight: 0, titleWeight: 1 }),
    tuning_mrr: best.mrr,
    chosen,
    reference: { tfidf_mrr: 0.426, tfidf_hit_at_5: 0.546 },
  };
}

async function loadPool(directory: string): Promise<{ pool: Map<string, PoolQuestion>; duplicates: Duplicates }> {
  const lines = await readLines(await requireFile(directory, 'askubuntu_noclue_val.tsv.gz'));
  const pool = new Map<string, PoolQuestion>();
  const duplicates: Duplicates = new Map();

  for (const line of lines) {
    const [label, first, second] = line.split('\t');
    const left = parseQuestion(first);
    const right = parseQuestion(second);
    pool.set(left.id, left);
    pool.set(right.id, right);
    if (label === 'duplicate') {
      link(duplicates, left.id, right.id);
      link(duplicates, right.id, left.id);
    }
  }

  return { pool, duplicates };
}

function link(map: Duplicates, from: string, to: string) {
  const set = map.get(from) ?? new Set<string>();
  set.add(to);
  map.set(from, set);
}

function buildIndex(pool: Map<string, PoolQuestion>, options: Partial<RetrievalOptions>): SimilarityIndex {
  const index = new SimilarityIndex(options);
  for (const question of pool.values()) index.add(question);
  return index;
}

/** The first-stage candidates of each query with their similarity features, for learning the re-ranking weights. */
function candidateGroups(pool: Map<string, PoolQuestion>, duplicates: Duplicates, queries: string[], structure: IndexStructure): RankingGroup[] {
  const index = buildIndex(pool, { ...structure, ...allSignals, rerankDepth: candidateDepth });

  return queries.map((id) => {
    const query = pool.get(id)!;
    const candidates = index.search(query, candidateDepth, new Set([id])).map((hit) => hit.id);
    return { features: similarityFeatures(index.scoreComponents(query, candidates)), relevant: candidates.map((candidate) => duplicates.get(id)!.has(candidate)) };
  });
}

function scorePoolQueries(pool: Map<string, PoolQuestion>, duplicates: Duplicates, queries: string[], options: Partial<RetrievalOptions>) {
  const index = buildIndex(pool, options);
  let rrSum = 0;
  let apSum = 0;
  let hitsAt1 = 0;
  let hitsAt5 = 0;
  const latencies: number[] = [];

  for (const id of queries) {
    const started = performance.now();
    const hits = index.search(pool.get(id)!, 10, new Set([id]));
    latencies.push(performance.now() - started);
    const relevance = hits.map((hit) => duplicates.get(id)!.has(hit.id));
    rrSum += reciprocalRank(relevance);
    apSum += averagePrecision(relevance);
    if (relevance[0]) hitsAt1++;
    if (relevance.slice(0, 5).includes(true)) hitsAt5++;
  }

  const count = Math.max(queries.length, 1);
  return { mrr: rrSum / count, hit_at_1: hitsAt1 / count, hit_at_5: hitsAt5 / count, map_at_10: apSum / count, latency_ms_p95: percentile(latencies, 0.95) };
}
