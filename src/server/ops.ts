/**
 * Operations endpoints: GET /healthz for load balancers and GET /metrics for
 * Prometheus. Neither requires authentication, so keep them off a public
 * listener or filter them at the proxy if that matters in a deployment.
 */
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { AppContext } from '../core/context.ts';
import { countJobsByStatus } from '../jobs/index.ts';

const healthCheckTimeoutMs = 2_000;

const messages = {
  healthCheckFailed: 'health check failed',
  jobCountFailed: 'counting jobs for metrics failed',
  databaseUnavailable: 'the database did not answer select 1',
} as const;

/** Registers /healthz and /metrics, and times every request of `app` into the metrics registry. */
export async function registerOpsRoutes(app: FastifyInstance, context: AppContext) {
  // One registry per app instance, so that several apps in one process (tests) keep separate metrics.
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  registerRequestTiming(app, registry);
  registerJobGauge(registry, context);
  app.addHook('onClose', async () => registry.clear());

  app.get('/healthz', { logLevel: 'warn', schema: { hide: true } }, async (_request, reply) => {
    try {
      await withTimeout(context.db.query('select 1'), healthCheckTimeoutMs);
    } catch (error) {
      app.log.error({ err: error }, messages.healthCheckFailed);
      return reply.status(503).send({ status: 'unavailable', engine: context.db.engine, reason: messages.databaseUnavailable });
    }

    return { status: 'ok', engine: context.db.engine, uptimeSeconds: Math.round(process.uptime()) };
  });

  app.get('/metrics', { logLevel: 'warn', schema: { hide: true } }, async (_request, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
}

function registerRequestTiming(app: FastifyInstance, registry: client.Registry) {
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests in seconds, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // Labelling by route pattern rather than URL keeps the label values bounded. Unmatched URLs share one value.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}

function registerJobGauge(registry: client.Registry, context: AppContext) {
  new client.Gauge({
    name: 'casebook_jobs',
    help: 'Background jobs by status (queued, running, failed), read from the database at scrape time',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      try {
        const counts = await countJobsByStatus(context.db);
        for (const [status, count] of Object.entries(counts)) {
          this.set({ status }, count);
        }
      } catch (error) {
        // Drop the series rather than report stale counts.
        this.reset();
        context.logger.error({ err: error }, messages.jobCountFailed);
      }
    },
  });
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });

  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
