/**
 * SQL for the jobs table (migration 0005_jobs). Every state change is a
 * conditional UPDATE, so two workers, or a worker and the sweeper, never both
 * win the same transition.
 */
import type { Queryable } from '../store/index.ts';
import { defaultMaxAttempts, type JobSpec } from './definition.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobRow {
  id: number;
  name: string;
  payload: unknown;
  payload_version: number;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  locked_at: Date | null;
  locked_by: string | null;
  last_error: string | null;
  unique_key: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export interface EnqueueOptions {
  /** Earliest time the job may run; defaults to now. */
  runAt?: Date;
  /**
   * A business key that coalesces work: while a job with this key waits in the
   * queue, enqueueing again returns that job instead. Once it has started, the
   * same key queues a new job, so changes made during a run are not lost.
   */
  uniqueKey?: string;
  /** Payload version when the job is given by name; defaults to 1. */
  version?: number;
  /** Overrides the spec's maxAttempts. */
  maxAttempts?: number;
}

export interface EnqueueResult {
  id: number;
  /** False when a job with the same uniqueKey already existed. */
  created: boolean;
}

/**
 * Inserts a job. Pass the caller's transaction as `queryable` so the job is
 * stored only if that transaction commits. With a spec the payload is checked
 * against its schema first; with a bare name it is stored as given.
 */
export async function enqueueJob<Payload>(
  queryable: Queryable,
  job: JobSpec<Payload> | string,
  payload: Payload,
  options: EnqueueOptions = {},
): Promise<EnqueueResult> {
  const spec = typeof job === 'string' ? undefined : job;
  const name = typeof job === 'string' ? job : job.name;
  const stored = spec ? spec.payload.parse(payload) : payload;
  const version = spec?.version ?? options.version ?? 1;
  const maxAttempts = options.maxAttempts ?? spec?.maxAttempts ?? defaultMaxAttempts;

  // The queued job holding the key may be claimed between the insert and the
  // lookup; the key is then free, so the insert is tried again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const inserted = await queryable.query<{ id: number }>(
      `insert into jobs (name, payload, payload_version, max_attempts, run_at, unique_key)
       values ($1, $2::jsonb, $3, $4, coalesce($5::timestamptz, now()), $6)
       on conflict (unique_key) where status = 'queued' do nothing
       returning id`,
      [name, JSON.stringify(stored ?? {}), version, maxAttempts, options.runAt?.toISOString() ?? null, options.uniqueKey ?? null],
    );
    if (inserted.length > 0) {
      return { id: inserted[0].id, created: true };
    }

    const existing = await queryable.query<{ id: number }>(
      "select id from jobs where unique_key = $1 and status = 'queued'", [options.uniqueKey],
    );
    if (existing[0]) {
      return { id: existing[0].id, created: false };
    }
  }
  throw new Error(`Could not enqueue job ${name}: its unique key kept changing hands`);
}

const sqlSafeJobName = /^[a-z][a-z0-9_.-]*$/;

/**
 * SQL for one step of a data-modifying WITH statement that enqueues a job per
 * row of an earlier step, so a write and its job take one round trip.
 * `payloadSql` and `uniqueKeySql` are SQL expressions over that step's
 * columns. Unlike enqueueJob, it does not check the payload against the
 * spec's schema. A queued job with the same key fails the statement, so use
 * it only where the key is new, such as a key built from an id just inserted.
 */
export function enqueueJobsFromStepSql<Payload>(spec: JobSpec<Payload>, step: string, payloadSql: string, uniqueKeySql: string): string {
  if (!sqlSafeJobName.test(spec.name)) throw new Error(`Job name ${spec.name} cannot be written into SQL`);
  const maxAttempts = spec.maxAttempts ?? defaultMaxAttempts;

  return `insert into jobs (name, payload, payload_version, max_attempts, unique_key)
    select '${spec.name}', ${payloadSql}, ${Number(spec.version)}, ${Number(maxAttempts)}, ${uniqueKeySql} from ${step}`;
}

/** Marks up to `limit` ready jobs as running for `workerId` and returns them. */
export async function claimJobs(queryable: Queryable, workerId: string, limit: number): Promise<JobRow[]> {
  return queryable.query<JobRow>(
    `update jobs set status = 'running', locked_at = now(), locked_by = $1, attempts = attempts + 1
     where id in (
       select id from jobs
       where status = 'queued' and run_at <= now()
       order by run_at, id
       limit $2
       for update skip locked
     )
     returning *`,
    [workerId, limit],
  );
}

