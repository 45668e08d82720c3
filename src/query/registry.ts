import type { Queryable } from '../store/index.ts';
import {
  columnFields,
  customFieldPrefixes,
  kindOfColumnType,
  operatorsByKind,
  referenceFields,
  type ColumnFieldSpec,
  type DateDirection,
  type FieldKind,
  type ReferenceTarget,
} from './fields.ts';
import type { SqlBuilder } from './sql.ts';

export interface VocabularyTerm {
  key: string;
  label: string;
  position: number;
  active: boolean;
}

export interface FieldDef {
  name: string;
  kind: FieldKind;
  description: string;
  operators: readonly string[];
  /** The value of the field for one ticket, as an SQL expression over the tickets alias. */
  expression: (sql: SqlBuilder) => string;
  /** Terms in vocabulary order, for vocabulary fields. */
  terms?: VocabularyTerm[];
  vocabulary?: string;
  reference?: { target: ReferenceTarget; column: string };
  direction?: DateDirection;
  /** For a field of the ticket's account or requester: the row it is read from, so a filter can run as a semi-join. */
  linked?: LinkedRow;
  origin: 'schema' | 'custom' | 'derived';
}

/**
 * The linked row behind an account or requester field. `expression` reads the
 * value from that row under `alias`, and `ticketColumn` is the tickets column that contains the row's id.
 */
export interface LinkedRow {
  table: 'accounts' | 'contacts';
  alias: string;
  ticketColumn: string;
  expression: (sql: SqlBuilder) => string;
}

const accountRow = { table: 'accounts', alias: 'qa', ticketColumn: 'account_id' } as const;
const contactRow = { table: 'contacts', alias: 'qc', ticketColumn: 'requester_id' } as const;

/** Reads a linked row's value for one ticket as a scalar subquery, for sorting, grouping and `none`. */
function linkedScalar(row: Omit<LinkedRow, 'expression'>, value: (sql: SqlBuilder) => string): (sql: SqlBuilder) => string {
  return (sql) => `(select ${value(sql)} from ${row.table} ${row.alias} where ${row.alias}.id = ${sql.column(row.ticketColumn)})`;
}

export interface FieldRegistry {
  /** Finds a field by its name or an alias, ignoring case. */
  get(name: string): FieldDef | undefined;
  fields(): FieldDef[];
  vocabulary(name: string): VocabularyTerm[];
}

interface CustomFieldRow {
  entity: keyof typeof customFieldPrefixes;
  key: string;
  label: string;
  type: 'text' | 'number' | 'boolean' | 'date' | 'vocabulary';
  vocabulary: string | null;
}

/**
 * Loads the field registry from the database: column types from the catalogue
 * (so the migrations define them), vocabularies from vocabulary_terms and
 * custom fields from custom_field_definitions. Load it again after a
 * vocabulary or custom field changes.
 */
