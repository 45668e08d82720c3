import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../core/context.ts';
import { requireRole } from '../http/actor.ts';
import { FieldRegistryCache } from '../query/index.ts';
import type { VocabularyCache } from '../vocabularies/index.ts';
import { createViewBody, listViewsQuery, updateViewBody, viewIdParams } from './schemas.ts';
import { addCounts, createView, deleteView, getView, listViews, updateView, type QueryEnv } from './service.ts';

/**
 * Saved views at /api/v1/views. Every role may keep personal views; shared
 * views (no owner) are visible to all and changed only by admins.
 */
export async function registerViewRoutes(app: FastifyInstance, context: AppContext, vocabularies: VocabularyCache) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;
  const tags = ['views'];
  const registry = new FieldRegistryCache();
  const queryEnv = async (timeZone?: string): Promise<QueryEnv> => ({ vocabularies: await vocabularies.get(db), registry: await registry.get(db), timeZone });

  api.get('/api/v1/views', {
    schema: {
      tags,
      summary: 'List saved views',
      description: 'Needs the viewer role. Returns `{ items }`: the shared views and the caller\'s personal views, shared first. With `counts=true` each view also gets its matching ticket count, capped at 1,000, or null when its query no longer compiles.',
      querystring: listViewsQuery,
    },
  }, async (request) => {
    const actor = requireRole(request, 'viewer');
    const views = await listViews(db, actor);
    return { items: request.query.counts === 'true' ? await addCounts(db, views, await queryEnv(request.query.tz), actor) : views };
  });

  api.get('/api/v1/views/:id', {
    schema: {
      tags,
      summary: 'Get a saved view',
      description: 'Needs the viewer role. Another agent\'s personal view gets 404.',
      params: viewIdParams,
    },
  }, async (request) => {
    const actor = requireRole(request, 'viewer');
    return getView(db, actor, request.params.id);
  });

  api.post('/api/v1/views', {
    schema: {
      tags,
      summary: 'Create a saved view',
      description: 'Needs the viewer role and returns 201. The query must be a ticket-list filter, not an aggregation. Only admins create shared views (`shared: true`). A name that another personal view of the caller, or for a shared view another shared view, already has (ignoring case) gets 409 `duplicate`.',
      body: createViewBody,
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'viewer');
    reply.status(201);
    return createView(db, actor, request.body, await queryEnv());
  });

  api.patch('/api/v1/views/:id', {
    schema: {
      tags,
      summary: 'Update a saved view',
      description: 'Needs the viewer role, and the admin role for a shared view. Send the `version` you read with only the fields to change. A view changed since then gets 409 `version_conflict`.',
      params: viewIdParams,
      body: updateViewBody,
    },
  }, async (request) => {
    const actor = requireRole(request, 'viewer');
    return updateView(db, actor, request.params.id, request.body, await queryEnv());
  });

  api.delete('/api/v1/views/:id', {
    schema: {
      tags,
      summary: 'Delete a saved view',
      description: 'Needs the viewer role, and the admin role for a shared view. Returns 204.',
      params: viewIdParams,
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'viewer');
    await deleteView(db, actor, request.params.id);
    reply.status(204);
  });
}
