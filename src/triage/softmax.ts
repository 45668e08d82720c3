/**
 * Multinomial logistic regression on sparse vectors, trained by stochastic
 * gradient descent with per-weight Adagrad step sizes.
 *
 * Written by hand because the npm classifiers this project could use do not
 * fit: `natural`'s BayesClassifier and LogisticRegressionClassifier work on
 * stemmed word bags with a dense vocabulary-sized array per document (its
 * naive Bayes is the peer baseline in `casebook eval`), and the numeric
 * logistic-regression packages take dense matrices, which at hundreds of
 * thousands of hashed columns do not fit in memory.
 */
import { createRandom, shuffleInPlace } from './random.ts';
import type { SparseVector } from './sparse.ts';

export interface SoftmaxOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty applied to the weights an example touches, per update. */
  l2: number;
  seed: number;
}

export const defaultSoftmaxOptions: SoftmaxOptions = { epochs: 12, learningRate: 0.4, l2: 1e-5, seed: 17 };

export interface SoftmaxModel {
  classCount: number;
  dimension: number;
  /** Row-major weights, one row of classCount values per feature column. */
  weights: Float32Array;
  bias: Float32Array;
}

/** Trains on vectors whose targets are class indices in [0, classCount). */
export function trainSoftmax(vectors: SparseVector[], targets: number[], classCount: number, dimension: number, options: Partial<SoftmaxOptions> = {}): SoftmaxModel {
  const resolved = { ...defaultSoftmaxOptions, ...options };
  const model: SoftmaxModel = { classCount, dimension, weights: new Float32Array(dimension * classCount), bias: new Float32Array(classCount) };
  const squaredGradients = new Float32Array(dimension * classCount);
  const biasSquaredGradients = new Float32Array(classCount);
  const order = vectors.map((_, index) => index);
  const random = createRandom(resolved.seed);
  const probabilities = new Float64Array(classCount);

  for (let epoch = 0; epoch < resolved.epochs; epoch++) {
    shuffleInPlace(order, random);

    for (const example of order) {
      const vector = vectors[example];
      computeLogits(model, vector, probabilities);
      softmaxInPlace(probabilities, 1);
      probabilities[targets[example]] -= 1;
      applyGradient(model, vector, probabilities, squaredGradients, biasSquaredGradients, resolved);
    }
  }

  return model;
}

function applyGradient(model: SoftmaxModel, vector: SparseVector, errors: Float64Array, squared: Float32Array, biasSquared: Float32Array, options: SoftmaxOptions) {
  const { classCount, weights, bias } = model;
  const rate = options.learningRate;

  for (let index = 0; index < vector.indices.length; index++) {
    const row = vector.indices[index] * classCount;
    const value = vector.values[index];

    for (let label = 0; label < classCount; label++) {
      const slot = row + label;
      const gradient = errors[label] * value + options.l2 * weights[slot];
      if (gradient === 0) continue;
      squared[slot] += gradient * gradient;
      weights[slot] -= (rate * gradient) / Math.sqrt(squared[slot] + 1e-8);
    }
  }

  for (let label = 0; label < classCount; label++) {
    biasSquared[label] += errors[label] * errors[label];
    bias[label] -= (rate * errors[label]) / Math.sqrt(biasSquared[label] + 1e-8);
  }
}

/** Writes the unnormalised class scores of one vector into out. */
export function computeLogits(model: SoftmaxModel, vector: SparseVector, out: Float64Array): Float64Array {
  const { classCount, weights } = model;

  for (let label = 0; label < classCount; label++) {
    out[label] = model.bias[label];
  }

  for (let index = 0; index < vector.indices.length; index++) {
    const row = vector.indices[index] * classCount;
    const value = vector.values[index];
    for (let label = 0; label < classCount; label++) {
      out[label] += value * weights[row + label];
    }
  }

  return out;
}

/** Turns logits into probabilities in place, dividing them by temperature first. */
export function softmaxInPlace(values: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const value of values) {
    if (value > max) max = value;
  }

  let sum = 0;
  for (let index = 0; index < values.length; index++) {
    values[index] = Math.exp((values[index] - max) / temperature);
    sum += values[index];
  }

  for (let index = 0; index < values.length; index++) {
    values[index] /= sum;
  }

  return values;
}
