import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../core/context.ts';
import { requireRole } from '../http/actor.ts';
import { runQuery } from './run.ts';

const querySchema = z.strictObject({
  q: z.string().min(1).max(2000).describe('A ticket query; see docs/query-language.md'),
  tz: z.string().max(64).optional().describe('IANA time zone for day boundaries; UTC when absent'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(200).optional(),
});

/** GET /api/v1/query runs any ticket query, including aggregations such as `count by component`. */
export async function registerQueryRoutes(app: FastifyInstance, context: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/query', {
    schema: {
      tags: ['query'],
      summary: 'Run a ticket query',
      description: 'Needs the viewer role. A filter query returns `{ kind: "tickets", items, total, nextCursor }`, paged with `limit` (1-1000, default 50) and `cursor`. An aggregation such as `count by component` returns `{ kind: "aggregate", rows }` with one `{ group, value }` per group. `tz` sets the time zone of day boundaries.',
      querystring: querySchema,
    },
  }, async (request) => {
    const actor = requireRole(request, 'viewer');
    const { q, tz, limit, cursor } = request.query;
    return runQuery(context.db, q, { actorId: actor.agentId, timeZone: tz, limit, cursor });
  });
}
