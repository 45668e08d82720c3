/**
 * The triage model for one ticket field: hashed TF-IDF features, a linear
 * classifier (optionally averaged with a small perceptron), temperature-scaled probabilities, an
 * abstention threshold chosen for a target precision and, when validation
 * data contains out-of-scope examples, an out-of-scope rule. Training and
 * prediction are pure functions; the model serialises to JSON for storage.
 */
import { meetsThreshold, pickThreshold } from './abstention.ts';
import { fitTemperature } from './calibration.ts';
import { featureCount, fitVectorizer, vectorize, type FeatureOptions, type Vectorizer } from './features.ts';
import { buildNeighbourIndex, maxSimilarity, type NeighbourIndex } from './neighbours.ts';
import { isOutOfScope, tuneOutOfScopeRule, type OutOfScopeRule } from './oos.ts';
import { createRandom, shuffleInPlace } from './random.ts';
import { computeLogits, softmaxInPlace, trainSoftmax, type SoftmaxModel, type SoftmaxOptions } from './softmax.ts';
import type { SparseVector } from './sparse.ts';
import { trainSvm, type SvmOptions } from './svm.ts';
import { mlpLogits, trainMlp, type MlpModel, type MlpOptions } from './mlp.ts';

/**
 * Classifier family: one-vs-rest squared-hinge SVMs, multinomial logistic
 * regression, or the SVMs averaged with a one-hidden-layer perceptron
 * ('svm+mlp'), each calibrated separately before their probabilities are averaged.
 */
export type ClassifierKind = 'svm' | 'softmax' | 'svm+mlp';

export interface TrainingExample {
  text: string;
  label: string;
  /** Structured fields (channel, product, tier...) that become extra categorical features. */
  features?: Record<string, string | number | boolean>;
}

export type TicketInput = Omit<TrainingExample, 'label'>;

export interface TrainOptions {
  features: Partial<FeatureOptions>;
  classifier: ClassifierKind;
  softmax: Partial<SoftmaxOptions>;
  svm: Partial<SvmOptions>;
  mlp: Partial<MlpOptions>;
  /** Share of the examples held out for calibration when no validation set is given. */
  validationShare: number;
  targetPrecision: number;
  /** Label that marks out-of-scope examples, in training or validation data. */
  outOfScopeLabel: string;
  /** In-scope validation accuracy the out-of-scope rule may give up to catch more out-of-scope texts. */
  outOfScopeMaxInScopeLoss: number;
  /** Retrain on training plus validation data after calibrating, keeping the tuned temperature and thresholds. */
  refit: boolean;
  seed: number;
}

export const defaultTrainOptions: TrainOptions = {
  features: {},
  classifier: 'svm',
  softmax: {},
  svm: {},
  mlp: {},
  validationShare: 0.15,
  targetPrecision: 0.9,
  outOfScopeLabel: 'oos',
  outOfScopeMaxInScopeLoss: 0.02,
  refit: false,
  seed: 7,
};

export interface TriageModel {
  labels: string[];
  vectorizer: Vectorizer;
  /** The linear model; explanations read its weights. */
  classifier: SoftmaxModel;
  temperature: number;
  /** Perceptron whose calibrated probabilities are averaged with the linear model's. */
  mlp?: { model: MlpModel; temperature: number };
  /** Calibrated confidence below which a prediction abstains. */
  threshold: number;
  targetPrecision: number;
  /** Coverage that the threshold reached on validation data. */
  validationCoverage: number;
  outOfScope?: { rule: OutOfScopeRule; neighbours: NeighbourIndex; label: string };
}

export interface Prediction {
  /** The predicted label, or null when the model abstains. */
  label: string | null;
  /** Best label even when abstaining, so a reviewer sees what the model leaned to. */
  bestLabel: string;
  confidence: number;
  abstained: boolean;
  outOfScope: boolean;
  probabilities: { label: string; probability: number }[];
}

