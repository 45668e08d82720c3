/**
 * The query names of the built-in fields and the schema columns behind them.
 * Types are not written here: loadFieldRegistry reads each column's type from
 * the database catalogue, so the migrations stay the one source of truth. A
 * field whose column is missing from the schema is left out of the registry.
 */
export type FieldKind = 'vocabulary' | 'text' | 'number' | 'timestamp' | 'date' | 'boolean' | 'tags' | 'reference';

export type ReferenceTarget = 'agent' | 'team' | 'component' | 'account' | 'contact';

/** Direction of an unsigned relative amount such as 7d: back from now (past) or ahead of today (future). */
export type DateDirection = 'past' | 'future';

export interface ColumnFieldSpec {
  name: string;
  table: 'tickets' | 'accounts';
  column: string;
  vocabulary?: string;
  direction?: DateDirection;
  aliases?: string[];
  description: string;
}

export interface ReferenceFieldSpec {
  name: string;
  target: ReferenceTarget;
  /** The tickets column holding the referenced id. */
  column: string;
  aliases?: string[];
  description: string;
}

export const columnFields: ColumnFieldSpec[] = [
  { name: 'id', table: 'tickets', column: 'id', description: 'Ticket id' },
  { name: 'status', table: 'tickets', column: 'status', vocabulary: 'status', description: 'Lifecycle status' },
  { name: 'priority', table: 'tickets', column: 'priority', vocabulary: 'priority', description: 'Priority; p1 is the most urgent' },
  { name: 'category', table: 'tickets', column: 'category', vocabulary: 'category', description: 'Request category' },
  { name: 'channel', table: 'tickets', column: 'channel', vocabulary: 'channel', description: 'Channel the ticket arrived by' },
  { name: 'language', table: 'tickets', column: 'language', description: 'Language code of the conversation, such as en' },
  { name: 'source', table: 'tickets', column: 'source', description: 'System the ticket came from, such as casebook or an import' },
  { name: 'tags', table: 'tickets', column: 'tags', aliases: ['tag'], description: 'Tags, matched exactly' },
  { name: 'created', table: 'tickets', column: 'created_at', direction: 'past', aliases: ['created_at'], description: 'When the ticket was created' },
  { name: 'updated', table: 'tickets', column: 'updated_at', direction: 'past', aliases: ['updated_at'], description: 'When the ticket last changed' },
  { name: 'solved', table: 'tickets', column: 'solved_at', direction: 'past', aliases: ['solved_at'], description: 'When the ticket was solved' },
  { name: 'closed', table: 'tickets', column: 'closed_at', direction: 'past', aliases: ['closed_at'], description: 'When the ticket was closed' },
  { name: 'impact', table: 'tickets', column: 'impact_score', aliases: ['impact_score'], description: 'Business-impact score, 0 to 100' },
  { name: 'first_response', table: 'tickets', column: 'first_response_at', direction: 'past', aliases: ['first_response_at'], description: 'When an agent first replied' },
  { name: 'account.tier', table: 'accounts', column: 'tier', vocabulary: 'tier', description: 'Subscription tier of the account' },
  { name: 'account.arr', table: 'accounts', column: 'arr', description: 'Annual recurring revenue of the account' },
  { name: 'account.health', table: 'accounts', column: 'health_score', aliases: ['account.health_score'], description: 'Health score of the account, 0 to 100' },
  { name: 'account.renewal', table: 'accounts', column: 'renewal_date', direction: 'future', aliases: ['account.renewal_date'], description: 'Renewal date of the account' },
  { name: 'account.seats', table: 'accounts', column: 'seats', description: 'Seats the account pays for' },
  { name: 'account.plan', table: 'accounts', column: 'plan', description: 'Plan name of the account' },
  { name: 'account.segment', table: 'accounts', column: 'segment', description: 'Customer segment of the account' },
  { name: 'account.region', table: 'accounts', column: 'region', description: 'Region of the account' },
];

export const referenceFields: ReferenceFieldSpec[] = [
  { name: 'assignee', target: 'agent', column: 'assignee_id', description: 'Assigned agent: none, me, an email or an id' },
  { name: 'team', target: 'team', column: 'team_id', description: 'Team (queue): none, a team key or an id' },
  { name: 'component', target: 'component', column: 'component_id', description: 'Product component and its sub-components: none, a key or an id' },
  { name: 'account', target: 'account', column: 'account_id', description: 'Account: none, a name, an external id or an id' },
  { name: 'requester', target: 'contact', column: 'requester_id', description: 'Requesting contact: none, an email or an id' },
];

/** Query-name prefixes of custom fields, by the entity in custom_field_definitions. */
export const customFieldPrefixes = { ticket: 'custom.', account: 'account.custom.', contact: 'requester.custom.' } as const;

export const operatorsByKind: Record<FieldKind, readonly string[]> = {
  vocabulary: [':', '=', '!=', '<', '<=', '>', '>='],
  number: [':', '=', '!=', '<', '<=', '>', '>='],
  timestamp: [':', '=', '!=', '<', '<=', '>', '>='],
  date: [':', '=', '!=', '<', '<=', '>', '>='],
  text: [':', '=', '!='],
  boolean: [':', '=', '!='],
  tags: [':', '=', '!='],
  reference: [':', '=', '!='],
};

/** Maps an information_schema data type to a field kind; other types are not queryable. */
export function kindOfColumnType(dataType: string): FieldKind | undefined {
  if (['bigint', 'integer', 'smallint', 'numeric', 'real', 'double precision'].includes(dataType)) return 'number';
  if (dataType === 'text' || dataType === 'character varying') return 'text';
  if (dataType === 'timestamp with time zone' || dataType === 'timestamp without time zone') return 'timestamp';
  if (dataType === 'date') return 'date';
  if (dataType === 'boolean') return 'boolean';
  if (dataType === 'ARRAY') return 'tags';

  return undefined;
}
