/**
 * Trains, evaluates and applies the escalation-risk model. It reads named
 * features of each ticket as it arrived. A logistic regression is fitted on
 * the older tickets and Platt scaling on the next slice in time. ROC AUC is
 * measured on the newest tickets, which the model never saw.
 */
import { buildVocabulary, escalationFeatures, textWords, type EscalationInput } from './escalation-features.ts';
import type { EscalationLabel, LabelSource } from './escalation-labels.ts';
import { explainLogit, fitPlatt, rocAuc, sigmoid, trainLogistic, type Example, type LogisticModel, type LogisticOptions } from './logistic.ts';

/** One past ticket with its label, before requester-history counts are added. */
export interface EscalationRecord {
  ticketId: number;
  requesterId: number | null;
  /** Solved or closed, so its outcome is known and it can be a training example. */
  resolved: boolean;
  label: EscalationLabel;
  input: Omit<EscalationInput, 'previousTickets' | 'previousEscalations'>;
}

export interface EscalationModel {
  formatVersion: 1;
  labelSource: LabelSource;
  vocabulary: string[];
  classifier: LogisticModel;
}

export interface EscalationMetrics {
  labelSource: LabelSource;
  examples: { train: number; calibration: number; test: number };
  escalationRate: { train: number; test: number };
  rocAucTest: number | null;
  rocAucTrain: number | null;
  brierTest: number | null;
  /** Brier score of always predicting the training escalation rate, the baseline brierTest should beat. */
  brierBaseline: number | null;
}

export interface EscalationTrainOptions {
  testShare: number;
  calibrationShare: number;
  vocabularyMinCount: number;
  vocabularyMaxWords: number;
  logistic: Partial<LogisticOptions>;
}

export const defaultEscalationTrainOptions: EscalationTrainOptions = {
  testShare: 0.2,
  calibrationShare: 0.2,
  vocabularyMinCount: 5,
  vocabularyMaxWords: 1_500,
  logistic: {},
};

export interface EscalationPrediction {
  probability: number;
  topFactors: { feature: string; contribution: number }[];
}

/**
 * Adds each record's requester history: how many tickets the requester
 * opened before it and how many of those escalated. The result is in
 * creation order.
 */
export function withRequesterHistory(records: EscalationRecord[]): (EscalationRecord & { full: EscalationInput })[] {
  const sorted = [...records].sort((left, right) => left.input.createdAt.getTime() - right.input.createdAt.getTime() || left.ticketId - right.ticketId);
  const history = new Map<number, { tickets: number; escalations: number }>();

  return sorted.map((record) => {
    const seen = record.requesterId === null ? { tickets: 0, escalations: 0 } : history.get(record.requesterId) ?? { tickets: 0, escalations: 0 };
    const full = { ...record.input, previousTickets: seen.tickets, previousEscalations: seen.escalations };
    if (record.requesterId !== null) {
      history.set(record.requesterId, { tickets: seen.tickets + 1, escalations: seen.escalations + (record.label.escalated ? 1 : 0) });
    }
    return { ...record, full };
  });
}

/** Trains a model on the resolved records and measures it on the newest testShare of them. */
export function trainEscalationModel(records: EscalationRecord[], labelSource: LabelSource, options: Partial<EscalationTrainOptions> = {}): { model: EscalationModel; metrics: EscalationMetrics } {
  const resolved = { ...defaultEscalationTrainOptions, ...options };
  const usable = withRequesterHistory(records).filter((record) => record.resolved);
  const testStart = Math.floor(usable.length * (1 - resolved.testShare));
  const calibrationStart = Math.floor(testStart * (1 - resolved.calibrationShare));
  const fitPart = usable.slice(0, calibrationStart);
  const calibrationPart = usable.slice(calibrationStart, testStart);
  const testPart = usable.slice(testStart);

  const vocabulary = buildVocabulary(fitPart.map((record) => textWords(record.full)), resolved.vocabularyMinCount, resolved.vocabularyMaxWords);
  const toExample = (record: (typeof usable)[number]): Example => ({ features: escalationFeatures(record.full, vocabulary), label: record.label.escalated ? 1 : 0 });
  const classifier = trainLogistic(fitPart.map(toExample), resolved.logistic);
  const model: EscalationModel = { formatVersion: 1, labelSource, vocabulary: [...vocabulary].sort(), classifier };

  const calibrationLogits = calibrationPart.map((record) => rawLogit(model, record.full));
  classifier.platt = fitPlatt(calibrationLogits, calibrationPart.map((record) => (record.label.escalated ? 1 : 0)));

  return { model, metrics: measure(model, labelSource, fitPart, calibrationPart, testPart) };
}

