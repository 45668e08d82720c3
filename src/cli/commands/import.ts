import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { AllRowsRejectedError, defaultBatchSize, importFile, parseMapOptions, presets } from '../../import/index.ts';
import { withContext } from '../context.ts';
import { recomputeAllImpact } from '../../impact/index.ts';

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('expected a whole number of 1 or more');
  }

  return parsed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface ImportCommandOptions {
  entity: 'tickets' | 'accounts';
  format?: 'csv' | 'json' | 'jsonl';
  preset?: string;
  map: string[];
  mapping?: string;
  source?: string;
  rejects?: string;
  limit?: number;
  batch: number;
  progress: boolean;
}

/** Creates a progress bar of bytes read on stderr, or nothing when stderr is not a terminal. */
function createProgress(enabled: boolean) {
  if (!enabled || !process.stderr.isTTY) return undefined;

  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'import [{bar}] {percentage}% | {value}/{total} bytes | {eta}s left', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;

  return {
    update(bytesRead: number, totalBytes: number) {
      if (!started) {
        bar.start(totalBytes, 0);
        started = true;
      }
      bar.update(Math.min(bytesRead, totalBytes));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function registerImportCommand(program: Command) {
  program
    .command('import')
    .description('Import tickets, or accounts with --entity accounts, from a CSV, JSON or JSON Lines file; rows that fail a check go to a rejects file')
    .argument('<file>', 'file to import, or a directory of data set files with --preset')
    .addOption(new Option('--entity <entity>', 'what each row becomes').choices(['tickets', 'accounts']).default('tickets'))
    .addOption(new Option('--format <format>', 'file format; by default taken from the extension').choices(['csv', 'json', 'jsonl']))
    .addOption(new Option('--preset <name>', 'column mapping of a known data set').choices(Object.keys(presets)))
    .option('--map <field=column>', 'map a ticket field to a column (repeatable), for example --map subject=Title', collect, [])
    .option('--mapping <file.json>', 'JSON file with "fields", "values" and "defaults" of the mapping')
    .option('--source <name>', 'source name that scopes external ids; default: the preset or file name')
    .option('--rejects <file>', 'where to write rejected rows as JSON Lines; default: <file>.rejects.jsonl')
    .option('--limit <n>', 'stop after n data rows', positiveInteger)
    .option('--batch <n>', 'rows written per transaction', positiveInteger, defaultBatchSize)
    .option('--no-progress', 'do not show the progress bar on stderr')
    .action(async (file: string, options: ImportCommandOptions) => {
      const progress = createProgress(options.progress);

      const summary = await withContext(async (context) => {
        try {
          const result = await importFile(context, {
            entity: options.entity,
            path: file,
            format: options.format,
            preset: options.preset,
            map: parseMapOptions(options.map),
            mappingFile: options.mapping,
            source: options.source,
            rejectsPath: options.rejects,
            limit: options.limit,
            batchSize: options.batch,
            onProgress: progress?.update,
          });
          await recomputeAllImpact(context.db);
          return result;
        } catch (error) {
          // Scripts read the last line of stdout, so a failed import still writes its summary there.
          if (error instanceof AllRowsRejectedError) process.stdout.write(`${JSON.stringify(error.summary)}\n`);
          throw error;
        } finally {
          progress?.stop();
        }
      }, { logLevel: 'warn' });

      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}
