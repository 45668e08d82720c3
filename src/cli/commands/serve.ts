import type { Command } from 'commander';
import { openContext } from '../context.ts';
import { startServer } from '../../server/start.ts';
import type { Db } from '../../store/index.ts';
import { recomputeAllImpact } from '../../impact/index.ts';
import { enqueueJob } from '../../jobs/index.ts';
import { trainModelsJobSpec } from '../../triage/live/job-specs.ts';

async function hasNoAgents(db: Db): Promise<boolean> {
  const [row] = await db.query<{ count: number }>('select count(*)::int as count from agents');
  return row.count === 0;
}

/**
 * Generates the demo organisation, scores every ticket's business impact and
 * queues a training run, so the console opens with impact scores and, once
 * the worker has trained, triage models.
 */
async function seedDemo(db: Db, seed: number): Promise<{ email: string; password: string }> {
  const { generateDemo } = await import('../../demo/index.ts');
  const result = await generateDemo(db, { seed });

  await recomputeAllImpact(db, { today: result.now.toISOString().slice(0, 10) });
  await enqueueJob(db, trainModelsJobSpec, { reason: 'admin' });
  return result.login;
}

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('Start the HTTP server, the web console and the background worker')
    .option('--port <number>', 'TCP port (default: the PORT variable, else 3000)')
    .option('--host <address>', 'interface to bind (default: the HOST variable, else 127.0.0.1)')
    .option('--demo', 'on an empty database, first generate the demo organisation and print its login')
    .option('--seed <number>', 'seed of the demo organisation', '42')
    .option('--no-worker', 'do not run background jobs in this process')
    .action(async (options: { port?: string; host?: string; demo?: boolean; seed: string; worker: boolean }) => {
      const context = await openContext();
      const { config, db, logger } = context;
      let login: { email: string; password: string } | null = null;

      if (await hasNoAgents(db)) {
        if (options.demo) {
          process.stderr.write('Empty database: generating the demo organisation...\n');
          login = await seedDemo(db, Number(options.seed));
        } else {
          process.stderr.write('The database has no agents yet. Create the first admin with:\n  casebook user create --role admin --email you@example.com --name "Your Name"\n');
        }
      }

      const server = await startServer(context, {
        port: options.port === undefined ? config.PORT : Number(options.port),
        host: options.host ?? config.HOST,
        worker: options.worker,
      });

      process.stdout.write(`Casebook is running at ${server.url}\n  console: ${server.url}/\n  API docs: ${server.url}/api/docs\n`);
      if (login) {
        process.stdout.write(`  demo login: ${login.email} / ${login.password}\n`);
      }

      const shutdown = (signal: string) => {
        logger.info({ signal }, 'shutting down');
        server.stop().then(() => process.exit(0), (error) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        });
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });
}
