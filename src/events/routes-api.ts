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

  api.post('/api/v1/event-sources', {
    schema: {
      tags: ['events'],
      summary: 'Create an event source',
      description: 'Needs the admin role and returns 201 with the source and its `writeKey`. Only a hash of the key is stored, so this response is the one time it can be read. Segment libraries send the key to the `/v1/track` family of routes.',
      body: createSourceBody,
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const source = await createEventSource(db, request.body.name, actor);
    return reply.status(201).send(source);
  });

  api.get('/api/v1/event-sources', {
    schema: {
      tags: ['events'],
      summary: 'List event sources',
      description: 'Needs the admin role. Returns `{ items }` with each source\'s name and revocation time, never the write key.',
    },
  }, async (request) => {
    requireRole(request, 'admin');
    return { items: await listEventSources(db) };
  });

  api.delete('/api/v1/event-sources/:id', {
    schema: {
      tags: ['events'],
      summary: 'Revoke an event source',
      description: 'Needs the admin role. Returns the source with `revokedAt` set. Events sent with its write key are rejected from then on. Revoking again keeps the first revocation time.',
      params: idParams,
    },
  }, async (request) => {
    const actor = requireRole(request, 'admin');
    return revokeEventSource(db, request.params.id, actor);
  });

  api.get('/api/v1/accounts/:id/usage', {
    schema: {
      tags: ['accounts'],
      summary: 'Get the product usage of an account',
      description: 'Needs the viewer role. Returns active users and sessions over the last 7 and 30 days, event counts with their trend against the previous 7 days, and use per feature, all from the account\'s track, page and screen events. The summary is recomputed in the background about 10 seconds after new events arrive, and `computedAt` is the time of the last computation.',
      params: idParams,
    },
  }, async (request) => {
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

  api.get('/api/v1/accounts/:id/events', {
    schema: {
      tags: ['accounts'],
      summary: 'List the product events of an account',
      description: 'Needs the viewer role. Returns `{ items, next }`, newest first, at most `limit` (1-500, default 50) events. Pass the `before` and `beforeId` of `next` to get the next older page. `next` is null on the last page.',
      params: idParams,
      querystring: eventsQuery,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    await assertAccount(db, request.params.id);
    const { before, beforeId, limit } = request.query;
    return listAccountEvents(db, request.params.id, { before: before ? new Date(before) : undefined, beforeId, limit });
  });
}