/** Joins the text and structured features into the string the vectorizer reads. */
export function exampleText(example: TicketInput): string {
  const parts = [example.text];
  for (const [key, value] of Object.entries(example.features ?? {})) {
    parts.push(`zzf${sanitize(key)}x${sanitize(String(value))}`);
  }
  return parts.join(' ');
}

function sanitize(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_');
}

/** Splits examples into training and validation parts, stratified by label and seeded. */
export function splitExamples<T extends { label: string }>(examples: T[], validationShare: number, seed: number): { train: T[]; validation: T[] } {
  const byLabel = new Map<string, T[]>();
  for (const example of examples) {
    const group = byLabel.get(example.label) ?? [];
    group.push(example);
    byLabel.set(example.label, group);
  }

  const random = createRandom(seed);
  const train: T[] = [];
  const validation: T[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const group = shuffleInPlace([...byLabel.get(label)!], random);
    const held = group.length >= 2 ? Math.max(1, Math.round(group.length * validationShare)) : 0;
    validation.push(...group.slice(0, held));
    train.push(...group.slice(held));
  }

  return { train, validation };
}

interface FittedClassifier {
  vectorizer: Vectorizer;
  classifier: SoftmaxModel;
  mlp?: MlpModel;
  vectors: SparseVector[];
}

function fitClassifier(examples: TrainingExample[], labels: string[], options: TrainOptions): FittedClassifier {
  const texts = examples.map(exampleText);
  const vectorizer = fitVectorizer(texts, options.features);
  const vectors = texts.map((text) => vectorize(vectorizer, text));
  const labelIndex = new Map(labels.map((label, index) => [label, index]));
  const targets = examples.map((example) => labelIndex.get(example.label)!);
  const classifier =
    options.classifier === 'softmax'
      ? trainSoftmax(vectors, targets, labels.length, featureCount(vectorizer), { seed: options.seed, ...options.softmax })
      : trainSvm(vectors, targets, labels.length, featureCount(vectorizer), { seed: options.seed, ...options.svm });
  const mlp = options.classifier === 'svm+mlp' ? trainMlp(vectors, targets, labels.length, featureCount(vectorizer), { seed: options.seed, ...options.mlp }) : undefined;

  return { vectorizer, classifier, mlp, vectors };
}

/**
 * Trains a model for one field. Validation examples (held out from the
 * training examples when not given) tune the temperature, the abstention
 * threshold and, when some carry outOfScopeLabel, the out-of-scope rule.
 */
export function trainTriageModel(examples: TrainingExample[], options: Partial<TrainOptions> = {}, validation?: TrainingExample[]): TriageModel {
  const resolved = { ...defaultTrainOptions, ...options };
  const split = validation ? { train: examples, validation } : splitExamples(examples, resolved.validationShare, resolved.seed);
  const labels = [...new Set(split.train.map((example) => example.label))].sort();
  let { vectorizer, classifier, mlp, vectors } = fitClassifier(split.train, labels, resolved);
  const model: TriageModel = { labels, vectorizer, classifier, temperature: 1, threshold: 0, targetPrecision: resolved.targetPrecision, validationCoverage: 1 };
  if (mlp) model.mlp = { model: mlp, temperature: 1 };
  const known = split.validation.filter((example) => model.labels.includes(example.label));

  calibrate(model, known.length > 0 ? known : split.train, resolved);
  if (split.validation.some((example) => example.label === resolved.outOfScopeLabel)) {
    tuneOutOfScope(model, buildNeighbourIndex(vectors, featureCount(vectorizer)), split.validation, resolved);
  }

  if (resolved.refit && split.validation.length > 0) {
    const all = [...split.train, ...split.validation.filter((example) => labels.includes(example.label))];
    ({ vectorizer, classifier, mlp, vectors } = fitClassifier(all, labels, resolved));
    Object.assign(model, { vectorizer, classifier });
    if (model.mlp && mlp) model.mlp.model = mlp;
    if (model.outOfScope) model.outOfScope.neighbours = buildNeighbourIndex(vectors, featureCount(vectorizer));
  }

  return model;
}

