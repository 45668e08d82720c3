import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { runEvaluation } from '../../triage/eval/run.ts';
import { presetNames } from '../../triage/eval/presets.ts';

export function registerEvalCommand(program: Command) {
  program
    .command('eval')
    .description('Train and score the triage models on a public data set, beside a naive Bayes peer baseline')
    .requiredOption('--preset <name>', `data set preset: ${presetNames.join(', ')}`)
    .requiredOption('--data <dir>', 'folder holding the preset data set files (read only)')
    .option('--field <field>', 'ticket field to predict, for presets with several (endava-tickets: priority, category; multilang-tickets: queue, priority, type)')
    .option('--out <dir>', 'folder for the JSON result file', 'bench/results')
    .action(async (options: { preset: string; data: string; field?: string; out: string }) => {
      const result = await runEvaluation({
        preset: options.preset,
        dataDirectory: options.data,
        field: options.field,
        onTask: (name) => process.stderr.write(`evaluated ${name}\n`),
      });

      await mkdir(options.out, { recursive: true });
      const path = join(options.out, result.fileName);
      await writeFile(path, `${JSON.stringify(result.report, null, 2)}\n`);
      process.stderr.write(`wrote ${path}\n`);
      process.stdout.write(`${JSON.stringify(result.summary)}\n`);
    });
}
