/** Handlers of the triage jobs: predict a new ticket, and retrain the models. */
import { defineJob } from '../../jobs/index.ts';
import { predictTicketJobSpec, trainModelsJobSpec } from './job-specs.ts';
import { triageTicket } from './predict.ts';
import { scheduleRetrainingIfDue } from './schedule.ts';
import { trainFields } from './train.ts';

export const predictTicketJob = defineJob({
  ...predictTicketJobSpec,
  async handler(payload, run) {
    const outcome = await triageTicket(run.context.db, payload.ticketId, run.logger);
    if (outcome.status === 'skipped') {
      run.logger.info({ ticketId: payload.ticketId, reason: outcome.reason }, 'triage skipped');
      return;
    }

    await scheduleRetrainingIfDue(run.context.db);
  },
});

export const trainModelsJob = defineJob({
  ...trainModelsJobSpec,
  async handler(payload, run) {
    const results = await trainFields(run.context.db);
    for (const result of results) {
      const detail = result.status === 'trained'
        ? { version: result.version, examples: result.examples, accuracy: result.metrics.accuracy, coverage: result.metrics.coverage }
        : { reason: result.reason, examples: result.examples };
      run.logger.info({ field: result.field, status: result.status, trigger: payload.reason, seconds: result.seconds, ...detail }, 'triage model training finished');
    }
  },
});

export const triageJobs = [predictTicketJob, trainModelsJob];