/** Marks a job done; returns false when this worker no longer owns its lock. */
export async function completeJob(queryable: Queryable, id: number, workerId: string): Promise<boolean> {
  const rows = await queryable.query(
    `update jobs set status = 'done', finished_at = now(), locked_at = null, locked_by = null
     where id = $1 and status = 'running' and locked_by = $2
     returning id`,
    [id, workerId],
  );
  return rows.length > 0;
}

/**
 * Records a failed run: the job is queued again after `retryInMs`, or marked
 * failed when `retryInMs` is null. A retried job gives up its unique key when
 * another job with that key is already queued, since only one may wait. Returns the new status, or null when this
 * worker no longer owns its lock.
 */
export async function recordFailure(
  queryable: Queryable,
  id: number,
  workerId: string,
  error: string,
  retryInMs: number | null,
): Promise<JobStatus | null> {
  const rows = await queryable.query<{ status: JobStatus }>(
    `update jobs set
       status = case when $4::double precision is null then 'failed' else 'queued' end,
       run_at = case when $4::double precision is null then run_at else now() + $4::double precision * interval '1 millisecond' end,
       finished_at = case when $4::double precision is null then now() else null end,
       last_error = $3, locked_at = null, locked_by = null,
       unique_key = case when exists (
         select 1 from jobs waiting where waiting.unique_key = jobs.unique_key and waiting.status = 'queued' and waiting.id <> jobs.id
       ) then null else unique_key end
     where id = $1 and status = 'running' and locked_by = $2
     returning status`,
    [id, workerId, error, retryInMs],
  );
  return rows[0]?.status ?? null;
}

/** Refreshes the lock of jobs this worker is still running, so the sweeper leaves them alone. */
export async function extendLocks(queryable: Queryable, ids: number[], workerId: string): Promise<void> {
  await queryable.query(
    `update jobs set locked_at = now() where id = any($1::bigint[]) and status = 'running' and locked_by = $2`,
    [ids, workerId],
  );
}

/**
 * Re-queues running jobs whose lock is older than `staleAfterMs` (their worker
 * crashed or lost its connection), or fails them when they have used every
 * attempt, so a job that kills its worker cannot loop forever.
 */
export async function requeueStaleJobs(queryable: Queryable, staleAfterMs: number): Promise<JobRow[]> {
  return queryable.query<JobRow>(
    `update jobs set
       status = case when attempts >= max_attempts then 'failed' else 'queued' end,
       finished_at = case when attempts >= max_attempts then now() else null end,
       last_error = 'worker ' || coalesce(locked_by, 'unknown') || ' stopped renewing its lock',
       locked_at = null, locked_by = null,
       unique_key = case when exists (
         select 1 from jobs waiting where waiting.unique_key = jobs.unique_key and waiting.status = 'queued' and waiting.id <> jobs.id
       ) then null else unique_key end
     where status = 'running' and locked_at < now() - $1::double precision * interval '1 millisecond'
     returning *`,
    [staleAfterMs],
  );
}

/**
 * Deletes up to `limit` done jobs that finished more than `retainMs` ago and
 * returns how many it deleted. Failed jobs are kept for an operator to read.
 */
export async function deleteFinishedJobs(queryable: Queryable, retainMs: number, limit = 1_000): Promise<number> {
  const rows = await queryable.query(
    `delete from jobs where id in (
       select id from jobs
       where status = 'done' and finished_at < now() - $1::double precision * interval '1 millisecond'
       limit $2
     )
     returning id`,
    [retainMs, limit],
  );
  return rows.length;
}

/**
 * Counts jobs by status (done jobs excluded), for metrics.
 * NOTE: this scans the table, which stays small only because the sweeper deletes old done jobs.
 */
export async function countJobsByStatus(queryable: Queryable): Promise<Record<Exclude<JobStatus, 'done'>, number>> {
  const rows = await queryable.query<{ status: JobStatus; count: number }>(
    `select status, count(*)::int8 as count from jobs where status <> 'done' group by status`,
  );
  const counts = { queued: 0, running: 0, failed: 0 };
  for (const row of rows) {
    if (row.status !== 'done') {
      counts[row.status] = row.count;
    }
  }
  return counts;
}
