/**
 * A one-hidden-layer perceptron on the sparse TF-IDF vectors: a sparse first
 * layer (one row of hidden weights per feature column), ReLU, dropout while
 * training, and a dense softmax output layer. Trained by mini-batch Adam on
 * the cross-entropy loss. The first layer's Adam update is lazy: only the
 * rows of features that occur in a batch move, which keeps an epoch
 * proportional to the number of non-zero features rather than to the
 * dimension.
 */
import { createRandom, shuffleInPlace } from './random.ts';
import { softmaxInPlace } from './softmax.ts';
import type { SparseVector } from './sparse.ts';

export interface MlpOptions {
  hiddenUnits: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Share of hidden units zeroed for each training example. */
  dropout: number;
  /** Standard deviation of the initial first-layer weights. */
  initScale: number;
  seed: number;
}

// NOTE: an epoch costs about examples x non-zero features x hiddenUnits, and the 50,000-ticket training budget has not been timed with this model.
export const defaultMlpOptions: MlpOptions = { hiddenUnits: 256, epochs: 4, batchSize: 32, learningRate: 0.002, dropout: 0.5, initScale: 0.1, seed: 17 };

export interface MlpModel {
  kind: 'mlp';
  dimension: number;
  hiddenUnits: number;
  classCount: number;
  /** Row-major first layer: hiddenUnits weights per feature column. */
  inputWeights: Float32Array;
  hiddenBias: Float32Array;
  /** Row-major output layer: classCount weights per hidden unit. */
  outputWeights: Float32Array;
  outputBias: Float32Array;
}

/** Adam state for one parameter array. */
interface AdamSlot {
  first: Float32Array;
  second: Float32Array;
}

const beta1 = 0.9;
const beta2 = 0.999;
const epsilon = 1e-8;

