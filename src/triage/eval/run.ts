/** Runs one evaluation preset and assembles the JSON report that `casebook eval` writes. */
import { AppError } from '../../core/errors.ts';
import { accuracy, macroF1, perClassScores } from '../metrics.ts';
import { runClassificationTask, type ClassificationReport } from './classification.ts';
import { loadClassificationTasks, presetFields, presetNames } from './presets.ts';
import { runAskUbuntu, runSemevalB } from './retrieval-eval.ts';

export interface EvalRequest {
  preset: string;
  dataDirectory: string;
  field?: string;
  /** Called after each task so a caller can show progress. */
  onTask?: (name: string) => void;
}

export interface EvalResult {
  /** bench/results file name without the directory. */
  fileName: string;
  report: Record<string, unknown>;
  /** The one-line summary printed last on stdout. */
  summary: Record<string, unknown>;
}

export async function runEvaluation(request: EvalRequest): Promise<EvalResult> {
  const { preset } = request;

  if (!presetNames.includes(preset)) {
    throw new AppError('invalid_input', `Unknown preset ${preset}`, [{ field: '--preset', value: preset, fix: `Use one of ${presetNames.join(', ')}` }]);
  }

  if (request.field && !presetFields[preset]) {
    throw new AppError('invalid_input', `Preset ${preset} takes no --field`, [{ field: '--field', value: request.field, fix: 'Leave --field out for this preset' }]);
  }

  if (preset === 'semeval2016-b' || preset === 'askubuntu-dups') {
    const report = preset === 'semeval2016-b' ? await runSemevalB(request.dataDirectory) : await runAskUbuntu(request.dataDirectory);
    const summary = preset === 'semeval2016-b' ? pick(report, ['preset', 'map', 'mrr', 'ir_baseline_map']) : pick(report, ['preset', 'mrr', 'hit_at_5', 'hit_at_1', 'latency_ms_p95']);
    return { fileName: `eval-${preset}.json`, report, summary };
  }

  const field = request.field ?? presetFields[preset]?.defaultField;
  const tasks = await loadClassificationTasks(preset, request.dataDirectory, field);
  const reports: ClassificationReport[] = [];
  for (const task of tasks) {
    reports.push(runClassificationTask(task));
    request.onTask?.(task.name);
  }

  const report = combineReports(preset, field, reports);
  const fileName = field ? `eval-${preset}-${field}.json` : `eval-${preset}.json`;

  return { fileName, report, summary: summarise(report) };
}

/**
 * Pools the per-task predictions for accuracy and macro-F1; for NLBSE the
 * official headline is the mean of the per-repository macro-F1 scores, which
 * is reported as macro_f1, with the pooled value beside it.
 */
function combineReports(preset: string, field: string | undefined, reports: ClassificationReport[]) {
  const expected = reports.flatMap((report) => report.predictions.expected);
  const predicted = reports.flatMap((report) => report.predictions.predicted);
  const peerMacro = mean(reports.map((report) => report.peer.macro_f1));
  const tasks = reports.map(({ predictions: _predictions, peerPredictions: _peer, ...rest }) => rest);
  const single = reports.length === 1 ? tasks[0] : undefined;
  const perTaskMacro = mean(reports.map((report) => report.macro_f1));

  return {
    preset,
    field: field ?? null,
    accuracy: accuracy(expected, predicted),
    macro_f1: preset === 'nlbse-issues' ? perTaskMacro : single ? single.macro_f1 : perTaskMacro,
    pooled_macro_f1: macroF1(expected, predicted),
    coverage_at_target_precision: weightedMean(reports, (report) => report.coverage_at_target_precision),
    precision_when_answering: weightedMean(reports, (report) => report.precision_when_answering),
    ece: weightedMean(reports, (report) => report.ece),
    ece_uncalibrated: weightedMean(reports, (report) => report.ece_uncalibrated),
    train_seconds: reports.reduce((sum, report) => sum + report.train_seconds, 0),
    inference_ms_per_ticket: weightedMean(reports, (report) => report.inference_ms_per_ticket),
    model_memory_bytes: Math.max(...reports.map((report) => report.model_memory_bytes)),
    ...(single?.in_scope_accuracy !== undefined ? { in_scope_accuracy: single.in_scope_accuracy, oos_recall: single.oos_recall } : {}),
    per_class: perClassScores(expected, predicted),
    peer: {
      name: reports[0]?.peer.name,
      accuracy: accuracy(expected, reports.flatMap((report) => report.predictions.expected.map((_, index) => peerPrediction(report, index)))),
      macro_f1: peerMacro,
      train_seconds: reports.reduce((sum, report) => sum + report.peer.train_seconds, 0),
      inference_ms_per_ticket: weightedMean(reports, (report) => report.peer.inference_ms_per_ticket),
      ...(single?.peer.in_scope_accuracy !== undefined ? { in_scope_accuracy: single.peer.in_scope_accuracy, oos_recall: single.peer.oos_recall } : {}),
    },
    tasks,
  };
}

function peerPrediction(report: ClassificationReport, index: number): string {
  return report.peerPredictions[index];
}

function summarise(report: ReturnType<typeof combineReports>): Record<string, unknown> {
  return {
    ...pick(report, ['preset', 'field', 'accuracy', 'macro_f1', 'coverage_at_target_precision', 'ece', 'in_scope_accuracy', 'oos_recall', 'train_seconds', 'inference_ms_per_ticket']),
    peer_accuracy: report.peer.accuracy,
    peer_macro_f1: report.peer.macro_f1,
  };
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
}

function weightedMean(reports: ClassificationReport[], value: (report: ClassificationReport) => number): number {
  const total = reports.reduce((sum, report) => sum + report.test_size, 0);
  return reports.reduce((sum, report) => sum + value(report) * report.test_size, 0) / Math.max(total, 1);
}
