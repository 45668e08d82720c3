/**
 * AskUbuntu duplicates: every distinct question of the shipped validation
 * pairs joins one pool, and each question with a known duplicate searches the
 * whole pool. The data set ships a single split, so a seeded hash splits the
 * queries in half: one half tunes the index options and the re-ranking
 * weights, the other half gives the reported scores.
 */
import { hashString } from '../hash.ts';
import { averagePrecision, percentile, reciprocalRank } from '../metrics.ts';
import { learnWeights, type LearnedWeights, type RankingGroup } from '../rerank.ts';
import { SimilarityIndex, type RetrievalOptions } from '../retrieval.ts';
import { stripHtml } from '../text.ts';
import { defaultResolvedIndexOptions } from '../assist/resolved-index.ts';
import { readLines, requireFile } from './load.ts';
import { allSignals, coordinateAscent, similarityFeatureNames, similarityFeatures, structureGrid, toRerankWeights, type IndexStructure } from './retrieval-tuning.ts';

interface PoolQuestion {
  id: string;
  title: string;
  body: string;
}

type Duplicates = Map<string, Set<string>>;

/** First-stage candidates that the re-ranking orders, in tuning and in the reported run. */
const candidateDepth = 100;

/**
 * Signals added to allSignals for this benchmark: the title character cosine
 * and the latent cosine, with latentDimensions as the default of the grid in
 * latentDimensionChoices.
 */
const extraSignals: Partial<RetrievalOptions> = { titleCharWeight: 0.1, latentDimensions: 50, latentWeight: 0.1 };

/** Latent dimensions compared on the tuning half once the index structure is chosen. */
const latentDimensionChoices = [30, 50, 80];

/**
 * Feature sets learnt in turn on the tuning half. Each set is learnt from two
 * starts, the lexical start weights and the best weights so far, because
 * coordinate ascent from one start can stop in a worse optimum with more
 * features than with fewer.
 */
const featureSets: Record<string, boolean[]> = {
  lexical: [true, true, true, true, false, false],
  lexical_title_char: [true, true, true, true, true, false],
  lexical_latent: [true, true, true, true, false, true],
  all: [true, true, true, true, true, true],
};

/** The options of the live similar-ticket lookup, scored here for what they cost against the chosen options. */
const liveOptions: Partial<RetrievalOptions> = defaultResolvedIndexOptions.retrieval;

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
  const tuned = tuneOnQueries(pool, duplicates, tuning);
  const testScores = scorePoolQueries(pool, duplicates, test, tuned.chosen);

  return {
    preset: 'askubuntu-dups',
    pool_size: pool.size,
    test_queries: test.length,
    ...testScores,
    all_queries: scorePoolQueries(pool, duplicates, queries, tuned.chosen),
    live_options_test: scorePoolQueries(pool, duplicates, test, liveOptions),
    previous_options_test: scorePoolQueries(pool, duplicates, test, previousOptions),
    bm25_default_test: scorePoolQueries(pool, duplicates, test, { charWeight: 0, titleWeight: 1 }),
    tuning_mrr: tuned.mrr,
    tuning_mrr_by_feature_set: tuned.byFeatureSet,
    tuning_mrr_by_latent_dimensions: tuned.byDimensions,
    chosen: tuned.chosen,
    live_options: liveOptions,
    reference: { tfidf_mrr: 0.426, tfidf_hit_at_5: 0.546 },
  };
}

/** Chooses the index structure, the latent dimensions and the re-ranking weights by MRR on the given queries only. */
function tuneOnQueries(pool: Map<string, PoolQuestion>, duplicates: Duplicates, queries: string[]) {
  let best = { structure: structureGrid(['bm25'], [{ k1: 1.2, b: 0.75 }])[0], learned: { weights: [1, 0, 0, 0, 0, 0], score: -1 } };
  for (const structure of structureGrid(['bm25', 'cosine'], [{ k1: 1.2, b: 0.75 }])) {
    const learned = learnFeatureSets(candidateGroups(pool, duplicates, queries, structure, extraSignals)).best;
    if (learned.score > best.learned.score) best = { structure, learned };
  }

  let latentDimensions = extraSignals.latentDimensions!;
  let byFeatureSet: Record<string, number> = {};
  const byDimensions: Record<string, number> = {};
  for (const dimensions of latentDimensionChoices) {
    const learned = learnFeatureSets(candidateGroups(pool, duplicates, queries, best.structure, { ...extraSignals, latentDimensions: dimensions }));
    byDimensions[dimensions] = learned.best.score;
    if (dimensions === latentDimensions) byFeatureSet = learned.scores;
    if (learned.best.score > best.learned.score) {
      best = { structure: best.structure, learned: learned.best };
      latentDimensions = dimensions;
      byFeatureSet = learned.scores;
    }
  }

  const chosen: Partial<RetrievalOptions> = { ...best.structure, ...toRerankWeights(best.learned.weights), latentDimensions, rerankDepth: candidateDepth };
  if (chosen.latentWeight === 0) chosen.latentDimensions = 0;

  return { chosen, mrr: best.learned.score, byFeatureSet, byDimensions };
}

/** Learns the weights of each feature set in turn and returns every set's score and the best weights over all features. */
function learnFeatureSets(groups: RankingGroup[]): { best: LearnedWeights; scores: Record<string, number> } {
  const lexicalStart = [1, 1, 0, 1, 0, 0];
  let best: LearnedWeights = { weights: lexicalStart, score: -1 };
  const scores: Record<string, number> = {};

  for (const [name, used] of Object.entries(featureSets)) {
    const subset = groups.map((group) => ({ relevant: group.relevant, features: group.features.map((row) => row.filter((_, feature) => used[feature])) }));
    const [fromLexical, fromBest] = [lexicalStart, best.weights].map((start) =>
      learnWeights(subset, reciprocalRank, { ...coordinateAscent, initial: start.filter((_, feature) => used[feature]) }),
    );
    const learned = fromBest.score > fromLexical.score ? fromBest : fromLexical;
    scores[name] = learned.score;
    if (learned.score > best.score) best = { weights: expandWeights(learned.weights, used), score: learned.score };
  }

  return { best, scores };
}

/** Spreads the weights of a feature subset over all similarity features, with 0 for the unused ones. */
function expandWeights(subsetWeights: number[], used: boolean[]): number[] {
  const weights = similarityFeatureNames.map(() => 0);
  let next = 0;
  used.forEach((isUsed, feature) => {
    if (isUsed) weights[feature] = subsetWeights[next++];
  });
  return weights;
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
function candidateGroups(
  pool: Map<string, PoolQuestion>,
  duplicates: Duplicates,
  queries: string[],
  structure: IndexStructure,
  signals: Partial<RetrievalOptions>,
): RankingGroup[] {
  const index = buildIndex(pool, { ...structure, ...allSignals, ...signals, rerankDepth: candidateDepth });

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
