import { AppError } from '../core/errors.ts';
import type { Queryable } from '../store/index.ts';
import { resolveTerm, type Vocabularies } from '../vocabularies/index.ts';
import { compileQuery, parseQuery, type FieldRegistry, type QueryAst } from '../query/index.ts';
import { ticketSelect, toTicket, type TicketRow } from './read.ts';
import type { ListTicketsQuery, Ticket } from './schemas.ts';

/** Accumulates WHERE conditions with numbered parameters; user text never enters the SQL string. */
export class SqlConditions {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: string) {
    this.conditions.push(condition);
  }

  where(): string {
    return this.conditions.length ? `where ${this.conditions.join(' and ')}` : '';
  }
}

const sortExpressions: Record<string, string> = {
  created_at: 't.created_at',
  updated_at: 't.updated_at',
  priority: 't.priority',
  status: `(case t.status when 'new' then 1 when 'open' then 2 when 'pending' then 3 when 'on_hold' then 4 when 'solved' then 5 else 6 end)`,
  id: 't.id',
  // Tickets not yet scored sort as -1, below every score, so the keyset comparison never meets a null.
  impact: 'coalesce(t.impact_score, -1)',
};

const sortValueTypes: Record<string, string> = {
  created_at: 'timestamptz', updated_at: 'timestamptz', priority: 'text', status: 'integer', id: 'bigint', impact: 'numeric',
};

function splitList(value: string): string[] {
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

function parseIds(field: string, value: string): number[] {
  return splitList(value).map((part) => {
    const id = Number(part);
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw new AppError('invalid_input', `${field} must be a list of ids`, [{ field, value: part, fix: 'send positive integer ids separated by commas' }]);
    }
    return id;
  });
}

function addVocabularyFilter(where: SqlConditions, vocabularies: Vocabularies, field: 'status' | 'priority' | 'category' | 'channel', value?: string) {
  if (!value) return;
  const keys = splitList(value).map((part) => resolveTerm(vocabularies, field, part, field));
  where.add(`t.${field} = any(${where.param(keys)}::text[])`);
}

/** Matches components by key or id, including every descendant component. */
function addComponentFilter(where: SqlConditions, value?: string) {
  if (!value) return;
  const wanted = where.param(splitList(value));
  where.add(`t.component_id in (
    with recursive tree as (
      select id from product_components where key = any(${wanted}::text[]) or id::text = any(${wanted}::text[])
      union select c.id from product_components c join tree on c.parent_id = tree.id
    ) select id from tree)`);
}

function addAssigneeFilter(where: SqlConditions, value: string | undefined, actorId: number | null) {
  if (!value) return;
  const parts = splitList(value);
  const ids = parts.filter((part) => part !== 'none' && part !== 'me');
  const conditions: string[] = [];
  if (parts.includes('none')) conditions.push('t.assignee_id is null');
  if (parts.includes('me') && actorId !== null) ids.push(String(actorId));
  if (ids.length) conditions.push(`t.assignee_id = any(${where.param(parseIds('assignee', ids.join(',')))}::bigint[])`);
  where.add(conditions.length ? `(${conditions.join(' or ')})` : 'false');
}

export function buildTicketFilters(
  query: ListTicketsQuery, vocabularies: Vocabularies, registry: FieldRegistry, actorId: number | null, timeZone?: string,
): SqlConditions {
  const where = new SqlConditions();
  addVocabularyFilter(where, vocabularies, 'status', query.status);
  addVocabularyFilter(where, vocabularies, 'priority', query.priority);
  addVocabularyFilter(where, vocabularies, 'category', query.category);
  addVocabularyFilter(where, vocabularies, 'channel', query.channel);
  addComponentFilter(where, query.component);

  if (query.team) {
    const wanted = where.param(splitList(query.team));
    where.add(`t.team_id in (select id from teams where key = any(${wanted}::text[]) or id::text = any(${wanted}::text[]))`);
  }
  addAssigneeFilter(where, query.assignee, actorId);
  if (query.account) where.add(`t.account_id = any(${where.param(parseIds('account', query.account))}::bigint[])`);
  if (query.requester) where.add(`t.requester_id = any(${where.param(parseIds('requester', query.requester))}::bigint[])`);

  if (query.q && query.q.trim()) {
    addQueryLanguageFilter(where, query.q, registry, actorId, timeZone);
  }
  return where;
}

