/** Probability calibration by temperature scaling, and the expected calibration error that measures it. */
import { softmaxInPlace } from './softmax.ts';

/** Returns the mean negative log-likelihood of the targets under softmax(logits / temperature). */
export function negativeLogLikelihood(logits: Float64Array[], targets: number[], temperature: number): number {
  let total = 0;

  logits.forEach((row, index) => {
    const probabilities = softmaxInPlace(Float64Array.from(row), temperature);
    total -= Math.log(Math.max(probabilities[targets[index]], 1e-12));
  });

  return total / Math.max(logits.length, 1);
}

/**
 * Finds the temperature that minimises validation log-loss, by golden-section
 * search over log(temperature) in [0.02, 50]. Log-loss is convex in 1/T for a
 * fixed set of logits, so the search finds the single minimum.
 */
export function fitTemperature(logits: Float64Array[], targets: number[]): number {
  if (logits.length === 0) {
    return 1;
  }

  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(0.02);
  let high = Math.log(50);
  let left = high - ratio * (high - low);
  let right = low + ratio * (high - low);
  let leftLoss = negativeLogLikelihood(logits, targets, Math.exp(left));
  let rightLoss = negativeLogLikelihood(logits, targets, Math.exp(right));

  for (let step = 0; step < 40; step++) {
    if (leftLoss < rightLoss) {
      high = right;
      right = left;
      rightLoss = leftLoss;
      left = high - ratio * (high - low);
      leftLoss = negativeLogLikelihood(logits, targets, Math.exp(left));
    } else {
      low = left;
      left = right;
      leftLoss = rightLoss;
      right = low + ratio * (high - low);
      rightLoss = negativeLogLikelihood(logits, targets, Math.exp(right));
    }
  }

  return Math.exp((low + high) / 2);
}

/**
 * Expected calibration error: predictions grouped into equal-width confidence
 * bins, then the size-weighted mean gap between each bin's accuracy and its
 * mean confidence.
 */
export function expectedCalibrationError(confidences: number[], correct: boolean[], binCount = 15): number {
  const sums = new Float64Array(binCount);
  const hits = new Float64Array(binCount);
  const counts = new Float64Array(binCount);

  confidences.forEach((confidence, index) => {
    const bin = Math.min(binCount - 1, Math.floor(confidence * binCount));
    sums[bin] += confidence;
    hits[bin] += correct[index] ? 1 : 0;
    counts[bin] += 1;
  });

  let error = 0;
  for (let bin = 0; bin < binCount; bin++) {
    if (counts[bin] > 0) {
      error += Math.abs(hits[bin] - sums[bin]);
    }
  }

  return error / Math.max(confidences.length, 1);
}
