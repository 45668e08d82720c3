import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../core/context.ts';
import { requireRole } from '../http/actor.ts';
import { idParams } from './schemas.ts';
import {
  createSubscription, createSubscriptionBody, deleteSubscription, getSubscription, listSubscriptions, subscriptionParams,
  updateSubscription, updateSubscriptionBody,
} from './subscriptions.ts';

/** Subscriptions of one account at /api/v1/accounts/:id/subscriptions. */
export async function registerSubscriptionRoutes(app: FastifyInstance, context: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;
  const tags = ['accounts'];
  const base = '/api/v1/accounts/:id/subscriptions';

  api.get(base, { schema: { tags, params: idParams } }, async (request) => {
    requireRole(request, 'viewer');
    return { items: await listSubscriptions(db, request.params.id) };
  });

  api.post(base, { schema: { tags, params: idParams, body: createSubscriptionBody } }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    reply.status(201);
    return createSubscription(db, actor, request.params.id, request.body);
  });

  api.get(`${base}/:subscriptionId`, { schema: { tags, params: subscriptionParams } }, async (request) => {
    requireRole(request, 'viewer');
    return getSubscription(db, request.params.id, request.params.subscriptionId);
  });

  api.patch(`${base}/:subscriptionId`, { schema: { tags, params: subscriptionParams, body: updateSubscriptionBody } }, async (request) => {
    const actor = requireRole(request, 'agent');
    return updateSubscription(db, actor, request.params.id, request.params.subscriptionId, request.body);
  });

  api.delete(`${base}/:subscriptionId`, { schema: { tags, params: subscriptionParams } }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    await deleteSubscription(db, actor, request.params.id, request.params.subscriptionId);
    reply.status(204);
  });
}
