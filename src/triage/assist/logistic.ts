/**
 * Binary logistic regression over named sparse features, with Platt scaling
 * for calibrated probabilities and per-feature contributions for
 * explanations. Written here rather than reusing the triage softmax model
 * because escalation risk must name the factors behind each probability:
 * the triage model hashes word and character n-grams into columns that
 * cannot be turned back into readable names.
 */
import { createRandom, shuffleInPlace } from '../random.ts';

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per example on the weights (not the bias). */
  l2: number;
  seed: number;
}

export const defaultLogisticOptions: LogisticOptions = { epochs: 40, learningRate: 0.1, l2: 1e-4, seed: 11 };

export interface LogisticModel {
  featureNames: string[];
  weights: number[];
  bias: number;
  /** Platt scaling: probability = sigmoid(a * logit + b). */
  platt: { a: number; b: number };
}

export interface Example {
  features: Map<string, number>;
  label: 0 | 1;
}

export function sigmoid(value: number): number {
  return value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value));
}

/** Fits the weights by stochastic gradient descent with a decaying step; the Platt scaling starts as the identity. */
export function trainLogistic(examples: Example[], options: Partial<LogisticOptions> = {}): LogisticModel {
  const resolved = { ...defaultLogisticOptions, ...options };
  const featureNames = [...new Set(examples.flatMap((example) => [...example.features.keys()]))].sort();
  const columnOf = new Map(featureNames.map((name, column) => [name, column]));
  const rows = examples.map((example) => ({ columns: [...example.features.keys()].map((name) => columnOf.get(name)!), values: [...example.features.values()], label: example.label }));
  const weights = new Float64Array(featureNames.length);
  const random = createRandom(resolved.seed);
  let bias = 0;

  for (let epoch = 0; epoch < resolved.epochs; epoch++) {
    const step = resolved.learningRate / (1 + epoch * 0.1);
    for (const row of shuffleInPlace([...rows], random)) {
      let logit = bias;
      row.columns.forEach((column, index) => {
        logit += weights[column] * row.values[index];
      });

      const gradient = sigmoid(logit) - row.label;
      bias -= step * gradient;
      row.columns.forEach((column, index) => {
        weights[column] -= step * (gradient * row.values[index] + resolved.l2 * weights[column]);
      });
    }
  }

  return { featureNames, weights: [...weights], bias, platt: { a: 1, b: 0 } };
}

/** Returns the raw (uncalibrated) log-odds and each known feature's share of it. */
export function explainLogit(model: LogisticModel, features: Map<string, number>, columnOf: Map<string, number>): { logit: number; contributions: { feature: string; contribution: number }[] } {
  let logit = model.bias;
  const contributions: { feature: string; contribution: number }[] = [];

  for (const [name, value] of features) {
    const column = columnOf.get(name);
    if (column === undefined || value === 0) continue;
    const contribution = model.weights[column] * value;
    logit += contribution;
    contributions.push({ feature: name, contribution });
  }

  return { logit, contributions };
}

/**
 * Fits Platt scaling on held-out logits by Newton's method on the log-loss,
 * with Platt's smoothed targets so that a perfectly separated validation set
 * does not push the slope to infinity.
 */
export function fitPlatt(logits: number[], labels: (0 | 1)[]): { a: number; b: number } {
  const positives = labels.filter((label) => label === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) {
    return { a: 1, b: 0 };
  }

  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  const targets = labels.map((label) => (label === 1 ? high : low));
  let a = 1;
  let b = 0;

  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    logits.forEach((logit, index) => {
      const p = sigmoid(a * logit + b);
      const error = p - targets[index];
      const curvature = p * (1 - p);
      ga += error * logit;
      gb += error;
      haa += curvature * logit * logit;
      hab += curvature * logit;
      hbb += curvature;
    });

    const determinant = haa * hbb - hab * hab;
    if (Math.abs(determinant) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / determinant;
    const db = (haa * gb - hab * ga) / determinant;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }

  return { a, b };
}

/** Area under the ROC curve by the rank-sum formula, counting tied scores as half; null when a class is missing. */
export function rocAuc(scores: number[], labels: (0 | 1)[]): number | null {
  const order = scores.map((score, index) => ({ score, label: labels[index] })).sort((left, right) => left.score - right.score);
  const positives = labels.filter((label) => label === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) {
    return null;
  }

  let rankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].score === order[start].score) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let index = start; index <= end; index++) {
      if (order[index].label === 1) rankSum += averageRank;
    }
    start = end + 1;
  }

  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
