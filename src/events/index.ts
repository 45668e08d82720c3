import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/context.ts';
import { registerEventApiRoutes } from './routes-api.ts';
import { registerIngestRoutes } from './routes-ingest.ts';

export { ingestEvents, type IngestOptions, type IngestResult } from './ingest.ts';
export { computeUsage, readUsage, storeUsage, type UsageSummary, type FeatureUsage } from './usage.ts';
export { accountUsageJob, enqueueUsageRecompute, usageJobKey } from './usage-job.ts';
export { createEventSource, listEventSources, revokeEventSource } from './write-keys.ts';
export { trendOf, type Trend } from './trend.ts';
export { maxBatchBytes, maxEventBytes } from './segment.ts';

/** Registers the Segment-compatible ingestion endpoints and the event API routes. */
export async function registerEventRoutes(app: FastifyInstance, context: AppContext) {
  await registerIngestRoutes(app, context);
  await registerEventApiRoutes(app, context);
}
