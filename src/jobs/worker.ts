import crypto from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../core/context.ts';
import type { Logger } from '../core/logger.ts';
import { defaultBackoff, jitter, retryDelayMs, type BackoffOptions } from './backoff.ts';
import type { JobDefinition } from './definition.ts';
import { claimJobs, completeJob, deleteFinishedJobs, extendLocks, recordFailure, requeueStaleJobs, type JobRow } from './queue.ts';

export interface JobWorkerOptions {
  context: AppContext;
  jobs: JobDefinition<unknown>[];
  /** Identifies this worker in locked_by; defaults to host:pid:random. */
  workerId?: string;
  /** Jobs run at the same time by this worker. */
  concurrency?: number;
  /** Pause between polls of an empty queue, in milliseconds (jittered by ±20 %). */
  pollIntervalMs?: number;
  /** A running job whose lock is older than this is re-queued by the sweeper, in milliseconds. */
  staleAfterMs?: number;
  /** Pause between sweeps, in milliseconds. */
  sweepIntervalMs?: number;
  backoff?: BackoffOptions;
  /** How long done jobs stay in the table before the sweeper deletes them, in milliseconds. */
  retainDoneMs?: number;
}

const messages = {
  started: 'job worker started',
  stopped: 'job worker stopped',
  pollFailed: 'job poll failed',
  jobStarted: 'job started',
  jobDone: 'job done',
  jobRetry: 'job failed, will retry',
  jobFailed: 'job failed permanently',
  jobLostLock: 'job lock lost before the result was stored',
  staleRequeued: 'stale running job re-queued',
  doneDeleted: 'old done jobs deleted',
  unknownJob: 'no handler is registered for this job name',
} as const;

/**
 * Runs jobs from the jobs table. Polling uses a self-rescheduling timer with
 * jitter: the next poll is set only after the previous one finished, so polls
 * never overlap, and it is set at once when a poll filled every slot.
 * While a handler runs, the worker renews the job's lock. The sweeper of any
 * worker re-queues jobs whose lock went stale, so a crashed worker loses nothing.
 */
export class JobWorker {
  readonly workerId: string;
  private readonly context: AppContext;
  private readonly logger: Logger;
  private readonly definitions: Map<string, JobDefinition<unknown>>;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly staleAfterMs: number;
  private readonly sweepIntervalMs: number;
  private readonly backoff: BackoffOptions;
  private readonly retainDoneMs: number;
  private readonly running = new Map<number, Promise<void>>();
  private pollTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private currentPoll: Promise<void> | undefined;
  private lastSweepAt = 0;
  private active = false;

  constructor(options: JobWorkerOptions) {
    this.context = options.context;
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    this.logger = options.context.logger.child({ workerId: this.workerId });
    this.definitions = new Map(options.jobs.map((definition) => [definition.name, definition]));
    this.concurrency = options.concurrency ?? 2;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.staleAfterMs = options.staleAfterMs ?? 5 * 60_000;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 30_000;
    this.backoff = options.backoff ?? defaultBackoff;
    this.retainDoneMs = options.retainDoneMs ?? 7 * 24 * 60 * 60_000;
  }

  /** Starts polling; returns at once. */
  start(): void {
    if (this.active) return;

    this.active = true;
    this.schedulePoll(0);
    this.heartbeatTimer = setInterval(() => void this.renewLocks(), Math.max(10, Math.floor(this.staleAfterMs / 3)));
    this.heartbeatTimer.unref();
    this.logger.info({ concurrency: this.concurrency }, messages.started);
  }

  /** Stops polling and waits for the handlers that are running to finish. */
  async stop(): Promise<void> {
    if (!this.active) return;

    this.active = false;
    clearTimeout(this.pollTimer);
    await this.currentPoll;
    await Promise.allSettled(this.running.values());
    clearInterval(this.heartbeatTimer);
    this.logger.info(messages.stopped);
  }

  /**
   * Sweeps when due, claims as many ready jobs as there are free slots and
   * waits for them to finish. Returns the number of jobs it ran. The polling
   * loop calls it; tests call it directly to step the worker.
   */
  async runOnce(): Promise<number> {
    if (Date.now() - this.lastSweepAt >= this.sweepIntervalMs) {
      await this.sweep();
    }

    const free = this.concurrency - this.running.size;
    if (free <= 0) return 0;

    const claimed = await claimJobs(this.context.db, this.workerId, free);
    const runs = claimed.map((job) => this.track(job));
    await Promise.all(runs);

    return claimed.length;
  }

