/**
 * Decides cheaply when to retrain: after enough tickets changed since the
 * last training, and not within an hour of the last stored model.
 */
import { enqueueJob } from '../../jobs/index.ts';
import type { Queryable } from '../../store/index.ts';
import { trainModelsJobSpec } from './job-specs.ts';

export interface RetrainPolicy {
  /** Tickets created or updated since the last training that trigger a new one. */
  newLabels: number;
  minIntervalMs: number;
}

export const defaultRetrainPolicy: RetrainPolicy = { newLabels: 200, minIntervalMs: 60 * 60_000 };

/**
 * Counts tickets created or updated since the last training, up to the
 * policy's limit, through the updated_at index, and enqueues a training job
 * when the limit is reached. Ticket changes stand in for new labels: every
 * new label is a ticket change, so this never misses one, and it can only
 * train a little early. The job's unique key contains the current hour, so
 * repeated checks within an hour enqueue one job. Returns true when a job was enqueued.
 */
export async function scheduleRetrainingIfDue(db: Queryable, policy: RetrainPolicy = defaultRetrainPolicy, now = new Date()): Promise<boolean> {
  const [last] = await db.query<{ trained_at: Date | null }>('select max(trained_at) as trained_at from triage_models');
  const lastTrainedAt = last?.trained_at ? new Date(last.trained_at) : null;
  if (lastTrainedAt && now.getTime() - lastTrainedAt.getTime() < policy.minIntervalMs) return false;

  const [{ changed }] = await db.query<{ changed: number }>(
    `select count(*)::int as changed from (
       select 1 from tickets where $1::timestamptz is null or updated_at > $1::timestamptz limit $2
     ) recent`,
    [lastTrainedAt?.toISOString() ?? null, policy.newLabels],
  );
  if (changed < policy.newLabels) return false;

  const hour = now.toISOString().slice(0, 13);
  const result = await enqueueJob(db, trainModelsJobSpec, { reason: 'new_labels' }, { uniqueKey: `triage.train:${hour}` });
  return result.created;
}
