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
 * Grid-searches both thresholds over quantiles of the validation values and
 * keeps the rule that maximises the mean of in-scope accuracy and
 * out-of-scope recall, the two numbers the CLINC150 protocol reports.
 * In-scope accuracy counts an in-scope text flagged as out of scope as wrong.
 */
export function tuneOutOfScopeRule(samples: OutOfScopeSample[]): OutOfScopeRule {
  const confidenceGrid = quantileGrid(samples.map((sample) => sample.confidence));
  const similarityGrid = quantileGrid(samples.map((sample) => sample.similarity));
  let best: OutOfScopeRule = { minConfidence: 0, minSimilarity: 0 };
  let bestScore = -1;

  for (const minConfidence of confidenceGrid) {
    for (const minSimilarity of similarityGrid) {
      const rule = { minConfidence, minSimilarity };
      const score = scoreRule(rule, samples);
      if (score > bestScore) {
        bestScore = score;
        best = rule;
      }
    }
  }

  return best;
}

function scoreRule(rule: OutOfScopeRule, samples: OutOfScopeSample[]): number {
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

  const inScopeAccuracy = inScope === 0 ? 1 : inScopeHits / inScope;
  const outOfScopeRecall = outOfScope === 0 ? 1 : outOfScopeHits / outOfScope;

  return (inScopeAccuracy + outOfScopeRecall) / 2;
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
