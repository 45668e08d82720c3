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

/** Names of the similarityFeatures columns, in order. */
export const similarityFeatureNames = ['bm25', 'word_cosine', 'title_cosine', 'char_cosine', 'title_char_cosine', 'latent_cosine'] as const;

/**
 * Similarity features of a candidate list in the order of
 * similarityFeatureNames: BM25 divided by the list's maximum, then the word,
 * title, character, title character and latent cosines.
 */
export function similarityFeatures(components: SimilarityComponents[]): number[][] {
  const maxBm25 = components.reduce((max, signals) => Math.max(max, signals.bm25), 0) || 1;
  return components.map((signals) => [signals.bm25 / maxBm25, signals.wordCosine, signals.titleCosine, signals.charCosine, signals.titleCharCosine, signals.latentCosine]);
}

type RerankWeights = Pick<RetrievalOptions, 'wordCosineWeight' | 'titleCosineWeight' | 'charWeight' | 'titleCharWeight' | 'latentWeight'>;

/** Turns weights over similarityFeatures into the index's re-ranking weights, which sum to 1 with the BM25 share. */
export function toRerankWeights(weights: number[]): RerankWeights {
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  const [, wordCosine = 0, titleCosine = 0, char = 0, titleChar = 0, latent = 0] = weights.map((weight) => weight / total);

  return { wordCosineWeight: wordCosine, titleCosineWeight: titleCosine, charWeight: char, titleCharWeight: titleChar, latentWeight: latent };
}
