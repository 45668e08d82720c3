/** Choosing the confidence threshold below which a prediction abstains. */

/**
 * Confidences are compared at this resolution. A calibrated softmax on
 * well-separated classes saturates: validation confidences come out as
 * exactly 1 and live ones as 0.9999999999991, and an exact comparison would
 * turn every live prediction into a suggestion.
 */
const confidenceSteps = 1e6;

/** Rounds a confidence to the resolution at which thresholds compare (six decimals). */
export function comparableConfidence(confidence: number): number {
  return Math.round(confidence * confidenceSteps) / confidenceSteps;
}

/** Tells whether a confidence reaches a threshold chosen by pickThreshold. */
export function meetsThreshold(confidence: number, threshold: number): boolean {
  return comparableConfidence(confidence) >= threshold;
}

export interface ThresholdChoice {
  /** Predictions with confidence at or above this value are kept; Infinity keeps none. */
  threshold: number;
  /** Share of the validation items kept. */
  coverage: number;
  /** Precision of the kept validation items (1 when none are kept). */
  precision: number;
}

/**
 * Picks the lowest confidence threshold whose kept predictions reach the
 * target precision on validation data, which maximises coverage. Cuts are
 * only placed between distinct confidence values, because items with equal
 * confidence cannot be separated by a threshold. The threshold sits halfway
 * to the next lower confidence seen, not at the last one kept, so a new
 * prediction between the two still counts as confident.
 */
export function pickThreshold(rawConfidences: number[], correct: boolean[], targetPrecision: number): ThresholdChoice {
  const confidences = rawConfidences.map(comparableConfidence);
  const order = confidences.map((_, index) => index).sort((a, b) => confidences[b] - confidences[a]);
  let best: ThresholdChoice = { threshold: Infinity, coverage: 0, precision: 1 };
  let hits = 0;

  for (let rank = 0; rank < order.length; rank++) {
    hits += correct[order[rank]] ? 1 : 0;
    const confidence = confidences[order[rank]];
    const nextConfidence = rank + 1 < order.length ? confidences[order[rank + 1]] : -Infinity;
    if (nextConfidence === confidence) continue;

    const precision = hits / (rank + 1);
    if (precision >= targetPrecision) {
      const threshold = Number.isFinite(nextConfidence) ? (confidence + nextConfidence) / 2 : confidence;
      best = { threshold, coverage: (rank + 1) / order.length, precision };
    }
  }

  return best;
}

/** Measures coverage and precision of a fixed threshold on new data. */
export function applyThreshold(confidences: number[], correct: boolean[], threshold: number): { coverage: number; precision: number } {
  let kept = 0;
  let hits = 0;

  confidences.forEach((confidence, index) => {
    if (meetsThreshold(confidence, threshold)) {
      kept++;
      hits += correct[index] ? 1 : 0;
    }
  });

  return { coverage: kept / Math.max(confidences.length, 1), precision: kept === 0 ? 1 : hits / kept };
}
