import type { Command } from 'commander';
import { demoMessages } from '../../demo/messages.ts';
import { generateDemo, maxDemoTickets, type DemoSummary } from '../../demo/index.ts';
import { CliError, withContext } from '../context.ts';
import { recomputeAllImpact } from '../../impact/index.ts';

interface DemoCommandOptions {
  seed: string;
  tickets: string;
  now?: string;
  force?: boolean;
}

export function registerDemoCommand(program: Command) {
  program
    .command('demo')
    .description('Fill the database with a demo organisation (Lumen Analytics): teams, agents, product components, '
      + 'about 50 accounts with contacts and health history, and six months of tickets. The same seed and --now give the same data.')
    .option('--seed <number>', 'seed of the pseudo-random generator', '42')
    .option('--tickets <number>', `number of tickets to generate (0 to ${maxDemoTickets})`, '3000')
    .option('--now <date>', 'reference date (ISO 8601); tickets span the six months before it (default: the current hour)')
    .option('--force', 'add the demo data even when the database already contains tickets')
    .action(async (options: DemoCommandOptions) => {
      const seed = parseInteger('--seed', options.seed, 0xffffffff);
      const tickets = parseInteger('--tickets', options.tickets, maxDemoTickets);
      const now = options.now === undefined ? undefined : parseDate(options.now);

      const summary = await withContext(async (context) => {
        const generated = await generateDemo(context.db, { seed, tickets, now, force: options.force === true });
        await recomputeAllImpact(context.db, { today: generated.now.toISOString().slice(0, 10) });
        return generated;
      });

      process.stdout.write(formatSummary(summary));
    });
}

function parseInteger(flag: string, value: string, max: number): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || parsed > max) {
    throw new CliError(`Invalid ${flag} "${value}": ${demoMessages.invalidInteger(0, max)}`, 2);
  }
  return parsed;
}

function parseDate(value: string): Date {
  const parsed = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(parsed.getTime())) {
    throw new CliError(`Invalid --now "${value}": ${demoMessages.invalidNow}`, 2);
  }
  return parsed;
}

function formatSummary(summary: DemoSummary): string {
  const { inserted } = summary;
  const lines = [
    `Demo organisation generated (seed ${summary.seed}, reference date ${summary.now.toISOString()}) in ${(summary.durationMs / 1000).toFixed(1)} s:`,
    `  ${inserted.teams} teams, ${inserted.agents} agents, ${inserted.components} product components`,
    `  ${inserted.accounts} accounts, ${inserted.contacts} contacts, ${inserted.subscriptions} subscriptions, ${inserted.healthScores} health scores`,
    `  ${inserted.tickets} tickets, ${inserted.messages} messages`,
    `Sign in as ${summary.login.email} with password ${summary.login.password}`,
    '  (every demo agent, for example maya@demo.casebook.local, uses the same password)',
  ];
  if (summary.existingAgents.length > 0) {
    lines.push(demoMessages.existingAgents(summary.existingAgents));
  }
  return `${lines.join('\n')}\n`;
}
