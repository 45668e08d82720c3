/**
 * Names and payloads of the triage jobs, apart from their handlers, so that
 * ticket writes can enqueue them without loading the models.
 */
import { z } from 'zod';
import { defineJobSpec, enqueueJob, enqueueJobsFromStepSql } from '../../jobs/index.ts';
import type { Queryable } from '../../store/index.ts';

export const predictTicketJobSpec = defineJobSpec({
  name: 'triage.predict',
  version: 1,
  payload: z.object({ ticketId: z.number().int().positive() }),
  maxAttempts: 3,
});

export const trainModelsJobSpec = defineJobSpec({
  name: 'triage.train',
  version: 1,
  payload: z.object({ reason: z.enum(['new_labels', 'admin']) }),
  maxAttempts: 2,
});

/** Enqueues triage of a new ticket; pass the transaction that created it. */
export async function enqueueTicketTriage(tx: Queryable, ticketId: number): Promise<void> {
  await enqueueJob(tx, predictTicketJobSpec, { ticketId }, { uniqueKey: `triage.predict:${ticketId}` });
}

/**
 * A WITH-statement step that enqueues triage for each ticket row of `step`
 * (which must have an `id` column), for inserts that create tickets in one statement.
 */
export function ticketTriageStepSql(step: string): string {
  return enqueueJobsFromStepSql(predictTicketJobSpec, step, "jsonb_build_object('ticketId', id)", "'triage.predict:' || id");
}
