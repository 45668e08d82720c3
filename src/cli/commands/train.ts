import type { Command } from 'commander';
import { CliError, withContext } from '../context.ts';
import { trainFields, type FieldTrainingResult } from '../../triage/live/index.ts';

const header = ['field', 'examples', 'classes', 'accuracy', 'macro-F1', 'threshold', 'coverage', 'seconds', 'result'];

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function formatRow(result: FieldTrainingResult): string[] {
  const common = [result.field, String(result.examples), String(result.classes)];
  if (result.status === 'skipped') {
    return [...common, '-', '-', '-', '-', result.seconds.toFixed(2), `skipped: ${result.reason}`];
  }

  const { metrics } = result;
  const threshold = result.threshold === null ? 'none' : result.threshold.toFixed(5);
  return [...common, percent(metrics.accuracy), metrics.macroF1.toFixed(3), threshold, percent(metrics.coverage), result.seconds.toFixed(2), `version ${result.version}`];
}

function printTable(rows: string[][]): void {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  for (const row of [header, ...rows]) {
    process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()}\n`);
  }
}

export function registerTrainCommand(program: Command) {
  program
    .command('train')
    .description('Train the triage models on the labelled ticket history and make each new version active')
    .option('--field <field>', 'train only this field (category, priority, component, team or custom.<key>)')
    .option('--min-examples <count>', 'labelled examples a field needs before it is trained', '50')
    .action(async (options: { field?: string; minExamples: string }) => {
      const minExamples = Number(options.minExamples);
      if (!Number.isInteger(minExamples) || minExamples < 2) {
        throw new CliError(`Invalid --min-examples "${options.minExamples}": use a whole number of at least 2`, 2);
      }

      await withContext(async (context) => {
        const results = await trainFields(context.db, { field: options.field, minExamples });
        if (results.length === 0) {
          throw new CliError(`No predicted field is named "${options.field}": use category, priority, component, team or a custom field marked predicted`, 2);
        }
        printTable(results.map(formatRow));
      });
    });
}

