import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../core/context.ts';
import { AppError, notFound } from '../core/errors.ts';
import { requireRole } from '../http/actor.ts';
import { recordAudit } from '../audit/index.ts';

const componentKey = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'use lowercase letters, digits, dot, dash or underscore');

function toComponent(row: Record<string, unknown>) {
  return { id: row.id, key: row.key, name: row.name, parentId: row.parent_id, description: row.description, path: row.path, version: row.version };
}

/** Each component with its path of keys from the root, e.g. "api/webhooks". */
const componentSelect = `
  with recursive tree as (
    select c.*, c.key::text as path from product_components c where parent_id is null
    union all select c.*, tree.path || '/' || c.key from product_components c join tree on c.parent_id = tree.id
  ) select * from tree`;

export async function registerComponentRoutes(app: FastifyInstance, context: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;

  api.get('/api/v1/components', {
    schema: {
      tags: ['components'],
      summary: 'List product components',
      description: 'Needs the viewer role. Returns `{ items }` ordered by path, where `path` joins the keys from the root component, for example `api/webhooks`.',
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return { items: (await db.query(`${componentSelect} order by path`)).map(toComponent) };
  });

  api.post('/api/v1/components', {
    schema: {
      tags: ['components'],
      summary: 'Create a product component',
      description: 'Needs the admin role and returns 201. `parent` takes the key or id of an existing component. A key that another component already has gets 409 `duplicate`.',
      body: z.strictObject({ key: componentKey, name: z.string().trim().min(1).max(100), parent: z.union([z.number().int().positive(), componentKey]).optional(), description: z.string().max(1000).optional() }),
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const { key, name, parent, description } = request.body;
    const id = await db.transaction(async (tx) => {
      let parentId: number | null = null;
      if (parent !== undefined) {
        const [found] = await tx.query<{ id: number }>('select id from product_components where key = $1 or id::text = $1', [String(parent)]);
        if (!found) throw new AppError('unknown_reference', `Component ${parent} does not exist`, [{ field: 'parent', value: parent, fix: 'use the key or id of an existing component' }]);
        parentId = found.id;
      }
      const [row] = await tx.query<{ id: number }>('insert into product_components (key, name, parent_id, description) values ($1, $2, $3, $4) on conflict (key) do nothing returning id', [key, name, parentId, description ?? null]);
      if (!row) throw new AppError('duplicate', `A component with key ${key} already exists`, [{ field: 'key', value: key, fix: 'choose another key' }]);
      await recordAudit(tx, { entity: 'component', entityId: row.id, action: 'created', actor, changes: { key: [null, key] } });
      return row.id;
    });
    const [row] = await db.query(`${componentSelect} where id = $1`, [id]);
    return reply.status(201).send(toComponent(row));
  });

  api.patch('/api/v1/components/:id', {
    schema: {
      tags: ['components'],
      summary: 'Update a product component',
      description: 'Needs the admin role. Changes the name or description, while the key and parent stay fixed. There is no version check, so the last write wins.',
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: z.strictObject({ name: z.string().trim().min(1).max(100).optional(), description: z.string().max(1000).nullable().optional() }),
    },
  }, async (request) => {
    const actor = requireRole(request, 'admin');
    const { id } = request.params;
    await db.transaction(async (tx) => {
      const [row] = await tx.query('update product_components set name = coalesce($2, name), description = case when $4 then $3 else description end, updated_at = now(), version = version + 1 where id = $1 returning id',
        [id, request.body.name ?? null, request.body.description ?? null, request.body.description !== undefined]);
      if (!row) throw notFound('Component', id);
      await recordAudit(tx, { entity: 'component', entityId: id, action: 'updated', actor, changes: { component: [null, request.body] } });
    });
    const [row] = await db.query(`${componentSelect} where id = $1`, [id]);
    return toComponent(row);
  });
}
