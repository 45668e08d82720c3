import { type Command, InvalidArgumentError } from 'commander';
import { recomputeAccountHealth, type HealthResult } from '../../health/index.ts';
import { CliError, withContext } from '../context.ts';

function parseAccountId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError('use a positive account id');
  return id;
}

function formatResult(accountId: number, name: string, result: HealthResult): string {
  const parts = result.components.map((component) =>
    component.status === 'missing' ? `${component.key} missing` : `${component.key} ${component.value}×${component.effectiveWeight}=${component.contribution}`);
  return `${accountId}\t${name}\t${result.score}\t${parts.join(', ')}\n`;
}

export function registerHealthCommand(program: Command) {
  const health = program.command('health').description('Compute account health scores (see docs/events.md)');

  health
    .command('recompute')
    .description('Recompute and store the health score of every account, or of one')
    .option('--account <id>', 'account id to recompute', parseAccountId)
    .option('--json', 'print one JSON object per account instead of a table')
    .action(async (options: { account?: number; json?: boolean }) => {
      await withContext(async ({ db }) => {
        const accounts = await db.query<{ id: number; name: string }>(
          'select id, name from accounts where $1::bigint is null or id = $1 order by id',
          [options.account ?? null],
        );
        if (options.account !== undefined && accounts.length === 0) throw new CliError(`Account ${options.account} was not found`, 2);

        if (!options.json) process.stdout.write('account\tname\tscore\tcomponents (value×weight=points)\n');
        for (const account of accounts) {
          const result = await recomputeAccountHealth(db, account.id, { now: new Date() });
          process.stdout.write(options.json ? `${JSON.stringify(result!.snapshot)}\n` : formatResult(account.id, account.name, result!));
        }
      }, { logLevel: 'silent' });
    });
}
