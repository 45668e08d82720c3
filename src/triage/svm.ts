/**
 * One-vs-rest linear support vector machines with the squared hinge loss and
 * L2 regularisation, trained by dual coordinate descent (Hsieh et al., "A Dual
 * Coordinate Descent Method for Large-scale Linear SVM", ICML 2008, the
 * solver behind LIBLINEAR's L2R_L2LOSS_SVC_DUAL). The bias is learned as the
 * weight of a constant feature, so it is regularised like the other weights.
 *
 * The result has the same row-major layout as the softmax model, so
 * prediction, calibration and explanations read either kind the same way.
 * The decision values are margins, not log-odds: temperature scaling turns
 * them into probabilities.
 */
import { createRandom, shuffleInPlace } from './random.ts';
import type { SoftmaxModel } from './softmax.ts';
import type { SparseVector } from './sparse.ts';

export interface SvmOptions {
  /** Inverse regularisation strength: larger values fit the training data more closely. */
  c: number;
  /** Value of the constant feature whose weight is the bias. */
  biasFeature: number;
  /** Upper bound on passes over the data for each class. */
  maxPasses: number;
  /** Stop a class when the largest projected-gradient violation of a pass drops below this. */
  tolerance: number;
  /** Weight each class's positive examples by negatives/positives, capped at this value; 1 disables it. */
  maxPositiveWeight: number;
  seed: number;
}

export const defaultSvmOptions: SvmOptions = { c: 2, biasFeature: 1, maxPasses: 30, tolerance: 0.05, maxPositiveWeight: 1, seed: 17 };

/** Sparse vectors packed into one compressed-row layout, which keeps the inner loops on typed arrays. */
interface PackedRows {
  offsets: Uint32Array;
  indices: Uint32Array;
  values: Float32Array;
  squaredNorms: Float64Array;
}

function packRows(vectors: SparseVector[], biasFeature: number): PackedRows {
  const offsets = new Uint32Array(vectors.length + 1);
  vectors.forEach((vector, row) => {
    offsets[row + 1] = offsets[row] + vector.indices.length;
  });

  const indices = new Uint32Array(offsets[vectors.length]);
  const values = new Float32Array(offsets[vectors.length]);
  const squaredNorms = new Float64Array(vectors.length);
  vectors.forEach((vector, row) => {
    indices.set(vector.indices, offsets[row]);
    values.set(vector.values, offsets[row]);
    let sum = biasFeature * biasFeature;
    for (const value of vector.values) sum += value * value;
    squaredNorms[row] = sum;
  });

  return { offsets, indices, values, squaredNorms };
}

/** Trains one binary machine per class on vectors whose targets are class indices in [0, classCount). */
export function trainSvm(vectors: SparseVector[], targets: number[], classCount: number, dimension: number, options: Partial<SvmOptions> = {}): SoftmaxModel {
  const resolved = { ...defaultSvmOptions, ...options };
  const rows = packRows(vectors, resolved.biasFeature);
  const model: SoftmaxModel = { classCount, dimension, weights: new Float32Array(dimension * classCount), bias: new Float32Array(classCount) };
  const classWeights = new Float64Array(dimension);
  const positives = new Float64Array(classCount);
  for (const target of targets) positives[target]++;

  for (let label = 0; label < classCount; label++) {
    const positiveWeight = Math.min(resolved.maxPositiveWeight, Math.max(1, (targets.length - positives[label]) / Math.max(positives[label], 1)));
    classWeights.fill(0);
    const bias = trainBinary(rows, targets, label, classWeights, positiveWeight, resolved);

    for (let column = 0; column < dimension; column++) {
      model.weights[column * classCount + label] = classWeights[column];
    }
    model.bias[label] = bias * resolved.biasFeature;
  }

  return model;
}

/**
 * Dual coordinate descent for one class against the rest. Each example's dual
 * variable alpha moves by a closed-form Newton step; the diagonal term 1/(2C)
 * comes from the squared hinge loss, which leaves alpha without an upper bound.
 * Returns the bias weight and fills weights in place.
 */
function trainBinary(rows: PackedRows, targets: number[], label: number, weights: Float64Array, positiveWeight: number, options: SvmOptions): number {
  const count = targets.length;
  const alpha = new Float64Array(count);
  const order = Array.from({ length: count }, (_, index) => index);
  const random = createRandom(options.seed + label);
  const { offsets, indices, values, squaredNorms } = rows;
  const biasFeature = options.biasFeature;
  let bias = 0;

  for (let pass = 0; pass < options.maxPasses; pass++) {
    shuffleInPlace(order, random);
    let maxViolation = 0;

    for (const row of order) {
      const sign = targets[row] === label ? 1 : -1;
      const diagonal = 1 / (2 * options.c * (sign > 0 ? positiveWeight : 1));
      let margin = bias * biasFeature;
      for (let slot = offsets[row]; slot < offsets[row + 1]; slot++) margin += weights[indices[slot]] * values[slot];

      const gradient = sign * margin - 1 + diagonal * alpha[row];
      const projected = alpha[row] === 0 ? Math.min(gradient, 0) : gradient;
      if (Math.abs(projected) > maxViolation) maxViolation = Math.abs(projected);
      if (projected === 0) continue;

      const previous = alpha[row];
      alpha[row] = Math.max(previous - gradient / (squaredNorms[row] + diagonal), 0);
      const step = (alpha[row] - previous) * sign;
      if (step === 0) continue;

      for (let slot = offsets[row]; slot < offsets[row + 1]; slot++) weights[indices[slot]] += step * values[slot];
      bias += step * biasFeature;
    }

    if (maxViolation < options.tolerance) break;
  }

  return bias;
}
