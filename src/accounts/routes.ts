import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../core/context.ts';
import { notFound } from '../core/errors.ts';
import { requireRole } from '../http/actor.ts';
import { withIdempotency } from '../http/idempotency.ts';
import type { VocabularyCache } from '../vocabularies/index.ts';
import { createAccountBody, createContactBody, idParams, searchQuery, updateAccountBody, updateContactBody } from './schemas.ts';
import { createAccount, createContact, toAccount, toContact, updateAccount, updateContact } from './service.ts';

export async function registerAccountRoutes(app: FastifyInstance, context: AppContext, vocabularies: VocabularyCache) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;

  api.get('/api/v1/accounts', {
    schema: {
      tags: ['accounts'],
      summary: 'Search accounts',
      description: 'Needs the viewer role. `q` matches part of the name, a whole email domain or the external id. Without `q` every account is listed. Returns `{ items }` ordered by name, paged with `limit` (1-200, default 50) and `offset`.',
      querystring: searchQuery,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    const { q, limit, offset } = request.query;
    const rows = await db.query(
      `select * from accounts where $1::text is null or name ilike '%' || $1 || '%' or $1 = any(domains) or external_id = $1
       order by name, id limit $2 offset $3`,
      [q?.trim() || null, limit, offset],
    );
    return { items: rows.map(toAccount) };
  });

  api.get('/api/v1/accounts/:id', {
    schema: {
      tags: ['accounts'],
      summary: 'Get an account',
      description: 'Needs the viewer role. The `version` in the response is the one to send with the next PATCH.',
      params: idParams,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    const [row] = await db.query('select * from accounts where id = $1', [request.params.id]);
    if (!row) throw notFound('Account', request.params.id);
    return toAccount(row);
  });

  api.post('/api/v1/accounts', {
    schema: {
      tags: ['accounts'],
      summary: 'Create an account',
      description: 'Needs the agent role and returns 201 with the account. An external id that another account already has gets 409 `duplicate`. Honours the `Idempotency-Key` header: a retry with the same body replays the stored response.',
      body: createAccountBody,
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    return withIdempotency(db, request, reply, actor, 201, () => createAccount(db, vocabularies, actor, request.body));
  });

  api.patch('/api/v1/accounts/:id', {
    schema: {
      tags: ['accounts'],
      summary: 'Update an account',
      description: 'Needs the agent role. Send the `version` you read with only the fields to change. An account changed since then gets 409 `version_conflict`. A change to ARR, tier, health score or renewal date recomputes the business impact of the account\'s open tickets, in a background job when there are many.',
      params: idParams,
      body: updateAccountBody,
    },
  }, async (request) => {
    const actor = requireRole(request, 'agent');
    return updateAccount(db, vocabularies, actor, request.params.id, request.body);
  });

  api.get('/api/v1/contacts', {
    schema: {
      tags: ['contacts'],
      summary: 'Search contacts',
      description: 'Needs the viewer role. `q` matches part of the name or email. Without `q` every contact is listed. Returns `{ items }` ordered by name, paged with `limit` (1-200, default 50) and `offset`.',
      querystring: searchQuery,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    const { q, limit, offset } = request.query;
    const rows = await db.query(
      `select * from contacts where $1::text is null or name ilike '%' || $1 || '%' or email ilike '%' || $1 || '%'
       order by name, id limit $2 offset $3`,
      [q?.trim() || null, limit, offset],
    );
    return { items: rows.map(toContact) };
  });

  api.get('/api/v1/contacts/:id', {
    schema: {
      tags: ['contacts'],
      summary: 'Get a contact',
      description: 'Needs the viewer role. The `version` in the response is the one to send with the next PATCH.',
      params: idParams,
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    const [row] = await db.query('select * from contacts where id = $1', [request.params.id]);
    if (!row) throw notFound('Contact', request.params.id);
    return toContact(row);
  });

  api.post('/api/v1/contacts', {
    schema: {
      tags: ['contacts'],
      summary: 'Create a contact',
      description: 'Needs the agent role and at least one of email, name or phone, and returns 201. Without `accountId` the contact is linked to the one account whose domains include its email domain, if exactly one does. Honours the `Idempotency-Key` header.',
      body: createContactBody,
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    return withIdempotency(db, request, reply, actor, 201, () => createContact(db, vocabularies, actor, request.body));
  });

  api.patch('/api/v1/contacts/:id', {
    schema: {
      tags: ['contacts'],
      summary: 'Update a contact',
      description: 'Needs the agent role. Send the `version` you read with only the fields to change. A contact changed since then gets 409 `version_conflict`.',
      params: idParams,
      body: updateContactBody,
    },
  }, async (request) => {
    const actor = requireRole(request, 'agent');
    return updateContact(db, vocabularies, actor, request.params.id, request.body);
  });
}
