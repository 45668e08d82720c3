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

/**
 * JSON-LD context for ticket documents: each API field maps to a term of the
 * Casebook vocabulary, with schema.org equivalents where one exists.
 */
const jsonLdContext = {
  '@context': {
    '@vocab': 'https://casebook.dev/ontology#',
    schema: 'https://schema.org/',
    id: '@id',
    subject: 'schema:name',
    createdAt: { '@id': 'schema:dateCreated', '@type': 'schema:DateTime' },
    updatedAt: { '@id': 'schema:dateModified', '@type': 'schema:DateTime' },
    firstResponseAt: { '@type': 'schema:DateTime' },
    solvedAt: { '@type': 'schema:DateTime' },
    closedAt: { '@type': 'schema:DateTime' },
    requester: { '@id': 'schema:customer', '@type': '@id' },
    assignee: { '@id': 'schema:agent', '@type': '@id' },
    account: { '@type': '@id' },
    component: { '@type': '@id' },
    team: { '@type': '@id' },
    body: 'schema:text',
    email: 'schema:email',
    name: 'schema:name',
    tags: 'schema:keywords',
    status: { '@type': '@vocab' },
    priority: { '@type': '@vocab' },
    category: { '@type': '@vocab' },
    channel: { '@type': '@vocab' },
    tier: { '@type': '@vocab' },
  },
};

export async function registerSchemaRoutes(app: FastifyInstance) {
  app.get('/api/v1/schemas/context.jsonld', {
    schema: {
      tags: ['schemas'],
      summary: 'Get the JSON-LD context of tickets',
      description: 'Needs no authentication. Returns the JSON-LD context, as `application/ld+json`, that maps each ticket field to a Casebook vocabulary term and to its schema.org equivalent where one exists.',
    },
  }, async (_request, reply) => {
    reply.type('application/ld+json');
    return jsonLdContext;
  });

  app.get('/api/v1/schemas', {
    schema: {
      tags: ['schemas'],
      summary: 'List entity JSON Schemas',
      description: 'Needs the viewer role. Returns `{ items }` with the name and URL of the JSON Schema of each entity and request body (Ticket, Message, TicketCreate and others).',
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return { items: Object.keys(entitySchemas).map((name) => ({ name, url: `/api/v1/schemas/${name}` })) };
  });

  app.get<{ Params: { name: string } }>('/api/v1/schemas/:name', {
    schema: {
      tags: ['schemas'],
      summary: 'Get the JSON Schema of an entity',
      description: 'Needs the viewer role. Returns the JSON Schema of the named entity or request body in its input form, where fields with a default are optional. An unknown name gets 404 listing the known names.',
    },
  }, async (request) => {
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
