import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../core/context.ts';
import { requireRole } from '../http/actor.ts';
import { FieldRegistryCache, type FieldDef } from '../query/index.ts';
import type { Queryable } from '../store/index.ts';

export interface QueryFieldValue {
  value: string;
  label: string;
}

export interface QueryField {
  name: string;
  kind: string;
  description: string;
  operators: readonly string[];
  /** Values to suggest after the operator: vocabulary terms, team and component keys, or keywords such as none. */
  values: QueryFieldValue[];
  sortable: boolean;
}

const referenceKeywords: Record<string, QueryFieldValue[]> = {
  assignee: [{ value: 'me', label: 'Me' }, { value: 'none', label: 'Unassigned' }],
  team: [{ value: 'none', label: 'No team' }],
  component: [{ value: 'none', label: 'No component' }],
  account: [{ value: 'none', label: 'No account' }],
};

async function referenceValues(db: Queryable, field: FieldDef): Promise<QueryFieldValue[]> {
  const keywords = referenceKeywords[field.name] ?? [];
  if (field.reference?.target === 'team') {
    const rows = await db.query<{ key: string; name: string }>('select key, name from teams order by key limit 200');
    return [...keywords, ...rows.map((row) => ({ value: row.key, label: row.name }))];
  }
  if (field.reference?.target === 'component') {
    const rows = await db.query<{ key: string; name: string }>('select key, name from product_components order by key limit 200');
    return [...keywords, ...rows.map((row) => ({ value: row.key, label: row.name }))];
  }
  return keywords;
}

/** Lists the query language's fields with their operators and suggested values, for autocomplete. */
export async function listQueryFields(db: Queryable, fields: FieldDef[]): Promise<QueryField[]> {
  const result: QueryField[] = [];
  for (const field of fields) {
    const terms = (field.terms ?? []).filter((term) => term.active).map((term) => ({ value: term.key, label: term.label }));
    const booleans = field.kind === 'boolean' ? [{ value: 'true', label: 'true' }, { value: 'false', label: 'false' }] : [];
    const values = field.kind === 'reference' ? await referenceValues(db, field) : [...terms, ...booleans];
    result.push({ name: field.name, kind: field.kind, description: field.description, operators: field.operators, values, sortable: field.kind !== 'tags' });
  }
  return result.sort((a, b) => a.name.localeCompare(b.name));
}

/** GET /api/v1/query/fields describes every field a query may name. */
export async function registerQueryFieldRoutes(app: FastifyInstance, context: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const registry = new FieldRegistryCache();

  api.get('/api/v1/query/fields', {
    schema: {
      tags: ['query'],
      summary: 'List queryable ticket fields',
      description: 'Needs the viewer role. Returns `{ items }` ordered by name: each field of the ticket query language with its kind, operators, whether it can sort, and values to suggest (active vocabulary terms, team and component keys, and keywords such as `me` and `none`), for autocomplete.',
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return { items: await listQueryFields(context.db, (await registry.get(context.db)).fields()) };
  });
}
