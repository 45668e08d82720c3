/** Classification and ranking metrics used by the evaluation harness. */

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export function accuracy(expected: string[], predicted: string[]): number {
  let hits = 0;
  expected.forEach((label, index) => {
    if (label === predicted[index]) hits++;
  });
  return hits / Math.max(expected.length, 1);
}

/** Per-class precision, recall and F1 over the labels that occur in expected. */
export function perClassScores(expected: string[], predicted: string[]): Record<string, ClassScores> {
  const labels = [...new Set(expected)].sort();
  const scores: Record<string, ClassScores> = {};

  for (const label of labels) {
    let truePositives = 0;
    let predictedCount = 0;
    let support = 0;
    expected.forEach((gold, index) => {
      if (gold === label) support++;
      if (predicted[index] === label) predictedCount++;
      if (gold === label && predicted[index] === label) truePositives++;
    });

    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    scores[label] = { precision, recall, f1, support };
  }

  return scores;
}

/** Unweighted mean F1 over the classes present in expected. */
export function macroF1(expected: string[], predicted: string[]): number {
  const scores = Object.values(perClassScores(expected, predicted));
  return scores.reduce((sum, score) => sum + score.f1, 0) / Math.max(scores.length, 1);
}

/** Average precision of one ranked list of relevance flags; 0 when nothing is relevant. */
export function averagePrecision(rankedRelevance: boolean[]): number {
  let hits = 0;
  let sum = 0;

  rankedRelevance.forEach((relevant, rank) => {
    if (relevant) {
      hits++;
      sum += hits / (rank + 1);
    }
  });

  return hits === 0 ? 0 : sum / hits;
}

/** Reciprocal rank of the first relevant item; 0 when none is relevant. */
export function reciprocalRank(rankedRelevance: boolean[]): number {
  const first = rankedRelevance.indexOf(true);
  return first < 0 ? 0 : 1 / (first + 1);
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