function measure(model: EscalationModel, labelSource: LabelSource, fitPart: { full: EscalationInput; label: EscalationLabel }[], calibrationPart: unknown[], testPart: { full: EscalationInput; label: EscalationLabel }[]): EscalationMetrics {
  const labelsOf = (part: { label: EscalationLabel }[]) => part.map((record) => (record.label.escalated ? 1 : 0) as 0 | 1);
  const rate = (labels: number[]) => (labels.length === 0 ? 0 : labels.reduce((sum, label) => sum + label, 0) / labels.length);
  const trainLabels = labelsOf(fitPart);
  const testLabels = labelsOf(testPart);
  const testProbabilities = testPart.map((record) => predictEscalation(model, record.full).probability);
  const trainRate = rate(trainLabels);
  const brier = (predicted: number[]) => (testLabels.length === 0 ? null : round(predicted.reduce((sum, p, index) => sum + (p - testLabels[index]) ** 2, 0) / testLabels.length));

  return {
    labelSource,
    examples: { train: fitPart.length, calibration: calibrationPart.length, test: testPart.length },
    escalationRate: { train: round(trainRate), test: round(rate(testLabels)) },
    rocAucTest: roundOrNull(rocAuc(testProbabilities, testLabels)),
    rocAucTrain: roundOrNull(rocAuc(fitPart.map((record) => rawLogit(model, record.full)), trainLabels)),
    brierTest: brier(testProbabilities),
    brierBaseline: brier(testLabels.map(() => trainRate)),
  };
}

function columnsOf(model: EscalationModel): Map<string, number> {
  let columns = columnCache.get(model);
  if (!columns) {
    columns = new Map(model.classifier.featureNames.map((name, column) => [name, column]));
    columnCache.set(model, columns);
  }
  return columns;
}

const columnCache = new WeakMap<EscalationModel, Map<string, number>>();
const vocabularyCache = new WeakMap<EscalationModel, Set<string>>();

function vocabularyOf(model: EscalationModel): Set<string> {
  let vocabulary = vocabularyCache.get(model);
  if (!vocabulary) {
    vocabulary = new Set(model.vocabulary);
    vocabularyCache.set(model, vocabulary);
  }
  return vocabulary;
}

function rawLogit(model: EscalationModel, input: EscalationInput): number {
  return explainLogit(model.classifier, escalationFeatures(input, vocabularyOf(model)), columnsOf(model)).logit;
}

/** Returns the calibrated escalation probability and the factors that moved it most, in calibrated log-odds. */
export function predictEscalation(model: EscalationModel, input: EscalationInput, factorCount = 5): EscalationPrediction {
  const { a, b } = model.classifier.platt;
  const { logit, contributions } = explainLogit(model.classifier, escalationFeatures(input, vocabularyOf(model)), columnsOf(model));
  const topFactors = contributions
    .map(({ feature, contribution }) => ({ feature, contribution: round(a * contribution) }))
    .filter((factor) => factor.contribution !== 0)
    .sort((left, right) => Math.abs(right.contribution) - Math.abs(left.contribution))
    .slice(0, factorCount);

  return { probability: round(sigmoid(a * logit + b)), topFactors };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value);
}