/** Query-language sort fields that the list route can page through with a keyset cursor. */
const querySortFields: Record<string, string> = {
  created: 'created_at', updated: 'updated_at', priority: 'priority', status: 'status', id: 'id', impact: 'impact',
};

function queryError(message: string, value: unknown, fix: string): AppError {
  return new AppError('invalid_input', message, [{ field: 'q', value, fix }]);
}

/** Parses q once so the sort it may carry can be read before filtering. */
export function parseListQuery(q: string | undefined): QueryAst | null {
  if (!q || !q.trim()) return null;
  const ast = parseQuery(q);
  if (ast.aggregate) {
    throw queryError('The ticket list does not aggregate', q, 'run aggregations at GET /api/v1/query?q=...');
  }
  return ast;
}

/** Returns the list sort that a query's `sort:` clause requests, or null when it has none. */
export function sortFromQuery(ast: QueryAst | null): string | null {
  const key = ast?.sort[0];
  if (!key) return null;
  const field = querySortFields[key.field];
  if (!field || ast.sort.length > 1) {
    throw queryError(`The ticket list cannot sort by ${ast.sort.map((sortKey) => sortKey.field).join(', ')}`, key.field,
      `sort by one of ${Object.keys(querySortFields).join(', ')}, or use GET /api/v1/query for other orders`);
  }
  return `${key.descending ? '-' : ''}${field}`;
}

function addQueryLanguageFilter(where: SqlConditions, q: string, registry: FieldRegistry, actorId: number | null, timeZone?: string) {
  const ast = parseQuery(q);
  const compiled = compileQuery({ ...ast, sort: [] }, registry, {
    actorId: actorId ?? undefined, timeZone, firstParam: where.params.length + 1, ticketAlias: 't',
  });
  where.add(`(${compiled.where})`);
  where.params.push(...compiled.params.slice(0, compiled.whereParamCount));
}

interface Cursor {
  sort: string;
  value: string;
  id: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url');
}

function decodeCursor(raw: string, sort: string): Cursor {
  try {
    const [cursorSort, value, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (cursorSort === sort && typeof value === 'string' && Number.isSafeInteger(id)) {
      return { sort, value, id };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new AppError('invalid_input', 'The cursor is invalid or belongs to another sort order', [
    { field: 'cursor', value: raw, fix: 'pass the nextCursor of the previous page with the same sort, or omit it' },
  ]);
}

/** Counting stops here, because an exact count of a broad filter costs more than the page itself. */
export const totalCountCap = 1_000;

export interface TicketPage {
  items: Ticket[];
  nextCursor: string | null;
  /** Matching tickets, counted up to totalCountCap. */
  total: number;
  /** True when more than totalCountCap tickets match. */
  totalCapped: boolean;
}

/** Lists tickets with filters, a sort and keyset paging (stable under concurrent inserts). */
export async function listTickets(
  db: Queryable, query: ListTicketsQuery, vocabularies: Vocabularies, registry: FieldRegistry, actorId: number | null,
): Promise<TicketPage> {
  const sort = sortFromQuery(parseListQuery(query.q)) ?? query.sort ?? '-created_at';
  const where = buildTicketFilters(query, vocabularies, registry, actorId, query.tz);
  const countSql = `select count(*)::bigint as total from (select 1 from tickets t ${where.where()} limit ${totalCountCap + 1}) capped`;
  const countParams = [...where.params];

  const descending = sort.startsWith('-');
  const sortField = sort.replace(/^-/, '');
  const expression = sortExpressions[sortField];
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, sort);
    const comparison = descending ? '<' : '>';
    where.add(`(${expression}, t.id) ${comparison} (${where.param(cursor.value)}::${sortValueTypes[sortField]}, ${where.param(cursor.id)}::bigint)`);
  }

  const direction = descending ? 'desc' : 'asc';
  const limit = where.param(query.limit + 1);
  const rows = await db.query<TicketRow & { sort_key: string }>(
    `${ticketSelect.replace(/^\s*select /, `select (${expression})::text as sort_key, `)}
     ${where.where()} order by ${expression} ${direction}, t.id ${direction} limit ${limit}`,
    where.params,
  );
  const [{ total }] = await db.query<{ total: number }>(countSql, countParams);
  const totalCapped = total > totalCountCap;

  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ sort, value: last.sort_key, id: last.id }) : null;

  return { items: page.map(toTicket), nextCursor, total: Math.min(total, totalCountCap), totalCapped };
}
