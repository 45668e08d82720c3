import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context.ts';
import { requireRole } from '../../http/actor.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../api-tokens.ts';
import { idParamsSchema } from './schemas.ts';

const createTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('What the token is for, shown in listings'),
  agentId: z.number().int().positive().optional().describe('Agent the token acts as; defaults to the caller'),
});

const createdTokenSchema = z.object({
  id: z.number(),
  agentId: z.number(),
  name: z.string(),
  token: z.string().describe('The token itself; it is shown only in this response'),
});

const tokenSummarySchema = z.object({
  id: z.number(),
  agentId: z.number(),
  agentEmail: z.string(),
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to tell tokens apart'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('Updated at most once a minute'),
  revokedAt: z.string().nullable(),
});

/** Registers API token management; every route needs the admin role. */
export function registerTokenRoutes(app: FastifyInstance, context: AppContext) {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post('/api/v1/tokens', {
    schema: {
      tags: ['tokens'],
      summary: 'Create an API token',
      description: 'Needs the admin role and returns 201. The `token` in the response is shown only once. Send it as `Authorization: Bearer <token>`. The token acts as the agent named by `agentId`, or as the caller.',
      body: createTokenBodySchema,
      response: { 201: createdTokenSchema },
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'admin');

    const agentId = request.body.agentId ?? actor.agentId;
    const created = await createApiToken(context.db, { agentId, name: request.body.name }, actor);
    request.log.info({ tokenId: created.id }, 'API token created');

    return reply.status(201).send({ id: created.id, agentId, name: request.body.name, token: created.token });
  });

  routes.get('/api/v1/tokens', {
    schema: {
      tags: ['tokens'],
      summary: 'List API tokens',
      description: 'Needs the admin role. Returns `{ items }` with each token\'s prefix, agent and last use, never the token itself.',
      response: { 200: z.object({ items: z.array(tokenSummarySchema) }) },
    },
  }, async (request) => {
    requireRole(request, 'admin');

    return { items: await listApiTokens(context.db) };
  });

  routes.delete('/api/v1/tokens/:id', {
    schema: {
      tags: ['tokens'],
      summary: 'Revoke an API token',
      description: 'Needs the admin role and returns 204. Requests with the token fail from then on, and revoking a revoked token changes nothing.',
      params: idParamsSchema,
      response: { 204: z.null().describe('Token revoked') },
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'admin');

    await revokeApiToken(context.db, request.params.id, actor);
    request.log.info({ tokenId: request.params.id }, 'API token revoked');

    return reply.status(204).send(null);
  });
}