function adamSlot(size: number): AdamSlot {
  return { first: new Float32Array(size), second: new Float32Array(size) };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function initialModel(dimension: number, classCount: number, options: MlpOptions, random: () => number): MlpModel {
  const hidden = options.hiddenUnits;
  const inputWeights = new Float32Array(dimension * hidden);
  for (let index = 0; index < inputWeights.length; index++) inputWeights[index] = gaussian(random) * options.initScale;

  const outputWeights = new Float32Array(hidden * classCount);
  const outputScale = Math.sqrt(2 / (hidden + classCount));
  for (let index = 0; index < outputWeights.length; index++) outputWeights[index] = gaussian(random) * outputScale;

  return { kind: 'mlp', dimension, hiddenUnits: hidden, classCount, inputWeights, hiddenBias: new Float32Array(hidden), outputWeights, outputBias: new Float32Array(classCount) };
}

/** Hidden activations (after ReLU) of one vector, written into out. */
function hiddenLayer(model: MlpModel, vector: SparseVector, out: Float32Array): Float32Array {
  const hidden = model.hiddenUnits;
  out.set(model.hiddenBias);

  for (let index = 0; index < vector.indices.length; index++) {
    const row = vector.indices[index] * hidden;
    const value = vector.values[index];
    for (let unit = 0; unit < hidden; unit++) out[unit] += value * model.inputWeights[row + unit];
  }

  for (let unit = 0; unit < hidden; unit++) {
    if (out[unit] < 0) out[unit] = 0;
  }
  return out;
}

function outputLayer(model: MlpModel, activations: Float32Array, out: Float64Array): Float64Array {
  const classes = model.classCount;
  for (let label = 0; label < classes; label++) out[label] = model.outputBias[label];

  for (let unit = 0; unit < model.hiddenUnits; unit++) {
    const activation = activations[unit];
    if (activation === 0) continue;
    const row = unit * classes;
    for (let label = 0; label < classes; label++) out[label] += activation * model.outputWeights[row + label];
  }
  return out;
}

/** Writes the class scores (logits) of one vector into out. */
export function mlpLogits(model: MlpModel, vector: SparseVector, out: Float64Array): Float64Array {
  return outputLayer(model, hiddenLayer(model, vector, new Float32Array(model.hiddenUnits)), out);
}

/** Gradients of one batch. The first layer's are kept only for the rows the batch touches. */
interface BatchGradients {
  rows: Map<number, Float32Array>;
  hiddenBias: Float32Array;
  outputWeights: Float32Array;
  outputBias: Float32Array;
}

/** Trains on vectors whose targets are class indices in [0, classCount). */
export function trainMlp(vectors: SparseVector[], targets: number[], classCount: number, dimension: number, options: Partial<MlpOptions> = {}): MlpModel {
  const resolved = { ...defaultMlpOptions, ...options };
  const random = createRandom(resolved.seed);
  const model = initialModel(dimension, classCount, resolved, random);
  const state = { input: adamSlot(model.inputWeights.length), hiddenBias: adamSlot(model.hiddenUnits), output: adamSlot(model.outputWeights.length), outputBias: adamSlot(classCount) };
  const order = vectors.map((_, index) => index);
  let step = 0;

  for (let epoch = 0; epoch < resolved.epochs; epoch++) {
    shuffleInPlace(order, random);

    for (let start = 0; start < order.length; start += resolved.batchSize) {
      const batch = order.slice(start, start + resolved.batchSize);
      const gradients = batchGradients(model, batch.map((index) => vectors[index]), batch.map((index) => targets[index]), resolved.dropout, random);
      step++;
      applyAdam(model, state, gradients, resolved.learningRate, step);
    }
  }

  return model;
}

function batchGradients(model: MlpModel, vectors: SparseVector[], targets: number[], dropout: number, random: () => number): BatchGradients {
  const hidden = model.hiddenUnits;
  const classes = model.classCount;
  const gradients: BatchGradients = { rows: new Map(), hiddenBias: new Float32Array(hidden), outputWeights: new Float32Array(hidden * classes), outputBias: new Float32Array(classes) };
  const activations = new Float32Array(hidden);
  const errors = new Float64Array(classes);
  const hiddenErrors = new Float32Array(hidden);
  const keep = 1 - dropout;
  const scale = 1 / vectors.length;

  vectors.forEach((vector, example) => {
    hiddenLayer(model, vector, activations);
    for (let unit = 0; unit < hidden; unit++) activations[unit] = random() < keep ? activations[unit] / keep : 0;

    softmaxInPlace(outputLayer(model, activations, errors), 1);
    errors[targets[example]] -= 1;

    hiddenErrors.fill(0);
    for (let unit = 0; unit < hidden; unit++) {
      const activation = activations[unit];
      if (activation === 0) continue;
      const row = unit * classes;
      let back = 0;
      for (let label = 0; label < classes; label++) {
        gradients.outputWeights[row + label] += errors[label] * activation * scale;
        back += errors[label] * model.outputWeights[row + label];
      }
      hiddenErrors[unit] = (back * scale) / keep;
    }
    for (let label = 0; label < classes; label++) gradients.outputBias[label] += errors[label] * scale;

    for (let unit = 0; unit < hidden; unit++) gradients.hiddenBias[unit] += hiddenErrors[unit];
    for (let index = 0; index < vector.indices.length; index++) {
      const column = vector.indices[index];
      let row = gradients.rows.get(column);
      if (!row) gradients.rows.set(column, (row = new Float32Array(hidden)));
      const value = vector.values[index];
      for (let unit = 0; unit < hidden; unit++) row[unit] += hiddenErrors[unit] * value;
    }
  });

  return gradients;
}

function applyAdam(model: MlpModel, state: { input: AdamSlot; hiddenBias: AdamSlot; output: AdamSlot; outputBias: AdamSlot }, gradients: BatchGradients, rate: number, step: number) {
  const corrected = (rate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);

  for (const [column, row] of gradients.rows) adamUpdate(model.inputWeights, state.input, row, column * model.hiddenUnits, corrected);
  adamUpdate(model.hiddenBias, state.hiddenBias, gradients.hiddenBias, 0, corrected);
  adamUpdate(model.outputWeights, state.output, gradients.outputWeights, 0, corrected);
  adamUpdate(model.outputBias, state.outputBias, gradients.outputBias, 0, corrected);
}

function adamUpdate(weights: Float32Array, slot: AdamSlot, gradient: Float32Array, offset: number, rate: number) {
  for (let index = 0; index < gradient.length; index++) {
    const at = offset + index;
    const value = gradient[index];
    slot.first[at] = beta1 * slot.first[at] + (1 - beta1) * value;
    slot.second[at] = beta2 * slot.second[at] + (1 - beta2) * value * value;
    weights[at] -= (rate * slot.first[at]) / (Math.sqrt(slot.second[at]) + epsilon);
  }
}
