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

  api.get('/api/v1/accounts', { schema: { tags: ['accounts'], querystring: searchQuery } }, async (request) => {
    requireRole(request, 'viewer');
    const { q, limit, offset } = request.query;
    const rows = await db.query(
      `select * from accounts where $1::text is null or name ilike '%' || $1 || '%' or $1 = any(domains) or external_id = $1
       order by name, id limit $2 offset $3`,
      [q?.trim() || null, limit, offset],
    );
    return { items: rows.map(toAccount) };
  });

  api.get('/api/v1/accounts/:id', { schema: { tags: ['accounts'], params: idParams } }, async (request) => {
    requireRole(request, 'viewer');
    const [row] = await db.query('select * from accounts where id = $1', [request.params.id]);
    if (!row) throw notFound('Account', request.params.id);
    return toAccount(row);
  });

  api.post('/api/v1/accounts', { schema: { tags: ['accounts'], body: createAccountBody } }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    return withIdempotency(db, request, reply, actor, 201, () => createAccount(db, vocabularies, actor, request.body));
  });

  api.patch('/api/v1/accounts/:id', { schema: { tags: ['accounts'], params: idParams, body: updateAccountBody } }, async (request) => {
    const actor = requireRole(request, 'agent');
    return updateAccount(db, vocabularies, actor, request.params.id, request.body);
  });

  api.get('/api/v1/contacts', { schema: { tags: ['contacts'], querystring: searchQuery } }, async (request) => {
    requireRole(request, 'viewer');
    const { q, limit, offset } = request.query;
    const rows = await db.query(
      `select * from contacts where $1::text is null or name ilike '%' || $1 || '%' or email ilike '%' || $1 || '%'
       order by name, id limit $2 offset $3`,
      [q?.trim() || null, limit, offset],
    );
    return { items: rows.map(toContact) };
  });

  api.get('/api/v1/contacts/:id', { schema: { tags: ['contacts'], params: idParams } }, async (request) => {
    requireRole(request, 'viewer');
    const [row] = await db.query('select * from contacts where id = $1', [request.params.id]);
    if (!row) throw notFound('Contact', request.params.id);
    return toContact(row);
  });

  api.post('/api/v1/contacts', { schema: { tags: ['contacts'], body: createContactBody } }, async (request, reply) => {
    const actor = requireRole(request, 'agent');
    return withIdempotency(db, request, reply, actor, 201, () => createContact(db, vocabularies, actor, request.body));
  });

  api.patch('/api/v1/contacts/:id', { schema: { tags: ['contacts'], params: idParams, body: updateContactBody } }, async (request) => {
    const actor = requireRole(request, 'agent');
    return updateContact(db, vocabularies, actor, request.params.id, request.body);
  });
}
