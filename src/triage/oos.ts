/** Tuning the out-of-scope rule on validation data that includes out-of-scope examples. */

export interface OutOfScopeRule {
  /** Predictions whose calibrated confidence is below this are out of scope. */
  minConfidence: number;
  /** Texts whose best training-neighbour cosine is below this are out of scope. */
  minSimilarity: number;
}

export interface OutOfScopeSample {
  confidence: number;
  similarity: number;
  /** True for an in-scope text whose predicted label is right. */
  correct: boolean;
  /** True for a text labelled out of scope. */
  outOfScope: boolean;
  /** True when the classifier itself predicted the out-of-scope class. */
  predictedOutOfScope: boolean;
}

export function isOutOfScope(rule: OutOfScopeRule, sample: Pick<OutOfScopeSample, 'confidence' | 'similarity' | 'predictedOutOfScope'>): boolean {
  return sample.predictedOutOfScope || sample.confidence < rule.minConfidence || sample.similarity < rule.minSimilarity;
}

/**
 * Grid-searches both thresholds over the validation values. Among the rules
 * that lose at most maxInScopeLoss of in-scope accuracy against flagging
 * nothing (beyond the out-of-scope class itself), it keeps the one with the
 * highest out-of-scope recall, because a wrongly rejected in-scope ticket
 * costs an agent's time on every request while a missed out-of-scope one
 * only falls back to a human. In-scope accuracy counts an in-scope text
 * flagged as out of scope as wrong.
 */
export function tuneOutOfScopeRule(samples: OutOfScopeSample[], maxInScopeLoss = 0.02): OutOfScopeRule {
  const confidenceGrid = quantileGrid(samples.map((sample) => sample.confidence));
  const similarityGrid = quantileGrid(samples.map((sample) => sample.similarity));
  const baseline = scoreRule({ minConfidence: 0, minSimilarity: 0 }, samples);
  let best: OutOfScopeRule = { minConfidence: 0, minSimilarity: 0 };
  let bestScore = { ...baseline };

  for (const minConfidence of confidenceGrid) {
    for (const minSimilarity of similarityGrid) {
      const rule = { minConfidence, minSimilarity };
      const score = scoreRule(rule, samples);
      const allowed = score.inScopeAccuracy >= baseline.inScopeAccuracy - maxInScopeLoss;
      const better = score.outOfScopeRecall > bestScore.outOfScopeRecall || (score.outOfScopeRecall === bestScore.outOfScopeRecall && score.inScopeAccuracy > bestScore.inScopeAccuracy);
      if (allowed && better) {
        bestScore = score;
        best = rule;
      }
    }
  }

  return best;
}

function scoreRule(rule: OutOfScopeRule, samples: OutOfScopeSample[]): { inScopeAccuracy: number; outOfScopeRecall: number } {
  let inScope = 0;
  let inScopeHits = 0;
  let outOfScope = 0;
  let outOfScopeHits = 0;

  for (const sample of samples) {
    const flagged = isOutOfScope(rule, sample);
    if (sample.outOfScope) {
      outOfScope++;
      if (flagged) outOfScopeHits++;
    } else {
      inScope++;
      if (!flagged && sample.correct) inScopeHits++;
    }
  }

  return { inScopeAccuracy: inScope === 0 ? 1 : inScopeHits / inScope, outOfScopeRecall: outOfScope === 0 ? 1 : outOfScopeHits / outOfScope };
}

/** Candidate thresholds: midpoints between neighbouring sorted values, at 60 evenly spaced ranks. */
function quantileGrid(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const grid = new Set<number>([0]);
  const steps = 60;

  for (let step = 0; step < steps && sorted.length > 1; step++) {
    const rank = Math.min(sorted.length - 2, Math.floor((step / steps) * sorted.length));
    grid.add((sorted[rank] + sorted[rank + 1]) / 2);
  }

  return [...grid].sort((a, b) => a - b);
}
