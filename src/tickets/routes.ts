import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../core/context.ts';
import { requireRole } from '../http/actor.ts';
import { withIdempotency } from '../http/idempotency.ts';
import { listAudit } from '../audit/index.ts';
import type { VocabularyCache } from '../vocabularies/index.ts';
import { FieldRegistryCache } from '../query/index.ts';
import { getTicketContext } from './context.ts';
import { listTickets } from './list.ts';
import { addMessage, listMessages } from './messages.ts';
import { getTicket } from './read.ts';
import {
  addMessageBody, createTicketBody, listTicketsQuery, messageSchema, ticketIdParams, ticketListSchema, ticketSchema, updateTicketBody,
} from './schemas.ts';
import { createTicket } from './create.ts';
import { updateTicket } from './write.ts';

export async function registerTicketRoutes(app: FastifyInstance, context: AppContext, vocabularies: VocabularyCache) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;
  const deps = { db, vocabularies };
  const tags = ['tickets'];
  const registry = new FieldRegistryCache();

  api.get('/api/v1/tickets', { schema: { tags, querystring: listTicketsQuery, response: { 200: ticketListSchema } } }, async (request) => {
    const actor = requireRole(request, 'viewer');
    return listTickets(db, request.query, await vocabularies.get(db), await registry.get(db), actor.agentId);
  });

  api.post('/api/v1/tickets', { schema: { tags, body: createTicketBody, response: { 201: ticketSchema } } }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    return withIdempotency(db, request, reply, actor, 201, () => createTicket(deps, actor, request.body));
  });

  api.get('/api/v1/tickets/:id', { schema: { tags, params: ticketIdParams, response: { 200: ticketSchema } } }, async (request) => {
    requireRole(request, 'viewer');
    return getTicket(db, request.params.id);
  });

  api.patch('/api/v1/tickets/:id', { schema: { tags, params: ticketIdParams, body: updateTicketBody, response: { 200: ticketSchema } } }, async (request) => {
    const actor = requireRole(request, 'agent');
    return updateTicket(deps, actor, request.params.id, request.body);
  });

  api.get('/api/v1/tickets/:id/messages', { schema: { tags, params: ticketIdParams, response: { 200: z.object({ items: z.array(messageSchema) }) } } }, async (request) => {
    requireRole(request, 'viewer');
    return { items: await listMessages(db, request.params.id) };
  });

  api.post('/api/v1/tickets/:id/messages', { schema: { tags, params: ticketIdParams, body: addMessageBody, response: { 201: messageSchema } } }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    return withIdempotency(db, request, reply, actor, 201, () => addMessage(deps, actor, request.params.id, request.body));
  });

  api.get('/api/v1/tickets/:id/context', { schema: { tags, params: ticketIdParams } }, async (request) => {
    requireRole(request, 'viewer');
    return getTicketContext(db, request.params.id);
  });

  api.get('/api/v1/tickets/:id/audit', { schema: { tags, params: ticketIdParams } }, async (request) => {
    requireRole(request, 'viewer');
    await getTicket(db, request.params.id);
    return { items: await listAudit(db, 'ticket', request.params.id) };
  });
}