  /**
   * Re-queues (or fails) running jobs whose lock went stale and returns how
   * many, then deletes done jobs older than the retention period.
   */
  async sweep(): Promise<number> {
    this.lastSweepAt = Date.now();
    const swept = await requeueStaleJobs(this.context.db, this.staleAfterMs);
    for (const job of swept) {
      this.logger.warn({ jobId: job.id, jobName: job.name, status: job.status }, messages.staleRequeued);
    }

    const deleted = await deleteFinishedJobs(this.context.db, this.retainDoneMs);
    if (deleted > 0) {
      this.logger.info({ deleted }, messages.doneDeleted);
    }

    return swept.length;
  }

  private schedulePoll(delayMs: number): void {
    if (!this.active) return;

    this.pollTimer = setTimeout(() => {
      this.currentPoll = this.poll();
    }, delayMs);
  }

  private async poll(): Promise<void> {
    let ranFullBatch = false;
    try {
      const ran = await this.runOnce();
      ranFullBatch = ran >= this.concurrency;
    } catch (error) {
      this.logger.error({ err: error }, messages.pollFailed);
    }

    this.schedulePoll(ranFullBatch ? 0 : jitter(this.pollIntervalMs));
  }

  private track(job: JobRow): Promise<void> {
    const run = this.execute(job).finally(() => this.running.delete(job.id));
    this.running.set(job.id, run);
    return run;
  }

  private async execute(job: JobRow): Promise<void> {
    const jobLogger = this.logger.child({ jobId: job.id, jobName: job.name });
    const definition = this.definitions.get(job.name);
    if (!definition) {
      jobLogger.error(messages.unknownJob);
      await this.fail(job, jobLogger, `${messages.unknownJob}: ${job.name}`, false);
      return;
    }

    const payload = this.readPayload(definition, job);
    if (!payload.ok) {
      await this.fail(job, jobLogger, payload.error, false);
      return;
    }

    jobLogger.debug({ attempt: job.attempts }, messages.jobStarted);
    try {
      await definition.handler(payload.value, {
        id: job.id,
        name: job.name,
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
        context: this.context,
        logger: jobLogger,
      });
    } catch (error) {
      await this.fail(job, jobLogger, describeError(error), true);
      return;
    }

    const stored = await completeJob(this.context.db, job.id, this.workerId);
    if (stored) {
      jobLogger.debug({ attempt: job.attempts }, messages.jobDone);
    } else {
      jobLogger.warn(messages.jobLostLock);
    }
  }

  private readPayload(definition: JobDefinition<unknown>, job: JobRow): { ok: true; value: unknown } | { ok: false; error: string } {
    const stored = job.payload_version !== definition.version && definition.upgradePayload
      ? definition.upgradePayload(job.payload, job.payload_version)
      : job.payload;
    const parsed = definition.payload.safeParse(stored);
    if (parsed.success) {
      return { ok: true, value: parsed.data };
    }

    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    return { ok: false, error: `payload (version ${job.payload_version}) does not match the schema of version ${definition.version} at: ${fields}` };
  }

  /** Stores a failure; a retryable one goes back to the queue until max_attempts is used up. */
  private async fail(job: JobRow, jobLogger: Logger, error: string, retryable: boolean): Promise<void> {
    const retry = retryable && job.attempts < job.max_attempts;
    const delayMs = retry ? retryDelayMs(job.attempts, this.backoff) : null;
    const status = await recordFailure(this.context.db, job.id, this.workerId, error, delayMs);

    if (status === null) {
      jobLogger.warn(messages.jobLostLock);
    } else if (status === 'queued') {
      jobLogger.warn({ attempt: job.attempts, maxAttempts: job.max_attempts, retryInMs: delayMs }, messages.jobRetry);
    } else {
      jobLogger.error({ attempt: job.attempts, maxAttempts: job.max_attempts }, messages.jobFailed);
    }
  }

  private async renewLocks(): Promise<void> {
    if (this.running.size === 0) return;

    try {
      await extendLocks(this.context.db, [...this.running.keys()], this.workerId);
    } catch (error) {
      this.logger.error({ err: error }, messages.pollFailed);
    }
  }
}

// Handler errors go to the jobs table (last_error), which operators read; the
// log line carries only the job id and name.
function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}
