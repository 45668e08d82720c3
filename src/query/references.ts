import type { ValueNode } from './ast.ts';
import type { ReferenceTarget } from './fields.ts';
import { queryError } from './errors.ts';
import { messages } from './messages.ts';
import type { FieldDef } from './registry.ts';
import type { SqlBuilder } from './sql.ts';

const labelColumns: Record<ReferenceTarget, { table: string; column: string }> = {
  agent: { table: 'agents', column: 'email' },
  team: { table: 'teams', column: 'key' },
  component: { table: 'product_components', column: 'key' },
  account: { table: 'accounts', column: 'name' },
  contact: { table: 'contacts', column: 'email' },
};

/** Builds the display value of a reference (agent email, team key, account name...) for grouping and sorting. */
export function referenceLabel(field: FieldDef, sql: SqlBuilder): string {
  const { target, column } = field.reference!;
  const label = labelColumns[target];

  return `(select qr.${label.column} from ${label.table} qr where qr.id = ${sql.column(column)})`;
}

/** Builds a left join to the referenced table (alias qg) and the label to group by through it. */
export function referenceGroup(field: FieldDef, sql: SqlBuilder): { group: string; join: string } {
  const { target, column } = field.reference!;
  const label = labelColumns[target];

  return { group: `qg.${label.column}`, join: `left join ${label.table} qg on qg.id = ${sql.column(column)}` };
}

/**
 * Matches a reference field against ids and names: a whole number is an id,
 * `me` is the acting agent, anything else is an email (agents, contacts), a
 * key (teams, components) or a name or external id (accounts). Names that
 * match nothing select no tickets, as an unknown id does.
 */
export function compileReference(field: FieldDef, values: ValueNode[], sql: SqlBuilder, actorId: number | undefined): string {
  const { target, column } = field.reference!;
  const idColumn = sql.column(column);
  const ids: number[] = [];
  const names: string[] = [];

  for (const value of values) {
    if (/^\d{1,18}$/.test(value.text)) {
      ids.push(Number(value.text));
    } else if (target === 'agent' && !value.quoted && value.text.toLowerCase() === 'me') {
      if (actorId === undefined) throw queryError(messages.meWithoutActor(value.column), value.text);
      ids.push(actorId);
    } else {
      names.push(target === 'account' ? value.text : value.text.toLowerCase());
    }
  }

  if (target === 'component') return componentTree(idColumn, ids, names, sql);

  const parts: string[] = [];
  if (ids.length > 0) parts.push(`${idColumn} = any(${sql.bind(ids)}::bigint[])`);
  if (names.length > 0) parts.push(`${idColumn} in (${nameLookup(target, names, sql)})`);

  return parts.length === 1 ? parts[0] : `(${parts.join(' or ')})`;
}

function nameLookup(target: ReferenceTarget, names: string[], sql: SqlBuilder): string {
  switch (target) {
    case 'agent':
      return `select qr.id from agents qr where lower(qr.email) = any(${sql.bind(names)}::text[])`;
    case 'contact':
      return `select qr.id from contacts qr where lower(qr.email) = any(${sql.bind(names)}::text[])`;
    case 'team':
      return `select qr.id from teams qr where qr.key = any(${sql.bind(names)}::text[])`;
    case 'account':
      return `select qr.id from accounts qr where lower(qr.name) = any(${sql.bind(names.map((name) => name.toLowerCase()))}::text[]) or qr.external_id = any(${sql.bind(names)}::text[])`;
    default:
      throw new Error(`No name lookup for ${target}`);
  }
}

// A component matches itself and every descendant through parent_id. UNION (not
// UNION ALL) drops rows already seen, so a cycle in the hierarchy still ends.
function componentTree(idColumn: string, ids: number[], keys: string[], sql: SqlBuilder): string {
  return `${idColumn} in (with recursive qtree(id) as (
    select qp.id from product_components qp where qp.key = any(${sql.bind(keys)}::text[]) or qp.id = any(${sql.bind(ids)}::bigint[])
    union
    select qc.id from product_components qc join qtree on qc.parent_id = qtree.id
  ) select id from qtree)`;
}
