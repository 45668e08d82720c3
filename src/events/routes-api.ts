import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../core/context.ts';
import { notFound } from '../core/errors.ts';
import { requireRole } from '../http/actor.ts';
import type { Queryable } from '../store/index.ts';
import { listAccountEvents } from './account-events.ts';
import { messages } from './messages.ts';
import { computeUsage, readUsage, storeUsage } from './usage.ts';
import { createEventSource, listEventSources, revokeEventSource } from './write-keys.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const createSourceBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
const eventsQuery = z.strictObject({
  before: z.iso.datetime({ offset: true }).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

async function assertAccount(db: Queryable, id: number): Promise<void> {
  const [row] = await db.query('select 1 from accounts where id = $1', [id]);
  if (!row) throw notFound(messages.accountNotFound, id);
}

/** Write-key administration and the per-account usage and event views. */
export async function registerEventApiRoutes(app: FastifyInstance, context: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;

  api.post('/api/v1/event-sources', { schema: { tags: ['events'], body: createSourceBody } }, async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const source = await createEventSource(db, request.body.name, actor);
    return reply.status(201).send(source);
  });

  api.get('/api/v1/event-sources', { schema: { tags: ['events'] } }, async (request) => {
    requireRole(request, 'admin');
    return { items: await listEventSources(db) };
  });

  api.delete('/api/v1/event-sources/:id', { schema: { tags: ['events'], params: idParams } }, async (request) => {
    const actor = requireRole(request, 'admin');
    return revokeEventSource(db, request.params.id, actor);
  });

  api.get('/api/v1/accounts/:id/usage', { schema: { tags: ['events'], params: idParams } }, async (request) => {
    requireRole(request, 'viewer');
    const accountId = request.params.id;
    await assertAccount(db, accountId);

    const stored = await readUsage(db, accountId);
    if (stored) return stored;

    // The first read of an account with no summary yet computes and keeps it.
    const summary = await computeUsage(db, accountId, new Date());
    await storeUsage(db, summary);
    return readUsage(db, accountId);
  });

  api.get('/api/v1/accounts/:id/events', { schema: { tags: ['events'], params: idParams, querystring: eventsQuery } }, async (request) => {
    requireRole(request, 'viewer');
    await assertAccount(db, request.params.id);
    const { before, beforeId, limit } = request.query;
    return listAccountEvents(db, request.params.id, { before: before ? new Date(before) : undefined, beforeId, limit });
  });
}
