/**
 * Durable background jobs stored in the application's own database (table
 * `jobs`). A library such as pg-boss was not used because pg-boss 12 needs
 * Node 22 and its queue functions do not run on PGlite, the embedded engine;
 * this small table with SKIP LOCKED claims runs on both engines.
 */
export { defineJob, defineJobSpec, defaultMaxAttempts, type JobDefinition, type JobRun, type JobSpec } from './definition.ts';
export { enqueueJob, enqueueJobsFromStepSql, countJobsByStatus, type EnqueueOptions, type EnqueueResult, type JobRow, type JobStatus } from './queue.ts';
export { JobWorker, type JobWorkerOptions } from './worker.ts';
export { retryDelayMs, type BackoffOptions } from './backoff.ts';