export async function loadFieldRegistry(db: Queryable): Promise<FieldRegistry> {
  const [columns, terms, customFields] = await Promise.all([
    db.query<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = current_schema() and table_name in ('tickets', 'accounts')`,
    ),
    db.query<VocabularyTerm & { vocabulary: string }>(
      'select vocabulary, key, label, position, active from vocabulary_terms order by vocabulary, position, key',
    ),
    db.query<CustomFieldRow>('select entity, key, label, type, vocabulary from custom_field_definitions order by entity, key'),
  ]);

  const vocabularies = new Map<string, VocabularyTerm[]>();
  for (const { vocabulary, ...term } of terms) {
    vocabularies.set(vocabulary, [...(vocabularies.get(vocabulary) ?? []), term]);
  }
  const columnTypes = new Map(columns.map((row) => [`${row.table_name}.${row.column_name}`, row.data_type]));

  return buildRegistry(columnTypes, vocabularies, customFields);
}

function buildRegistry(
  columnTypes: Map<string, string>,
  vocabularies: Map<string, VocabularyTerm[]>,
  customFields: CustomFieldRow[],
): FieldRegistry {
  const byName = new Map<string, FieldDef>();
  const aliases = new Map<string, string>();
  const add = (field: FieldDef, extraNames: string[] = []) => {
    byName.set(field.name, field);
    for (const alias of extraNames) aliases.set(alias, field.name);
  };

  for (const spec of columnFields) {
    const field = columnField(spec, columnTypes.get(`${spec.table}.${spec.column}`), vocabularies);
    if (field) add(field, spec.aliases);
  }
  add(firstResponseMinutes());
  for (const spec of referenceFields) {
    const field: FieldDef = {
      name: spec.name,
      kind: 'reference',
      description: spec.description,
      operators: operatorsByKind.reference,
      expression: (sql) => sql.column(spec.column),
      reference: { target: spec.target, column: spec.column },
      origin: 'schema',
    };
    add(field, spec.aliases);
  }
  for (const row of customFields) add(customField(row, vocabularies));

  return {
    get: (name) => {
      const lower = name.toLowerCase();
      return byName.get(lower) ?? byName.get(aliases.get(lower) ?? '');
    },
    fields: () => [...byName.values()],
    vocabulary: (name) => vocabularies.get(name) ?? [],
  };
}

function columnField(spec: ColumnFieldSpec, dataType: string | undefined, vocabularies: Map<string, VocabularyTerm[]>): FieldDef | undefined {
  const columnKind = dataType ? kindOfColumnType(dataType) : undefined;
  if (!columnKind) return undefined;

  const kind: FieldKind = spec.vocabulary && columnKind === 'text' ? 'vocabulary' : columnKind;
  // Account columns are read through subqueries, so each predicate stays a self-contained
  // condition on the tickets alias and the caller needs no join.
  const linked: LinkedRow | undefined = spec.table === 'accounts' ? { ...accountRow, expression: () => `qa.${spec.column}` } : undefined;
  const expression = linked ? linkedScalar(linked, linked.expression) : (sql: SqlBuilder) => sql.column(spec.column);

  return {
    name: spec.name,
    kind,
    description: spec.description,
    operators: operatorsByKind[kind],
    expression,
    terms: kind === 'vocabulary' ? (vocabularies.get(spec.vocabulary!) ?? []) : undefined,
    vocabulary: kind === 'vocabulary' ? spec.vocabulary : undefined,
    direction: kind === 'date' || kind === 'timestamp' ? (spec.direction ?? 'past') : undefined,
    linked,
    origin: 'schema',
  };
}

function firstResponseMinutes(): FieldDef {
  return {
    name: 'first_response_minutes',
    kind: 'number',
    description: 'Minutes from creation to the first agent reply; empty until the first reply',
    operators: operatorsByKind.number,
    expression: (sql) => `(extract(epoch from (${sql.column('first_response_at')} - ${sql.column('created_at')})) / 60)`,
    origin: 'derived',
  };
}

// Custom values live in jsonb, where any JSON value may sit under a key. Each cast is
// guarded, so a value of the wrong shape reads as empty instead of failing the query.
const customCasts: Record<CustomFieldRow['type'], (text: string) => string> = {
  text: (text) => text,
  vocabulary: (text) => `lower(${text})`,
  number: (text) => `(case when ${text} ~ '^-?[0-9]+(\\.[0-9]+)?$' then (${text})::numeric end)`,
  boolean: (text) => `(case when ${text} in ('true', 'false') then (${text})::boolean end)`,
  date: (text) => `(case when ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' then left(${text}, 10)::date end)`,
};

function customField(row: CustomFieldRow, vocabularies: Map<string, VocabularyTerm[]>): FieldDef {
  const kind: FieldKind = row.type;
  const cast = customCasts[row.type];
  const linkedRows = { ticket: undefined, account: accountRow, contact: contactRow };
  const linkedRow = linkedRows[row.entity];
  const linked: LinkedRow | undefined = linkedRow && {
    ...linkedRow,
    expression: (sql) => cast(`(${linkedRow.alias}.custom ->> ${sql.bind(row.key)})`),
  };

  return {
    name: `${customFieldPrefixes[row.entity]}${row.key}`,
    kind,
    description: row.label,
    operators: operatorsByKind[kind],
    expression: linked ? linkedScalar(linked, linked.expression) : (sql) => cast(`(${sql.column('custom')} ->> ${sql.bind(row.key)})`),
    terms: row.vocabulary ? (vocabularies.get(row.vocabulary) ?? []) : undefined,
    vocabulary: row.vocabulary ?? undefined,
    direction: kind === 'date' ? 'future' : undefined,
    linked,
    origin: 'custom',
  };
}
