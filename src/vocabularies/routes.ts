import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../core/context.ts';
import { AppError, notFound } from '../core/errors.ts';
import { requireRole } from '../http/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCustomFields } from './custom-fields.ts';
import { loadVocabularies, type VocabularyCache } from './service.ts';

const vocabularyParam = z.string().regex(/^[a-z][a-z0-9_]*$/, 'name a vocabulary in lowercase letters, digits and underscores');
const termKey = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'use lowercase letters, digits, dot, dash or underscore');

/** Status keys drive the ticket lifecycle, so only their labels and order may change. */
const fixedVocabularies = new Set(['status', 'priority']);

export async function registerVocabularyRoutes(app: FastifyInstance, context: AppContext, cache: VocabularyCache) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;

  api.get('/api/v1/vocabularies', {
    schema: {
      tags: ['vocabularies'],
      summary: 'List vocabularies and their terms',
      description: 'Needs the viewer role. Returns one array of terms per vocabulary (status, priority, category, channel, tier and any custom vocabulary), each term with key, label, position and active flag, in position order.',
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return loadVocabularies(db);
  });

  api.post('/api/v1/vocabularies/:vocabulary/terms', {
    schema: {
      tags: ['vocabularies'],
      summary: 'Add a term to a vocabulary',
      description: 'Needs the admin role and returns 201 with the term. Without `position` the term goes last. The status and priority vocabularies are fixed and reject new terms, and a key already in the vocabulary gets 409 `duplicate`.',
      params: z.object({ vocabulary: vocabularyParam }),
      body: z.strictObject({ key: termKey, label: z.string().min(1).max(100), position: z.number().int().optional() }),
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const { vocabulary } = request.params;
    if (fixedVocabularies.has(vocabulary)) {
      throw new AppError('invalid_input', `Terms of the ${vocabulary} vocabulary are fixed`, [
        { field: 'vocabulary', value: vocabulary, fix: 'change the label or position of an existing term instead' },
      ]);
    }

    const { key, label, position } = request.body;
    const inserted = await db.transaction(async (tx) => {
      const rows = await tx.query(
        `insert into vocabulary_terms (vocabulary, key, label, position)
         values ($1, $2, $3, coalesce($4, (select coalesce(max(position), 0) + 1 from vocabulary_terms where vocabulary = $1)))
         on conflict do nothing returning key, label, position, active`,
        [vocabulary, key, label, position ?? null],
      );
      if (rows.length === 1) {
        await recordAudit(tx, { entity: `vocabulary:${vocabulary}`, entityId: 0, action: 'term_created', actor, changes: { [key]: [null, label] } });
      }
      return rows;
    });
    if (inserted.length === 0) {
      throw new AppError('duplicate', `The ${vocabulary} vocabulary already has the key ${key}`, [
        { field: 'key', value: key, fix: 'choose another key, or PATCH the existing term' },
      ]);
    }

    cache.invalidate();
    return reply.status(201).send(inserted[0]);
  });

  api.patch('/api/v1/vocabularies/:vocabulary/terms/:key', {
    schema: {
      tags: ['vocabularies'],
      summary: 'Update a vocabulary term',
      description: 'Needs the admin role. Changes the label or position, or deactivates a term with `active: false` so that new values cannot use it. Terms of the status and priority vocabularies cannot be deactivated.',
      params: z.object({ vocabulary: vocabularyParam, key: z.string() }),
      body: z.strictObject({ label: z.string().min(1).max(100).optional(), position: z.number().int().optional(), active: z.boolean().optional() }),
    },
  }, async (request) => {
    const actor = requireRole(request, 'admin');
    const { vocabulary, key } = request.params;
    const { label, position, active } = request.body;
    if (active === false && fixedVocabularies.has(vocabulary)) {
      throw new AppError('invalid_input', `Terms of the ${vocabulary} vocabulary cannot be deactivated`, [
        { field: 'active', value: false, fix: 'change the label instead' },
      ]);
    }

    const updated = await db.transaction(async (tx) => {
      const rows = await tx.query<{ key: string; label: string; position: number; active: boolean }>(
        `update vocabulary_terms set label = coalesce($3, label), position = coalesce($4, position), active = coalesce($5, active)
         where vocabulary = $1 and key = $2 returning key, label, position, active`,
        [vocabulary, key, label ?? null, position ?? null, active ?? null],
      );
      if (rows.length === 1) {
        await recordAudit(tx, { entity: `vocabulary:${vocabulary}`, entityId: 0, action: 'term_updated', actor, changes: { [key]: [null, request.body] } });
      }
      return rows;
    });
    if (updated.length === 0) {
      throw notFound(`Term ${vocabulary}`, key);
    }

    cache.invalidate();
    return updated[0];
  });

  api.get('/api/v1/custom-fields', {
    schema: {
      tags: ['custom-fields'],
      summary: 'List custom field definitions',
      description: 'Needs the viewer role. Returns `{ items }` for tickets, accounts and contacts, ordered by entity and key.',
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return { items: await loadCustomFields(db) };
  });

  api.post('/api/v1/custom-fields', {
    schema: {
      tags: ['custom-fields'],
      summary: 'Define a custom field',
      description: 'Needs the admin role and returns 201. `vocabulary` names the vocabulary whose keys the field takes, and is required exactly when `type` is `vocabulary`. An entity and key pair that already exists gets 409 `duplicate`.',
      body: z.strictObject({
        entity: z.enum(['ticket', 'account', 'contact']),
        key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lowercase letters, digits and underscores, starting with a letter'),
        label: z.string().min(1).max(100),
        type: z.enum(['text', 'number', 'boolean', 'date', 'vocabulary']),
        vocabulary: z.string().optional(),
        required: z.boolean().default(false),
      }),
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const body = request.body;
    if ((body.type === 'vocabulary') !== (body.vocabulary !== undefined)) {
      throw new AppError('invalid_input', 'vocabulary is required exactly when type is vocabulary', [
        { field: 'vocabulary', value: body.vocabulary ?? null, fix: 'name a vocabulary for type vocabulary, and none otherwise' },
      ]);
    }

    const rows = await db.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into custom_field_definitions (entity, key, label, type, vocabulary, required)
         values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning entity, key, label, type, vocabulary, required`,
        [body.entity, body.key, body.label, body.type, body.vocabulary ?? null, body.required],
      );
      if (inserted.length === 1) {
        await recordAudit(tx, { entity: 'custom_field', entityId: 0, action: 'created', actor, changes: { [`${body.entity}.${body.key}`]: [null, body.type] } });
      }
      return inserted;
    });
    if (rows.length === 0) {
      throw new AppError('duplicate', `Custom field ${body.entity}.${body.key} already exists`, [
        { field: 'key', value: body.key, fix: 'choose another key' },
      ]);
    }
    cache.invalidate();
    return reply.status(201).send(rows[0]);
  });
}
