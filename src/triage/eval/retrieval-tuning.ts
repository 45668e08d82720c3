/**
 * Shared tuning steps of the retrieval benchmarks: the grid of index options
 * that change the candidate features, and the mapping from learned feature
 * weights back to SimilarityIndex options.
 */
import type { CoordinateAscentOptions } from '../rerank.ts';
import type { RetrievalOptions, SimilarityComponents } from '../retrieval.ts';

/** Options that change how documents are tokenised and weighted, each needing its own index. */
export type IndexStructure = Pick<RetrievalOptions, 'firstStage' | 'k1' | 'b' | 'titleWeight' | 'stem' | 'stopWords'>;

/**
 * Non-zero placeholder weights, so that an index computes every signal that
 * scoreComponents returns; the learned weights replace them.
 */
export const allSignals: Partial<RetrievalOptions> = { charWeight: 0.25, wordCosineWeight: 0.25, titleCosineWeight: 0.25 };

export const coordinateAscent: Omit<CoordinateAscentOptions, 'initial'> = {
  values: [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1],
  maxSweeps: 4,
};

export function structureGrid(firstStages: RetrievalOptions['firstStage'][], bm25Settings: { k1: number; b: number }[]): IndexStructure[] {
  const grid: IndexStructure[] = [];
  for (const firstStage of firstStages) {
    for (const { k1, b } of bm25Settings) {
      for (const titleWeight of [1, 2, 3]) {
        for (const stem of [false, true]) {
          for (const stopWords of [false, true]) grid.push({ firstStage, k1, b, titleWeight, stem, stopWords });
        }
      }
    }
  }
  return grid;
}

/** Similarity features of a candidate list in a fixed order: BM25 divided by the list's maximum, word, title and character cosines. */
export function similarityFeatures(components: SimilarityComponents[]): number[][] {
  const maxBm25 = components.reduce((max, signals) => Math.max(max, signals.bm25), 0) || 1;
  return components.map((signals) => [signals.bm25 / maxBm25, signals.wordCosine, signals.titleCosine, signals.charCosine]);
}

/** Turns weights over similarityFeatures into the index's re-ranking weights, which sum to 1 with the BM25 share. */
export function toRerankWeights(weights: number[]): Pick<RetrievalOptions, 'wordCosineWeight' | 'titleCosineWeight' | 'charWeight'> {
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  return { wordCosineWeight: weights[1] / total, titleCosineWeight: weights[2] / total, charWeight: weights[3] / total };
}
