/**
 * The ticket fields that triage models predict: four built-in fields and the
 * vocabulary-typed custom ticket fields an admin marks as predicted. The
 * functions here read a field's key from a loaded ticket, build the ticket
 * update that writes it, and list the values it allows.
 */
import { AppError } from '../../core/errors.ts';
import type { Queryable } from '../../store/index.ts';
import type { UpdateTicketInput } from '../../tickets/index.ts';

export const builtInFields = ['category', 'priority', 'component', 'team'] as const;

export interface TicketFieldValues {
  category: string | null;
  priority: string | null;
  component: string | null;
  team: string | null;
  custom: Record<string, unknown>;
}

export interface TriageField {
  /** 'category', 'priority', 'component', 'team' or 'custom.<key>'. */
  name: string;
  /** For a custom field, the vocabulary its values come from. */
  vocabulary: string | null;
}

const customPrefix = 'custom.';

/** Lists the fields that get a model: the built-in ones, then the custom fields marked predicted. */
export async function listTriageFields(db: Queryable): Promise<TriageField[]> {
  const custom = await db.query<{ key: string; vocabulary: string }>(
    `select key, vocabulary from custom_field_definitions
     where entity = 'ticket' and type = 'vocabulary' and predicted order by key`,
  );

  return [
    ...builtInFields.map((name) => ({ name, vocabulary: name === 'category' || name === 'priority' ? name : null })),
    ...custom.map((row) => ({ name: `${customPrefix}${row.key}`, vocabulary: row.vocabulary })),
  ];
}

/** Returns the field's current key on a ticket, or null when it is empty. */
export function readFieldValue(values: TicketFieldValues, field: string): string | null {
  if (field.startsWith(customPrefix)) {
    const value = values.custom[field.slice(customPrefix.length)];
    return typeof value === 'string' && value !== '' ? value : null;
  }

  return (values as unknown as Record<string, string | null>)[field] ?? null;
}

/** Builds the body of a ticket update that sets the field to value. */
export function updateInputFor(field: string, value: string, version: number): UpdateTicketInput {
  if (field.startsWith(customPrefix)) {
    return { version, custom: { [field.slice(customPrefix.length)]: value } } as UpdateTicketInput;
  }
  if ((builtInFields as readonly string[]).includes(field) || field === 'language') {
    return { version, [field]: value } as UpdateTicketInput;
  }

  throw new AppError('invalid_input', `Field ${field} cannot be set from a prediction`, [
    { field: 'field', value: field, fix: `use one of ${builtInFields.join(', ')} or a predicted custom field` },
  ]);
}

/** Lists the keys a field may take, for the console's correction menu. */
export async function allowedValues(db: Queryable, field: TriageField): Promise<string[]> {
  if (field.name === 'component') {
    return (await db.query<{ key: string }>('select key from product_components order by key')).map((row) => row.key);
  }
  if (field.name === 'team') {
    return (await db.query<{ key: string }>('select key from teams order by key')).map((row) => row.key);
  }

  const rows = await db.query<{ key: string }>(
    'select key from vocabulary_terms where vocabulary = $1 and active order by position, key', [field.vocabulary],
  );
  return rows.map((row) => row.key);
}

/**
 * Sets an empty field to value without a version check, for values applied
 * by a model. The condition "still empty" makes a rerun or a race with an
 * agent's edit a no-op. Returns true when the ticket changed.
 */
export async function applyToEmptyField(tx: Queryable, ticketId: number, field: string, value: string): Promise<boolean> {
  // Qualified, because the component and team updates join tables that also have a version column.
  const bump = 'version = tickets.version + 1, updated_at = now()';
  let rows: unknown[];

  if (field === 'category') {
    rows = await tx.query(
      `update tickets set category = $2, ${bump} where id = $1 and category is null
         and exists (select 1 from vocabulary_terms where vocabulary = 'category' and key = $2 and active) returning id`,
      [ticketId, value],
    );
  } else if (field === 'component') {
    rows = await tx.query(
      `update tickets set component_id = c.id, ${bump} from product_components c
       where tickets.id = $1 and tickets.component_id is null and c.key = $2 returning tickets.id`,
      [ticketId, value],
    );
  } else if (field === 'team') {
    rows = await tx.query(
      `update tickets set team_id = tm.id, ${bump} from teams tm
       where tickets.id = $1 and tickets.team_id is null and tm.key = $2 returning tickets.id`,
      [ticketId, value],
    );
  } else if (field.startsWith(customPrefix)) {
    rows = await applyToEmptyCustomField(tx, ticketId, field.slice(customPrefix.length), value);
  } else {
    // Priority always has a value (p3 by default), so a model never fills it.
    rows = [];
  }

  return rows.length > 0;
}

async function applyToEmptyCustomField(tx: Queryable, ticketId: number, key: string, value: string): Promise<unknown[]> {
  return tx.query(
    `update tickets set custom = custom || jsonb_build_object($2::text, $3::text), version = version + 1, updated_at = now()
     where id = $1 and coalesce(custom ->> $2, '') = ''
       and exists (select 1 from custom_field_definitions d join vocabulary_terms v on v.vocabulary = d.vocabulary and v.key = $3 and v.active
                   where d.entity = 'ticket' and d.key = $2)
     returning id`,
    [ticketId, key, value],
  );
}
