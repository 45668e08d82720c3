/**
 * Learns the weights of a linear combination of ranking features by
 * coordinate ascent on a list metric (MAP, MRR), as in Metzler and Croft's
 * linear feature-based ranking model. Each query is a group of candidates, and
 * only the order within a group counts, so the weights need no scale.
 */

export interface RankingGroup {
  /** One feature vector per candidate, in the group's original order. */
  features: number[][];
  relevant: boolean[];
}

/** Scores one ranked list from its relevance flags, best candidate first. */
export type ListMetric = (relevantInRankOrder: boolean[]) => number;

export interface CoordinateAscentOptions {
  /** Values tried for each weight in turn. */
  values: number[];
  /** Upper bound on sweeps over all the weights; a sweep that improves nothing stops early. */
  maxSweeps: number;
  initial: number[];
}

export interface LearnedWeights {
  weights: number[];
  score: number;
}

/** Ranks a group by the weighted sum of its features, ties kept in the original order. */
export function rankGroup(group: RankingGroup, weights: number[]): number[] {
  const scores = group.features.map((features) => features.reduce((sum, value, index) => sum + value * weights[index], 0));
  return scores.map((_, index) => index).sort((left, right) => scores[right] - scores[left] || left - right);
}

/** Returns the mean of the metric over all groups when ranked by the given weights. */
export function meanMetric(groups: RankingGroup[], weights: number[], metric: ListMetric): number {
  let sum = 0;
  for (const group of groups) {
    sum += metric(rankGroup(group, weights).map((index) => group.relevant[index]));
  }
  return sum / Math.max(groups.length, 1);
}

/**
 * Changes one weight at a time to the value that most raises the mean metric,
 * and sweeps until no single change helps. A change must gain more than a
 * rounding error, so equal-scoring values keep the earlier weight.
 */
export function learnWeights(groups: RankingGroup[], metric: ListMetric, options: CoordinateAscentOptions): LearnedWeights {
  const weights = [...options.initial];
  let best = meanMetric(groups, weights, metric);

  for (let sweep = 0; sweep < options.maxSweeps; sweep++) {
    let improved = false;

    for (let feature = 0; feature < weights.length; feature++) {
      for (const value of options.values) {
        const trial = [...weights];
        trial[feature] = value;
        const score = meanMetric(groups, trial, metric);
        if (score > best + 1e-9) {
          best = score;
          weights[feature] = value;
          improved = true;
        }
      }
    }

    if (!improved) break;
  }

  return { weights, score: best };
}
