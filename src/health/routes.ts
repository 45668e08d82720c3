import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../core/context.ts';
import { notFound } from '../core/errors.ts';
import { requireRole } from '../http/actor.ts';
import { importAccountHealth, listHealthSnapshots, recomputeAccountHealth } from './snapshots.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const historyQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(90) });
const crmName = z.string().trim().toLowerCase().transform((value) => value.replace(/^crm:/, ''))
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,49}$/, 'use the CRM name in lower-case letters, digits, ".", "_" or "-", such as salesforce'));
const importBody = z.strictObject({
  score: z.number().min(0).max(100),
  source: crmName,
  components: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
  computedAt: z.iso.datetime({ offset: true }).optional(),
});

export async function registerHealthRoutes(app: FastifyInstance, context: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;

  api.get('/api/v1/accounts/:id/health', {
    schema: {
      tags: ['accounts'],
      summary: 'List the health snapshots of an account',
      description: 'Needs the viewer role. Returns `{ accountId, score, current, items }`: the current score and the latest `limit` snapshots (1-1000, default 90), newest first, each with its source (`computed` or `crm:<name>`) and components.',
      params: idParams,
      querystring: historyQuery,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    const [account] = await db.query<{ health_score: number | null }>('select health_score from accounts where id = $1', [request.params.id]);
    if (!account) throw notFound('Account', request.params.id);

    const items = await listHealthSnapshots(db, request.params.id, request.query.limit);
    return { accountId: request.params.id, score: account.health_score, current: items[0] ?? null, items };
  });

  api.post('/api/v1/accounts/:id/health', {
    schema: {
      tags: ['accounts'],
      summary: 'Record a health score from a CRM',
      description: 'Needs the agent role and returns 201 with the snapshot, stored with source `crm:<name>`. When it is the latest snapshot by `computedAt` it becomes the account\'s score, and the business impact of the account\'s open tickets is recomputed.',
      params: idParams,
      body: importBody,
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    const { score, source, components, computedAt } = request.body;
    const snapshot = await importAccountHealth(db, request.params.id, { score, crm: source, components, computedAt: computedAt ? new Date(computedAt) : undefined }, actor);
    return reply.status(201).send(snapshot);
  });

  api.post('/api/v1/accounts/:id/health/recompute', {
    schema: {
      tags: ['accounts'],
      summary: 'Recompute the health score of an account',
      description: 'Needs the agent role and returns 201 with a new `computed` snapshot as of now, which becomes the account\'s score unless a snapshot with a later `computedAt` exists.',
      params: idParams,
    },
  }, async (request, reply) => {
    requireRole(request, 'agent');
    const [account] = await db.query('select 1 from accounts where id = $1', [request.params.id]);
    if (!account) throw notFound('Account', request.params.id);

    const result = await recomputeAccountHealth(db, request.params.id, { now: new Date() });
    return reply.status(201).send(result!.snapshot);
  });
}
