import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/context.ts';
import { JobWorker } from '../jobs/index.ts';
import { buildApp } from './app.ts';
import { jobDefinitions } from './jobs.ts';
import { ensureHealthSchedule } from '../health/index.ts';
import { ensureImpactSchedule } from '../impact/index.ts';

export interface RunningServer {
  app: FastifyInstance;
  worker: JobWorker | null;
  url: string;
  /** Stops taking requests, lets in-flight requests and jobs finish, then closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  port: number;
  host: string;
  worker: boolean;
}

export async function startServer(context: AppContext, options: StartOptions): Promise<RunningServer> {
  const app = await buildApp(context, { serveConsole: true });
  await app.listen({ port: options.port, host: options.host });

  const worker = options.worker ? new JobWorker({ context, jobs: jobDefinitions }) : null;
  worker?.start();
  if (worker) await ensureHealthSchedule(context.db);
  if (worker) await ensureImpactSchedule(context.db);

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const displayHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`;

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await app.close();
      await worker?.stop();
      await context.db.close();
    })();
    return stopping;
  };

  return { app, worker, url, stop };
}
