import type { Queryable } from '../store/index.ts';
import { compileQuery, type CompiledQuery } from './compiler.ts';
import { queryError } from './errors.ts';
import { messages } from './messages.ts';
import { parseQuery } from './parser.ts';
import { loadFieldRegistry, type FieldRegistry } from './registry.ts';

export interface RunQueryOptions {
  actorId?: number;
  timeZone?: string;
  /** Tickets per page, 1 to 1000; 50 when absent. */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
  now?: Date;
  /** A registry loaded earlier; loaded from db when absent. */
  registry?: FieldRegistry;
}

export interface QueryTicket {
  id: number;
  subject: string;
  status: string;
  priority: string;
  category: string | null;
  channel: string;
  language: string | null;
  tags: string[];
  component: { id: number; key: string; name: string } | null;
  team: { id: number; key: string; name: string } | null;
  assignee: { id: number; name: string; email: string } | null;
  account: { id: number; name: string; tier: string | null } | null;
  requester: { id: number; name: string | null; email: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

export type QueryResult =
  | { kind: 'tickets'; items: QueryTicket[]; total: number; nextCursor: string | null }
  | { kind: 'aggregate'; rows: { group: unknown; value: number | null }[] };

const defaultLimit = 50;
const maxLimit = 1000;

/** Parses, compiles and runs a query: a page of tickets with the total count, or aggregation rows. */
export async function runQuery(db: Queryable, text: string, options: RunQueryOptions = {}): Promise<QueryResult> {
  const limit = options.limit ?? defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw queryError(messages.badLimit(limit), String(limit), 'limit');

  const offset = decodeCursor(options.cursor);
  const registry = options.registry ?? (await loadFieldRegistry(db));
  const compiled = compileQuery(parseQuery(text), registry, { actorId: options.actorId, timeZone: options.timeZone, now: options.now });

  if (compiled.kind === 'aggregate') {
    const rows = await db.query<{ group: unknown; value: number | null }>(compiled.sql, compiled.params);
    return { kind: 'aggregate', rows: rows.map((row) => ({ group: row.group, value: row.value === null ? null : Number(row.value) })) };
  }

  const statements = ticketPageStatements(compiled, limit, offset);
  const [rows, [{ total }]] = await Promise.all([
    db.query<TicketRow>(statements.page.sql, statements.page.params),
    db.query<{ total: number }>(statements.count.sql, statements.count.params),
  ]);
  const nextOffset = offset + rows.length;

  return {
    kind: 'tickets',
    items: rows.map(toTicket),
    total: Number(total),
    nextCursor: rows.length === limit && nextOffset < Number(total) ? encodeCursor(nextOffset) : null,
  };
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/** Builds the two statements behind a page of tickets: the page itself and the count of all matches. */
export function ticketPageStatements(compiled: CompiledQuery, limit: number, offset: number): { page: Statement; count: Statement } {
  const limitPlaceholder = `$${compiled.params.length + 1}`;
  const offsetPlaceholder = `$${compiled.params.length + 2}`;

  return {
    // The page is cut in a subquery before the joins, so the joins read only the page's rows and not every match.
    page: {
      sql: `${ticketColumns} from (select t.* from tickets t where ${compiled.where} order by ${compiled.orderBy}
        limit ${limitPlaceholder} offset ${offsetPlaceholder}) t ${ticketJoins} order by ${compiled.orderBy}`,
      params: [...compiled.params, limit, offset],
    },
    count: {
      sql: `select count(*) as total from tickets t where ${compiled.where}`,
      params: compiled.params.slice(0, compiled.whereParamCount),
    },
  };
}

// NOTE: the cursor contains an offset, so a page can repeat or skip a ticket when tickets
// matching the query are created or changed between two page requests.
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;

  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the error below.
  }
  throw queryError(messages.badCursor(), cursor, 'cursor');
}

const ticketColumns = `select t.id, t.subject, t.status, t.priority, t.category, t.channel, t.language, t.tags,
    t.created_at, t.updated_at,
    jc.id as component_id, jc.key as component_key, jc.name as component_name,
    jt.id as team_id, jt.key as team_key, jt.name as team_name,
    jg.id as assignee_id, jg.name as assignee_name, jg.email as assignee_email,
    ja.id as account_id, ja.name as account_name, ja.tier as account_tier,
    jr.id as requester_id, jr.name as requester_name, jr.email as requester_email`;

const ticketJoins = `left join product_components jc on jc.id = t.component_id
  left join teams jt on jt.id = t.team_id
  left join agents jg on jg.id = t.assignee_id
  left join accounts ja on ja.id = t.account_id
  left join contacts jr on jr.id = t.requester_id`;

interface TicketRow {
  id: number; subject: string; status: string; priority: string; category: string | null; channel: string;
  language: string | null; tags: string[]; created_at: Date | string; updated_at: Date | string;
  component_id: number | null; component_key: string; component_name: string;
  team_id: number | null; team_key: string; team_name: string;
  assignee_id: number | null; assignee_name: string; assignee_email: string;
  account_id: number | null; account_name: string; account_tier: string | null;
  requester_id: number | null; requester_name: string | null; requester_email: string | null;
}

function toTicket(row: TicketRow): QueryTicket {
  return {
    id: row.id,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    category: row.category,
    channel: row.channel,
    language: row.language,
    tags: row.tags,
    component: row.component_id === null ? null : { id: row.component_id, key: row.component_key, name: row.component_name },
    team: row.team_id === null ? null : { id: row.team_id, key: row.team_key, name: row.team_name },
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name, email: row.assignee_email },
    account: row.account_id === null ? null : { id: row.account_id, name: row.account_name, tier: row.account_tier },
    requester: row.requester_id === null ? null : { id: row.requester_id, name: row.requester_name, email: row.requester_email },
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
