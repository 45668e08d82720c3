import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../core/context.ts';
import { notFound } from '../core/errors.ts';
import { requireRole } from '../http/actor.ts';
import type { ImpactBreakdown } from './score.ts';

const params = z.object({ id: z.coerce.number().int().positive() });

/** GET /api/v1/tickets/:id/impact returns the stored score with the points of each component. */
export async function registerImpactRoutes(app: FastifyInstance, context: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/tickets/:id/impact', {
    schema: {
      tags: ['tickets'],
      summary: 'Get the business impact of a ticket',
      description: 'Needs the viewer role. Returns the stored score with the formula version, the points of each component (priority, ARR, tier, health, renewal and SLA) and `computedAt`. The score is null until it is first computed.',
      params,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    const [row] = await context.db.query<{ impact_score: number | null; impact_breakdown: ImpactBreakdown | null; impact_computed_at: Date | null }>(
      'select impact_score, impact_breakdown, impact_computed_at from tickets where id = $1', [request.params.id],
    );
    if (!row) throw notFound('Ticket', request.params.id);

    return {
      score: row.impact_score,
      formulaVersion: row.impact_breakdown?.formulaVersion ?? null,
      components: row.impact_breakdown?.components ?? [],
      computedAt: row.impact_computed_at ? new Date(row.impact_computed_at).toISOString() : null,
    };
  });
}
