import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { requireRole } from '../http/actor.ts';
import { createAccountBody, createContactBody } from '../accounts/schemas.ts';
import { addMessageBody, createTicketBody, messageSchema, ticketSchema, updateTicketBody } from '../tickets/schemas.ts';

/** The ontology's entity shapes as JSON Schema, for tools and agents that read tickets without our code. */
const entitySchemas: Record<string, z.ZodType> = {
  Ticket: ticketSchema,
  Message: messageSchema,
  TicketCreate: createTicketBody,
  TicketUpdate: updateTicketBody,
  MessageCreate: addMessageBody,
  AccountCreate: createAccountBody,
  ContactCreate: createContactBody,
};

export async function registerSchemaRoutes(app: FastifyInstance) {
  app.get('/api/v1/schemas', { schema: { tags: ['schemas'] } }, async (request) => {
    requireRole(request, 'viewer');
    return { items: Object.keys(entitySchemas).map((name) => ({ name, url: `/api/v1/schemas/${name}` })) };
  });

  app.get<{ Params: { name: string } }>('/api/v1/schemas/:name', { schema: { tags: ['schemas'] } }, async (request) => {
    requireRole(request, 'viewer');
    const schema = entitySchemas[request.params.name];
    if (!schema) {
      throw new AppError('not_found', `No schema named ${request.params.name}`, [
        { field: 'name', value: request.params.name, fix: `use one of ${Object.keys(entitySchemas).join(', ')}` },
      ]);
    }
    return { $id: `casebook:${request.params.name}`, title: request.params.name, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) };
  });
}
