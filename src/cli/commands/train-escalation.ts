import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { loadEscalationRecords, saveEscalationModel, trainEscalationModel, type LabelSource } from '../../triage/assist/index.ts';
import { CliError, withContext } from '../context.ts';

interface TrainEscalationOptions {
  labels: LabelSource;
  testShare: number;
  out: string;
  save: boolean;
}

function parseLabelSource(value: string): LabelSource {
  if (value !== 'audit' && value !== 'conversation') throw new InvalidArgumentError('use audit or conversation');
  return value;
}

function parseShare(value: string): number {
  const share = Number(value);
  if (!(share > 0 && share < 1)) throw new InvalidArgumentError('use a number between 0 and 1, such as 0.2');
  return share;
}

/** Fewer escalated (or normal) training tickets than this make the measured AUC meaningless. */
const minClassCount = 5;

export function registerTrainEscalationCommand(program: Command) {
  program
    .command('train-escalation')
    .description('Train the escalation-risk model on solved and closed tickets, report ROC AUC on the newest ones, and store the model')
    .option('--labels <source>', 'audit: raised priority or reopening in the audit history; conversation: a customer reply after an agent reply (for data without audit history, such as the demo)', parseLabelSource, 'audit')
    .option('--test-share <share>', 'share of the newest resolved tickets held out for measuring', parseShare, 0.2)
    .option('--out <file>', 'JSON file for the measured metrics', 'bench/results/escalation.json')
    .option('--no-save', 'measure only; do not store the model')
    .action(async (options: TrainEscalationOptions) => {
      await withContext(async ({ db }) => {
        const started = Date.now();
        const records = await loadEscalationRecords(db, options.labels);
        const resolved = records.filter((record) => record.resolved);
        const escalated = resolved.filter((record) => record.label.escalated).length;
        if (escalated < minClassCount || resolved.length - escalated < minClassCount) {
          throw new CliError(`Too few labelled tickets to train: ${escalated} escalated and ${resolved.length - escalated} normal resolved tickets with --labels ${options.labels}; each needs at least ${minClassCount}. Try --labels conversation for data without audit history.`, 2);
        }

        const { model, metrics } = trainEscalationModel(records, options.labels, { testShare: options.testShare });
        const version = options.save ? await saveEscalationModel(db, model, metrics) : null;
        const report = { ...metrics, modelVersion: version === null ? null : `escalation@${version}`, features: model.classifier.featureNames.length, trainingSeconds: (Date.now() - started) / 1000 };

        await mkdir(dirname(options.out), { recursive: true });
        await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
        process.stdout.write(`ROC AUC on ${metrics.examples.test} held-out tickets: ${metrics.rocAucTest ?? 'undefined (one class only)'}\n`);
        process.stdout.write(`escalation rate: train ${metrics.escalationRate.train}, test ${metrics.escalationRate.test}; Brier ${metrics.brierTest} (baseline ${metrics.brierBaseline})\n`);
        process.stdout.write(version === null ? 'model not stored (--no-save)\n' : `stored as escalation@${version}\n`);
        process.stderr.write(`wrote ${options.out}\n`);
      }, { logLevel: 'silent' });
    });
}
