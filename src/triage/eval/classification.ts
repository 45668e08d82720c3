/** Scores the triage model on one labelled train/test task, with the peer baseline beside it. */
import { applyThreshold } from '../abstention.ts';
import { expectedCalibrationError } from '../calibration.ts';
import { accuracy, macroF1, perClassScores, type ClassScores } from '../metrics.ts';
import { predict, trainTriageModel, type TrainingExample, type TrainOptions, type TriageModel } from '../model.ts';
import { modelMemoryBytes } from '../serialize.ts';
import { runPeerBaseline } from './peer.ts';

export interface ClassificationTask {
  name: string;
  train: TrainingExample[];
  test: TrainingExample[];
  /** Official validation split, when the data set ships one; otherwise part of train is held out. */
  validation?: TrainingExample[];
  options?: Partial<TrainOptions>;
}

export interface ClassificationReport {
  task: string;
  train_size: number;
  test_size: number;
  classes: number;
  accuracy: number;
  macro_f1: number;
  per_class: Record<string, ClassScores>;
  target_precision: number;
  abstention_threshold: number | null;
  coverage_at_target_precision: number;
  precision_when_answering: number;
  validation_coverage: number;
  ece_uncalibrated: number;
  ece: number;
  temperature: number;
  train_seconds: number;
  inference_ms_per_ticket: number;
  model_memory_bytes: number;
  in_scope_accuracy?: number;
  oos_recall?: number;
  peer: { name: string; accuracy: number; macro_f1: number; train_seconds: number; inference_ms_per_ticket: number; in_scope_accuracy?: number; oos_recall?: number };
  predictions: { expected: string[]; predicted: string[] };
  peerPredictions: string[];
}

export function runClassificationTask(task: ClassificationTask): ClassificationReport {
  const started = performance.now();
  const model = trainTriageModel(task.train, task.options ?? {}, task.validation);
  const trained = performance.now();
  const predictions = task.test.map((example) => predict(model, example));
  const inferenceMs = (performance.now() - trained) / Math.max(task.test.length, 1);

  const expected = task.test.map((example) => example.label);
  const outOfScopeLabel = model.outOfScope?.label;
  const predicted = predictions.map((prediction) => (prediction.outOfScope && outOfScopeLabel ? outOfScopeLabel : prediction.bestLabel));
  const correct = predicted.map((label, index) => label === expected[index]);
  const confidences = predictions.map((prediction) => prediction.confidence);
  const kept = applyThreshold(confidences, correct, model.threshold);
  const peer = runPeerBaseline(task.train, task.test);

  return {
    task: task.name,
    train_size: task.train.length,
    test_size: task.test.length,
    classes: model.labels.length,
    accuracy: accuracy(expected, predicted),
    macro_f1: macroF1(expected, predicted),
    per_class: perClassScores(expected, predicted),
    target_precision: model.targetPrecision,
    abstention_threshold: Number.isFinite(model.threshold) ? model.threshold : null,
    coverage_at_target_precision: kept.coverage,
    precision_when_answering: kept.precision,
    validation_coverage: model.validationCoverage,
    ece_uncalibrated: uncalibratedEce(model, task.test),
    ece: expectedCalibrationError(confidences, correct),
    temperature: model.temperature,
    train_seconds: (trained - started) / 1000,
    inference_ms_per_ticket: inferenceMs,
    model_memory_bytes: modelMemoryBytes(model),
    ...outOfScopeScores(model, predicted, expected),
    peer: {
      name: peer.name,
      accuracy: accuracy(expected, peer.predictions),
      macro_f1: macroF1(expected, peer.predictions),
      train_seconds: peer.trainSeconds,
      inference_ms_per_ticket: peer.inferenceMsPerTicket,
      ...outOfScopeScores(model, peer.predictions, expected),
    },
    predictions: { expected, predicted },
    peerPredictions: peer.predictions,
  };
}

/** ECE of the same model with temperature 1, to show what calibration changed. */
function uncalibratedEce(model: TriageModel, test: TrainingExample[]): number {
  const raw = { ...model, temperature: 1, outOfScope: undefined };
  const predictions = test.map((example) => predict(raw, example));
  return expectedCalibrationError(predictions.map((prediction) => prediction.confidence), predictions.map((prediction, index) => prediction.bestLabel === test[index].label));
}

/** In-scope accuracy and out-of-scope recall, as the CLINC150 protocol reports them. */
function outOfScopeScores(model: TriageModel, predicted: string[], expected: string[]): { in_scope_accuracy?: number; oos_recall?: number } {
  const label = model.outOfScope?.label;
  if (!label || !expected.includes(label)) {
    return {};
  }

  let inScope = 0;
  let inScopeHits = 0;
  let outOfScope = 0;
  let outOfScopeHits = 0;
  expected.forEach((gold, index) => {
    if (gold === label) {
      outOfScope++;
      if (predicted[index] === label) outOfScopeHits++;
    } else {
      inScope++;
      if (predicted[index] === gold) inScopeHits++;
    }
  });

  return { in_scope_accuracy: inScopeHits / inScope, oos_recall: outOfScopeHits / outOfScope };
}
