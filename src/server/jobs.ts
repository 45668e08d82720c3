import type { JobDefinition } from '../jobs/index.ts';
import { accountUsageJob } from '../events/index.ts';
import { accountHealthJob, dailyHealthJob } from '../health/index.ts';
import { impactJobs } from '../impact/index.ts';
import { triageJobs } from '../triage/live/index.ts';

/** Every background job the worker role runs; a capability adds its definitions here. */
export const jobDefinitions: JobDefinition<unknown>[] = [...impactJobs, accountUsageJob, accountHealthJob, dailyHealthJob, ...triageJobs] as JobDefinition<unknown>[];
