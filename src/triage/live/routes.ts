/** HTTP routes of live triage: a ticket's predictions and the decisions on them, and the admin model pages. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { requireRole } from '../../http/actor.ts';
import { enqueueJob } from '../../jobs/index.ts';
import type { VocabularyCache } from '../../vocabularies/index.ts';
import { acceptPrediction, correctPrediction, listPredictions, rejectPrediction } from './decisions.ts';
import { allowedValues, listTriageFields } from './fields.ts';
import { trainModelsJobSpec } from './job-specs.ts';
import { activateModel } from './models.ts';
import { getModelsOverview } from './overview.ts';

const id = z.coerce.number().int().positive();
const ticketParams = z.object({ id });
const predictionParams = z.object({ id, predictionId: id });
const version = z.number().int().positive().describe('The ticket version the agent saw; a stale one gets version_conflict');

export async function registerTriageRoutes(app: FastifyInstance, context: AppContext, vocabularies: VocabularyCache) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;
  const deps = { db, vocabularies };
  const tags = ['triage'];

  api.get('/api/v1/tickets/:id/predictions', {
    schema: {
      tags: ['tickets'],
      summary: 'List the triage predictions of a ticket',
      description: 'Needs the viewer role. Returns `{ items }`, newest first: each prediction with its field, value, confidence, alternatives, explaining terms, model version and status (applied, suggested, abstained, accepted, corrected or rejected).',
      params: ticketParams,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return { items: await listPredictions(db, request.params.id) };
  });

  api.post('/api/v1/tickets/:id/predictions/:predictionId/accept', {
    schema: {
      tags: ['tickets'],
      summary: 'Accept a triage prediction',
      description: 'Needs the agent role. Writes the predicted value to the ticket as a normal update, so a stale `version` gets 409 `version_conflict`, and marks the prediction accepted as a training label. Returns `{ prediction, ticket }`.',
      params: predictionParams,
      body: z.strictObject({ version }),
    },
  }, async (request) => {
    const actor = requireRole(request, 'agent');
    return acceptPrediction(deps, actor, request.params.id, request.params.predictionId, request.body.version);
  });

  api.post('/api/v1/tickets/:id/predictions/:predictionId/correct', {
    schema: {
      tags: ['tickets'],
      summary: 'Correct a triage prediction',
      description: 'Needs the agent role. Writes `value` to the ticket instead of the predicted one (a stale `version` gets 409 `version_conflict`) and records it as the label for the next training. Returns `{ prediction, ticket }`.',
      params: predictionParams,
      body: z.strictObject({ value: z.string().min(1).max(200), version }),
    },
  }, async (request) => {
    const actor = requireRole(request, 'agent');
    return correctPrediction(deps, actor, request.params.id, request.params.predictionId, request.body.value, request.body.version);
  });

  api.post('/api/v1/tickets/:id/predictions/:predictionId/reject', {
    schema: {
      tags: ['tickets'],
      summary: 'Reject a triage suggestion',
      description: 'Needs the agent role. Marks a suggested prediction rejected without changing the ticket. A prediction that is not a suggestion gets 422. Returns `{ prediction, ticket: null }`.',
      params: predictionParams,
    },
  }, async (request) => {
    const actor = requireRole(request, 'agent');
    return rejectPrediction(db, actor, request.params.id, request.params.predictionId);
  });

  api.get('/api/v1/triage/fields', {
    schema: {
      tags,
      summary: 'List the fields triage predicts',
      description: 'Needs the viewer role. Returns `{ items }` with each predicted ticket field (the built-in ones, then custom fields marked predicted) and the values it may take.',
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    const fields = await listTriageFields(db);
    return { items: await Promise.all(fields.map(async (field) => ({ field: field.name, values: await allowedValues(db, field) }))) };
  });

  api.get('/api/v1/triage/models', {
    schema: {
      tags,
      summary: 'Get the triage model overview',
      description: 'Needs the admin role. Returns `{ fields }`: per predicted field, the active model version with the metrics of its last evaluation, the previous version, how agents decided on its predictions and decisions per week.',
    },
  }, async (request) => {
    requireRole(request, 'admin');
    return getModelsOverview(db);
  });

  api.post('/api/v1/triage/models/:id/activate', {
    schema: {
      tags,
      summary: 'Activate a triage model version',
      description: 'Needs the admin role. Makes a stored model version active again for a rollback, and the version it replaces becomes the previous one. Returns `{ id, field, version }`.',
      params: ticketParams,
    },
  }, async (request) => {
    requireRole(request, 'admin');
    return activateModel(db, request.params.id);
  });

  api.post('/api/v1/triage/train', {
    schema: {
      tags,
      summary: 'Start training the triage models',
      description: 'Needs the admin role and returns 202 with the id of the queued training job. A request in the same minute while that job is still queued returns the same job with `created: false`.',
    },
  }, async (request, reply) => {
    requireRole(request, 'admin');
    const job = await enqueueJob(db, trainModelsJobSpec, { reason: 'admin' }, { uniqueKey: `triage.train:admin:${new Date().toISOString().slice(0, 16)}` });
    return reply.status(202).send({ jobId: job.id, created: job.created });
  });

  api.patch('/api/v1/triage/custom-fields/:key', {
    schema: {
      tags,
      summary: 'Set whether triage predicts a custom field',
      description: 'Needs the admin role. Only custom ticket fields of type vocabulary can be predicted. The next training builds a model for a field marked `predicted: true`.',
      params: z.object({ key: z.string().regex(/^[a-z][a-z0-9_]*$/) }),
      body: z.strictObject({ predicted: z.boolean() }),
    },
  }, async (request) => {
    requireRole(request, 'admin');
    return setCustomFieldPredicted(context, request.params.key, request.body.predicted);
  });
}

async function setCustomFieldPredicted(context: AppContext, key: string, predicted: boolean) {
  const rows = await context.db.query<{ key: string; type: string }>(
    "select key, type from custom_field_definitions where entity = 'ticket' and key = $1", [key],
  );
  if (rows.length === 0) {
    throw new AppError('not_found', `Custom ticket field ${key} was not found`, [{ field: 'key', value: key, fix: 'create the field under /api/v1/custom-fields first' }]);
  }
  if (rows[0].type !== 'vocabulary') {
    throw new AppError('invalid_input', `Custom field ${key} is of type ${rows[0].type}; only vocabulary fields can be predicted`, [
      { field: 'key', value: key, fix: 'mark a custom field of type vocabulary' },
    ]);
  }

  await context.db.query("update custom_field_definitions set predicted = $2 where entity = 'ticket' and key = $1", [key, predicted]);
  return { field: `custom.${key}`, predicted };
}