function calibrate(model: TriageModel, validation: TrainingExample[], options: TrainOptions) {
  const labelIndex = new Map(model.labels.map((label, index) => [label, index]));
  const vectors = validation.map((example) => vectorize(model.vectorizer, exampleText(example)));
  const targets = validation.map((example) => labelIndex.get(example.label)!);
  model.temperature = fitTemperature(vectors.map((vector) => computeLogits(model.classifier, vector, new Float64Array(model.labels.length))), targets);
  if (model.mlp) {
    const mlp = model.mlp.model;
    model.mlp.temperature = fitTemperature(vectors.map((vector) => mlpLogits(mlp, vector, new Float64Array(model.labels.length))), targets);
  }

  const confidences: number[] = [];
  const correct: boolean[] = [];
  vectors.forEach((vector, index) => {
    const probabilities = classProbabilities(model, vector);
    const best = argMax(probabilities);
    confidences.push(probabilities[best]);
    correct.push(best === targets[index]);
  });

  const choice = pickThreshold(confidences, correct, options.targetPrecision);
  model.threshold = choice.threshold;
  model.validationCoverage = choice.coverage;
}

function tuneOutOfScope(model: TriageModel, neighbours: NeighbourIndex, validation: TrainingExample[], options: TrainOptions) {
  const outOfScopeLabel = options.outOfScopeLabel;
  const scratch = new Float32Array(neighbours.documentCount);
  const samples = validation.map((example) => {
    const vector = vectorize(model.vectorizer, exampleText(example));
    const probabilities = classProbabilities(model, vector);
    const best = argMax(probabilities);

    return {
      confidence: probabilities[best],
      similarity: maxSimilarity(neighbours, vector, scratch),
      correct: model.labels[best] === example.label,
      outOfScope: example.label === outOfScopeLabel,
      predictedOutOfScope: model.labels[best] === outOfScopeLabel,
    };
  });

  model.outOfScope = { rule: tuneOutOfScopeRule(samples, options.outOfScopeMaxInScopeLoss), neighbours, label: outOfScopeLabel };
}

/** Calibrated class probabilities: the linear model's, averaged with the perceptron's when there is one. */
export function classProbabilities(model: TriageModel, vector: SparseVector): Float64Array {
  const probabilities = softmaxInPlace(computeLogits(model.classifier, vector, new Float64Array(model.labels.length)), model.temperature);
  if (!model.mlp) {
    return probabilities;
  }

  const other = softmaxInPlace(mlpLogits(model.mlp.model, vector, new Float64Array(model.labels.length)), model.mlp.temperature);
  for (let index = 0; index < probabilities.length; index++) probabilities[index] = (probabilities[index] + other[index]) / 2;
  return probabilities;
}

function argMax(values: Float64Array): number {
  let best = 0;
  for (let index = 1; index < values.length; index++) {
    if (values[index] > values[best]) best = index;
  }
  return best;
}

/** Predicts one ticket's label with calibrated probabilities, abstaining when unsure or out of scope. */
export function predict(model: TriageModel, ticket: TicketInput, topK = 3): Prediction {
  const vector = vectorize(model.vectorizer, exampleText(ticket));
  const probabilities = classProbabilities(model, vector);
  const best = argMax(probabilities);
  const confidence = probabilities[best];
  const bestLabel = model.labels[best];
  const outOfScope = model.outOfScope
    ? isOutOfScope(model.outOfScope.rule, { confidence, similarity: maxSimilarity(model.outOfScope.neighbours, vector), predictedOutOfScope: bestLabel === model.outOfScope.label })
    : false;
  const abstained = outOfScope || !meetsThreshold(confidence, model.threshold);
  const ranked = [...probabilities.keys()].sort((a, b) => probabilities[b] - probabilities[a]).slice(0, topK);

  return {
    label: abstained ? null : bestLabel,
    bestLabel,
    confidence,
    abstained,
    outOfScope,
    probabilities: ranked.map((index) => ({ label: model.labels[index], probability: probabilities[index] })),
  };
}
