import { AppError, invalidField } from '../core/errors.ts';
import type { Queryable } from '../store/index.ts';
import { resolveTerm, type Vocabularies } from './service.ts';

export type CustomFieldEntity = 'ticket' | 'account' | 'contact';
export type CustomFieldType = 'text' | 'number' | 'boolean' | 'date' | 'vocabulary';

export interface CustomFieldDefinition {
  entity: CustomFieldEntity;
  key: string;
  label: string;
  type: CustomFieldType;
  vocabulary: string | null;
  required: boolean;
}

export async function loadCustomFields(db: Queryable, entity?: CustomFieldEntity): Promise<CustomFieldDefinition[]> {
  return db.query<CustomFieldDefinition>(
    `select entity, key, label, type, vocabulary, required from custom_field_definitions
     where ($1::text is null or entity = $1) order by entity, key`,
    [entity ?? null],
  );
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function coerceValue(definition: CustomFieldDefinition, vocabularies: Vocabularies, value: unknown): unknown {
  const field = `custom.${definition.key}`;
  if (value === null) {
    return null;
  }

  switch (definition.type) {
    case 'text':
      if (typeof value !== 'string') throw invalidField(field, value, 'send a string');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidField(field, value, 'send a finite number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalidField(field, value, 'send true or false');
      return value;
    case 'date':
      if (typeof value !== 'string' || !isoDate.test(value) || Number.isNaN(Date.parse(value))) {
        throw invalidField(field, value, 'send a date as YYYY-MM-DD');
      }
      return value;
    case 'vocabulary':
      if (typeof value !== 'string') throw invalidField(field, value, `send a key of the ${definition.vocabulary} vocabulary`);
      return resolveTerm(vocabularies, definition.vocabulary!, value, field);
  }
}

/**
 * Checks custom field values against their typed definitions and returns the
 * merged object. Unknown keys are rejected so a typo never becomes data.
 */
export function validateCustomValues(
  definitions: CustomFieldDefinition[],
  vocabularies: Vocabularies,
  values: Record<string, unknown>,
  existing: Record<string, unknown> = {},
): Record<string, unknown> {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const result: Record<string, unknown> = { ...existing };

  for (const [key, value] of Object.entries(values)) {
    const definition = byKey.get(key);
    if (!definition) {
      const known = [...byKey.keys()].join(', ') || 'none are defined yet';
      throw new AppError('invalid_input', `Unknown custom field ${key}`, [
        { field: `custom.${key}`, value: key, fix: `use a defined custom field (${known}) or define it at POST /api/v1/custom-fields` },
      ]);
    }
    result[key] = coerceValue(definition, vocabularies, value);
  }

  for (const definition of definitions) {
    if (definition.required && (result[definition.key] === undefined || result[definition.key] === null)) {
      throw invalidField(`custom.${definition.key}`, null, `set the required custom field ${definition.key}`);
    }
  }

  return result;
}
