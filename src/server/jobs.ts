import type { JobDefinition } from '../jobs/index.ts';
import { impactJobs } from '../impact/index.ts';

/** Every background job the worker role runs; a capability adds its definitions here. */
export const jobDefinitions: JobDefinition<unknown>[] = [...impactJobs] as JobDefinition<unknown>[];
