import { type Command, InvalidArgumentError, Option } from 'commander';
import { formatQueryResult, runQuery, type OutputFormat } from '../../query/index.ts';
import { withContext } from '../context.ts';

interface QueryOptions {
  format: OutputFormat;
  limit: number;
  tz: string;
  actor?: number;
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('use a whole number of 1 or more');

  return number;
}

export function registerQueryCommand(program: Command) {
  program
    .command('query')
    .description('Search tickets with the query language, or aggregate them (see docs/query-language.md)')
    .argument('<query>', 'query text, for example \'status:open priority:p1 account.health<60\'')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--limit <n>', 'tickets to print, 1 to 1000', parsePositiveInteger, 50)
    .option('--tz <zone>', 'IANA time zone for day boundaries such as today and 2026-11-01', 'UTC')
    .option('--actor <agentId>', 'agent id that assignee:me stands for', parsePositiveInteger)
    .action(async (query: string, options: QueryOptions) => {
      await withContext(async ({ db }) => {
        const result = await runQuery(db, query, { limit: options.limit, timeZone: options.tz, actorId: options.actor });
        process.stdout.write(formatQueryResult(result, options.format));
      }, { logLevel: 'silent' });
    });
}
