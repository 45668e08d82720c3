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

  api.get('/api/v1/tickets', {
    schema: {
      tags,
      summary: 'List tickets',
      description: 'Needs the viewer role. Filters by vocabulary keys, component, team, assignee, account, requester and a ticket query in `q`, sorted by `sort`. Pages with `limit` (1-200, default 50) and the `nextCursor` of the previous page. `total` counts up to 1,000 matches and `totalCapped` is true when there are more.',
      querystring: listTicketsQuery,
      response: { 200: ticketListSchema },
    },
  }, async (request) => {
    const actor = requireRole(request, 'viewer');
    return listTickets(db, request.query, await vocabularies.get(db), await registry.get(db), actor.agentId);
  });

  api.post('/api/v1/tickets', {
    schema: {
      tags,
      summary: 'Create a ticket',
      description: 'Needs the agent role. The description becomes the first public message, and a requester given by email is found or created as a contact, linked to the one account whose domains include the email domain. With an `Idempotency-Key` header a retry with the same body replays the stored response for 24 hours, and a different body under that key gets 409.',
      body: createTicketBody,
      response: { 201: ticketSchema },
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    return withIdempotency(db, request, reply, actor, 201, () => createTicket(deps, actor, request.body));
  });

  api.get('/api/v1/tickets/:id', {
    schema: {
      tags,
      summary: 'Get a ticket',
      description: 'Needs the viewer role. The `version` in the response is the one to send with the next PATCH.',
      params: ticketIdParams,
      response: { 200: ticketSchema },
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return getTicket(db, request.params.id);
  });

  api.patch('/api/v1/tickets/:id', {
    schema: {
      tags,
      summary: 'Update a ticket',
      description: 'Needs the agent role. Send the `version` you read with only the fields to change. A ticket changed since that version gets 409 `version_conflict`, which names the current version, and a closed ticket cannot change. Triage may raise the version within seconds of creation, so read the ticket again before retrying.',
      params: ticketIdParams,
      body: updateTicketBody,
      response: { 200: ticketSchema },
    },
  }, async (request) => {
    const actor = requireRole(request, 'agent');
    return updateTicket(deps, actor, request.params.id, request.body);
  });

  api.get('/api/v1/tickets/:id/messages', {
    schema: {
      tags,
      summary: 'List the messages of a ticket',
      description: 'Needs the viewer role. Returns every public reply and internal note, oldest first, without paging.',
      params: ticketIdParams,
      response: { 200: z.object({ items: z.array(messageSchema) }) },
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return { items: await listMessages(db, request.params.id) };
  });

  api.post('/api/v1/tickets/:id/messages', {
    schema: {
      tags,
      summary: 'Add a message to a ticket',
      description: 'Needs the agent role. Adds a public reply or an internal note. The first public agent reply sets `firstResponseAt`, and a customer reply reopens a pending or solved ticket. A closed ticket takes no messages. Honours `Idempotency-Key` as ticket creation does.',
      params: ticketIdParams,
      body: addMessageBody,
      response: { 201: messageSchema },
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    return withIdempotency(db, request, reply, actor, 201, () => addMessage(deps, actor, request.params.id, request.body));
  });

  api.get('/api/v1/tickets/:id/context', {
    schema: {
      tags,
      summary: 'Get the customer context of a ticket',
      description: 'Needs the viewer role. Returns `{ account, requester, otherTickets }`: the account with its tier, ARR, renewal and health score, the requester, and up to 10 other tickets of the same account (or of the requester when there is no account), open ones first.',
      params: ticketIdParams,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return getTicketContext(db, request.params.id);
  });

  api.get('/api/v1/tickets/:id/audit', {
    schema: {
      tags,
      summary: 'List the audit trail of a ticket',
      description: 'Needs the viewer role. Returns `{ items }`, oldest first: each entry names the action, the actor and the before and after values of each changed field.',
      params: ticketIdParams,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    await getTicket(db, request.params.id);
    return { items: await listAudit(db, 'ticket', request.params.id) };
  });
}
