import type { z } from 'zod';
import type { AppContext } from '../core/context.ts';
import type { Logger } from '../core/logger.ts';

/** What a handler is told about the job it runs. */
export interface JobRun {
  id: number;
  name: string;
  /** 1 on the first run, 2 on the first retry, and so on. */
  attempt: number;
  maxAttempts: number;
  context: AppContext;
  /** A child logger bound to the job id and name. */
  logger: Logger;
}

/**
 * The part of a job that producers need: its name, the payload schema and the
 * schema version. Keep it in its own file so that enqueueing a job does not
 * load the handler's dependencies.
 */
export interface JobSpec<Payload> {
  name: string;
  /** Version of the payload shape; stored with every enqueued job. */
  version: number;
  payload: z.ZodType<Payload>;
  /** Runs before a retry is given up; defaults to 5. */
  maxAttempts?: number;
  /**
   * Converts a payload stored by an older version into the current shape, so
   * jobs enqueued before a deploy still run after it. Without it, a payload
   * of another version must still match the current schema.
   */
  upgradePayload?: (stored: unknown, storedVersion: number) => unknown;
}

/**
 * A job the worker can run. Handlers must be idempotent: a job can run again
 * after a crash between the handler's side effects and the 'done' update.
 */
export interface JobDefinition<Payload> extends JobSpec<Payload> {
  // Method syntax keeps a JobDefinition<{...}> assignable to JobDefinition<unknown>, the worker's list type.
  handler(payload: Payload, run: JobRun): Promise<void>;
}

export const defaultMaxAttempts = 5;

const jobNamePattern = /^[a-z][a-z0-9_.-]{0,99}$/;

/** Checks a job definition once, when the module that defines it loads. */
export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  checkSpec(definition);
  return definition;
}

/** Checks a job spec that is defined apart from its handler. */
export function defineJobSpec<Payload>(spec: JobSpec<Payload>): JobSpec<Payload> {
  checkSpec(spec);
  return spec;
}

function checkSpec(spec: JobSpec<unknown>): void {
  if (!jobNamePattern.test(spec.name)) {
    throw new Error(`Invalid job name "${spec.name}": use lower-case letters, digits, '.', '_' or '-', starting with a letter`);
  }
  if (!Number.isInteger(spec.version) || spec.version < 1) {
    throw new Error(`Invalid version ${spec.version} for job "${spec.name}": use a positive integer`);
  }
  if (spec.maxAttempts !== undefined && (!Number.isInteger(spec.maxAttempts) || spec.maxAttempts < 1)) {
    throw new Error(`Invalid maxAttempts ${spec.maxAttempts} for job "${spec.name}": use a positive integer`);
  }
}
