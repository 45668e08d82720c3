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

  api.get(base, {
    schema: {
      tags,
      summary: 'List the subscriptions of an account',
      description: 'Needs the viewer role. Returns `{ items }` without paging: active subscriptions first, then by renewal date.',
      params: idParams,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return { items: await listSubscriptions(db, request.params.id) };
  });

  api.post(base, {
    schema: {
      tags,
      summary: 'Add a subscription to an account',
      description: 'Needs the agent role and returns 201 with the subscription. The renewal date may not precede the start date.',
      params: idParams,
      body: createSubscriptionBody,
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    reply.status(201);
    return createSubscription(db, actor, request.params.id, request.body);
  });

  api.get(`${base}/:subscriptionId`, {
    schema: {
      tags,
      summary: 'Get a subscription of an account',
      description: 'Needs the viewer role. A subscription of another account gets 404.',
      params: subscriptionParams,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return getSubscription(db, request.params.id, request.params.subscriptionId);
  });

  api.patch(`${base}/:subscriptionId`, {
    schema: {
      tags,
      summary: 'Update a subscription of an account',
      description: 'Needs the agent role. Send only the fields to change. There is no version check, so the last write wins.',
      params: subscriptionParams,
      body: updateSubscriptionBody,
    },
  }, async (request) => {
    const actor = requireRole(request, 'agent');
    return updateSubscription(db, actor, request.params.id, request.params.subscriptionId, request.body);
  });

  api.delete(`${base}/:subscriptionId`, {
    schema: {
      tags,
      summary: 'Delete a subscription of an account',
      description: 'Needs the agent role and returns 204. The audit trail records the deletion.',
      params: subscriptionParams,
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    await deleteSubscription(db, actor, request.params.id, request.params.subscriptionId);
    reply.status(204);
  });
}
