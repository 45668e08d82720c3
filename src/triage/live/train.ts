/**
 * Trains one model per predicted field on the labelled ticket history and
 * stores each as a new active version. A fifth of the labelled examples is
 * held out to measure accuracy, macro-F1 and the coverage reached at the
 * target precision. The stored model is the one those numbers describe.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../../store/index.ts';
import { accuracy, macroF1 } from '../metrics.ts';
import { predict, splitExamples, trainTriageModel, type TrainingExample } from '../model.ts';
import { applyThreshold } from '../abstention.ts';
import { loadRecentDocuments } from './documents.ts';
import { buildExamples, checkLabels, defaultLabelRequirements, loadUnreviewedValues, type LabelRequirements } from './examples.ts';
import { listTriageFields } from './fields.ts';
import { storeModelVersion, type FieldMetrics } from './models.ts';
import { fitScopeGuard } from './scope.ts';

export interface TrainFieldsOptions extends Partial<LabelRequirements> {
  /** Train only this field. */
  field?: string;
  /** Newest tickets read for training. */
  maxTickets?: number;
  seed?: number;
}

export type FieldTrainingResult =
  | { field: string; status: 'trained'; modelId: number; version: number; examples: number; classes: number; metrics: FieldMetrics; threshold: number | null; seconds: number }
  | { field: string; status: 'skipped'; reason: string; examples: number; classes: number; seconds: number };

export const targetPrecision = 0.9;
const heldOutShare = 0.2;
const defaultMaxTickets = 50_000;

// Terms seen in a single ticket are mostly names and typos; dropping them shrinks the stored model several times over.
const liveFeatureOptions = { minDf: 2 };

/** Trains every predicted field, or only options.field, and returns one result per field. */
export async function trainFields(db: Db, options: TrainFieldsOptions = {}): Promise<FieldTrainingResult[]> {
  const requirements = { ...defaultLabelRequirements, ...options };
  const fields = (await listTriageFields(db)).filter((field) => !options.field || field.name === options.field);
  const documents = await loadRecentDocuments(db, options.maxTickets ?? defaultMaxTickets);
  const unreviewed = await loadUnreviewedValues(db);
  const results: FieldTrainingResult[] = [];

  for (const field of fields) {
    const started = performance.now();
    const examples = buildExamples(documents, field.name, unreviewed);
    const check = checkLabels(examples, requirements);
    const seconds = () => (performance.now() - started) / 1000;

    if (!check.ok) {
      results.push({ field: field.name, status: 'skipped', reason: check.reason!, examples: examples.length, classes: Object.keys(check.labelCounts).length, seconds: seconds() });
      continue;
    }

    const kept = new Set(check.keptLabels);
    const usable = examples.filter((example) => kept.has(example.label));
    const trained = trainAndEvaluate(usable, options.seed ?? 7);
    const metrics = { ...trained.metrics, trainSeconds: seconds() };
    const stored = await storeModelVersion(db, { field: field.name, exampleCount: usable.length, labelCounts: check.labelCounts, metrics, model: trained.model, scope: trained.scope });
    results.push({ field: field.name, status: 'trained', modelId: stored.id, version: stored.version, examples: usable.length, classes: kept.size, metrics, threshold: Number.isFinite(trained.model.threshold) ? trained.model.threshold : null, seconds: seconds() });
  }

  return results;
}

/** Trains on four fifths of the examples and measures the model on the held-out fifth. */
export function trainAndEvaluate(examples: TrainingExample[], seed: number) {
  const { train, validation: heldOut } = splitExamples(examples, heldOutShare, seed);
  const model = trainTriageModel(train, { seed, targetPrecision, features: liveFeatureOptions });
  const scope = fitScopeGuard(model.vectorizer, heldOut.map((example) => example.text));

  const predictions = heldOut.map((example) => predict(model, example, 1));
  const expected = heldOut.map((example) => example.label);
  const predicted = predictions.map((prediction) => prediction.bestLabel);
  const kept = applyThreshold(predictions.map((prediction) => prediction.confidence), predicted.map((label, index) => label === expected[index]), model.threshold);

  const metrics: Omit<FieldMetrics, 'trainSeconds'> = {
    accuracy: accuracy(expected, predicted),
    macroF1: macroF1(expected, predicted),
    coverage: kept.coverage,
    precision: kept.precision,
    targetPrecision,
    heldOut: heldOut.length,
  };

  return { model, scope, metrics };
}
