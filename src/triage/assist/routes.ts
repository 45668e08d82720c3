/**
 * GET /api/v1/tickets/:id/similar, /draft and /escalation: the agent-assist
 * routes. Each app instance keeps its own resolved-ticket index and model
 * cache, so they live as long as the server.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { requireRole } from '../../http/actor.ts';
import { draftReply, type AnswerSource } from './draft.ts';
import type { DraftEndpoint } from './draft-llm.ts';
import { loadPredictionInput } from './escalation-data.ts';
import { predictEscalation } from './escalation-model.ts';
import { EscalationModelCache } from './model-store.ts';
import { ResolvedTicketIndex, type ResolvedIndexOptions } from './resolved-index.ts';
import { findSimilarTickets } from './similar.ts';

const params = z.object({ id: z.coerce.number().int().positive() });
const similarQuery = z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) });

export interface AssistRouteOptions {
  index?: Partial<ResolvedIndexOptions>;
  /** Further answer sources for drafts, such as macros or knowledge articles. */
  answerSources?: AnswerSource[];
}

/** Returns the configured draft endpoint, or undefined when drafts stay retrieval-only. */
export function draftEndpointFromConfig(config: AppContext['config']): DraftEndpoint | undefined {
  if (!config.CASEBOOK_DRAFT_API_URL) {
    return undefined;
  }

  return { url: config.CASEBOOK_DRAFT_API_URL, apiKey: config.CASEBOOK_DRAFT_API_KEY, model: config.CASEBOOK_DRAFT_MODEL, timeoutMs: config.CASEBOOK_DRAFT_TIMEOUT_MS };
}

export async function registerAssistRoutes(app: FastifyInstance, context: AppContext, options: AssistRouteOptions = {}) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const index = new ResolvedTicketIndex(context.db, options.index);
  const models = new EscalationModelCache(context.db);
  const endpoint = draftEndpointFromConfig(context.config);

  api.get('/api/v1/tickets/:id/similar', {
    schema: {
      tags: ['tickets'],
      summary: 'List resolved tickets similar to a ticket',
      description: 'Needs the viewer role. Returns up to `limit` (1-20, default 5) solved or closed tickets, most similar first, from an in-memory index of resolved tickets that each server process keeps.',
      params,
      querystring: similarQuery,
    },
  }, async (request) => {
    requireRole(request, 'viewer');

    return findSimilarTickets(context.db, index, request.params.id, request.query.limit);
  });

  api.get('/api/v1/tickets/:id/draft', {
    schema: {
      tags: ['tickets'],
      summary: 'Draft a reply to a ticket',
      description: 'Needs the viewer role. Returns `{ body, sources, method }`: a reply drafted from the answers of the most similar resolved tickets, rewritten by the configured chat-completions endpoint when there is one and it succeeds (`method: "llm"`, else `"retrieval"`). `body` is null when there is nothing to suggest. Nothing is sent to the customer.',
      params,
    },
  }, async (request) => {
    const actor = requireRole(request, 'viewer');

    return draftReply({ db: context.db, index, logger: request.log, endpoint, answerSources: options.answerSources }, request.params.id, actor.agentId);
  });

  api.get('/api/v1/tickets/:id/escalation', {
    schema: {
      tags: ['tickets'],
      summary: 'Predict the escalation risk of a ticket',
      description: 'Needs the viewer role. Returns the probability that the ticket escalates, the features that contributed most, and the model version. All three are null or empty until an escalation model has been trained.',
      params,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    const stored = await models.get();
    if (!stored) {
      const [exists] = await context.db.query('select 1 from tickets where id = $1', [request.params.id]);
      if (!exists) throw notFound('Ticket', request.params.id);
      return { probability: null, topFactors: [], modelVersion: null };
    }

    const input = await loadPredictionInput(context.db, request.params.id, stored.model.labelSource);
    if (!input) {
      throw notFound('Ticket', request.params.id);
    }

    const prediction = predictEscalation(stored.model, input);
    request.log.info({ ticketId: request.params.id, modelVersion: stored.modelVersion, probability: prediction.probability }, 'escalation risk predicted');

    return { ...prediction, modelVersion: stored.modelVersion };
  });
}
