/**
 * Similar-question retrieval benchmarks. semeval2016-b re-ranks each original
 * question's ten candidates and reports MAP over all test questions (a
 * question with no relevant candidate scores 0, as the official scorer does).
 * askubuntu-dups (askubuntu-eval.ts) searches a pool of questions for each
 * question's duplicates.
 */
import { averagePrecision, reciprocalRank } from '../metrics.ts';
import { learnWeights, meanMetric, type RankingGroup } from '../rerank.ts';
import { SimilarityIndex } from '../retrieval.ts';
import { readLines, requireFile } from './load.ts';
import { allSignals, coordinateAscent, structureGrid, type IndexStructure } from './retrieval-tuning.ts';

export { runAskUbuntu } from './askubuntu-eval.ts';

interface SemevalPair {
  split: string;
  orgq_id: string;
  orgq_subject: string;
  orgq_body: string;
  relq_id: string;
  relq_ir_rank: number;
  relq_subject: string;
  relq_body: string;
  relevant: number;
}

interface SemevalCandidate {
  id: string;
  rank: number;
  relevant: boolean;
  subject: string;
  body: string;
}

interface SemevalQuery {
  id: string;
  subject: string;
  body: string;
  /** In the search engine's order. */
  candidates: SemevalCandidate[];
}

/**
 * Names of the features in the order of semevalGroups' vectors, for the
 * report. This subset won a two-fold cross-validation between train-part2 and
 * dev (held-out MAP 0.740 against 0.723 for all six features: IR rank, BM25,
 * word, title and character cosines, length ratio).
 */
const featureNames = ['ir_rank', 'word_cosine', 'char_cosine'];

/**
 * Ranks each question's candidates by a linear combination of the search
 * engine's rank and the index's similarity signals. The index options and the
 * weights are tuned on train-part2 plus dev by coordinate ascent on MAP,
 * starting from the search engine's order. Test is then scored once.
 */
export async function runSemevalB(directory: string) {
  const lines = await readLines(await requireFile(directory, 'subtaskB_pairs.jsonl.gz'));
  const pairs = lines.map((line) => JSON.parse(line) as SemevalPair);
  const tuning = groupSemeval(pairs.filter((pair) => pair.split !== 'test2016'));
  const test = groupSemeval(pairs.filter((pair) => pair.split === 'test2016'));
  const initial = [1, 0, 0];

  let best = { structure: structureGrid(['bm25'], [{ k1: 1.2, b: 0.75 }])[0], weights: initial, map: -1 };
  for (const structure of structureGrid(['bm25'], [{ k1: 1.2, b: 0.75 }, { k1: 0.8, b: 0.9 }])) {
    const learned = learnWeights(semevalGroups(tuning, structure), averagePrecision, { ...coordinateAscent, initial });
    if (learned.score > best.map) best = { structure, weights: learned.weights, map: learned.score };
  }

  const testGroups = semevalGroups(test, best.structure);
  const irOrder = [1, 0, 0];

  return {
    preset: 'semeval2016-b',
    test_queries: test.length,
    map: meanMetric(testGroups, best.weights, averagePrecision),
    mrr: meanMetric(testGroups, best.weights, reciprocalRank),
    ir_baseline_map: meanMetric(testGroups, irOrder, averagePrecision),
    similarity_only_map: meanMetric(testGroups, best.weights.map((weight, feature) => (feature === 0 ? 0 : weight)), averagePrecision),
    tuning_map: best.map,
    tuning_ir_baseline_map: meanMetric(semevalGroups(tuning, best.structure), irOrder, averagePrecision),
    chosen: { ...best.structure, weights: Object.fromEntries(featureNames.map((name, feature) => [name, best.weights[feature]])) },
    published: { ir_baseline: 0.7475, best_2016_primary: 0.767 },
  };
}

function groupSemeval(pairs: SemevalPair[]): SemevalQuery[] {
  const queries = new Map<string, SemevalQuery>();
  for (const pair of pairs) {
    const query = queries.get(pair.orgq_id) ?? { id: pair.orgq_id, subject: pair.orgq_subject, body: pair.orgq_body, candidates: [] };
    query.candidates.push({ id: pair.relq_id, rank: pair.relq_ir_rank, relevant: pair.relevant === 1, subject: pair.relq_subject, body: pair.relq_body });
    queries.set(pair.orgq_id, query);
  }

  const grouped = [...queries.values()];
  for (const query of grouped) query.candidates.sort((left, right) => left.rank - right.rank);
  return grouped;
}

/**
 * Features of every candidate, with IDF taken from all candidates of the
 * split: the search engine's rank scaled to (0, 1], the word cosine and the
 * character n-gram cosine.
 */
function semevalGroups(queries: SemevalQuery[], structure: IndexStructure): RankingGroup[] {
  const index = new SimilarityIndex({ ...structure, ...allSignals });
  const seen = new Set<string>();
  for (const candidate of queries.flatMap((query) => query.candidates)) {
    if (seen.has(candidate.id)) continue;
    seen.add(candidate.id);
    index.add({ id: candidate.id, title: candidate.subject, body: candidate.body });
  }

  return queries.map((query) => {
    const ids = query.candidates.map((candidate) => candidate.id);
    const components = index.scoreComponents({ id: query.id, title: query.subject, body: query.body }, ids);
    const features = query.candidates.map((candidate, position) => [1 - (candidate.rank - 1) / 10, components[position].wordCosine, components[position].charCosine]);

    return { features, relevant: query.candidates.map((candidate) => candidate.relevant) };
  });
}
