import { AppError, notFound } from '../core/errors.ts';
import type { Queryable } from '../store/index.ts';
import type { Ticket } from './schemas.ts';

/** The tickets columns a reader needs: all but the wide search document. */
const ticketColumnList = `t.id, t.source, t.external_id, t.subject, t.status, t.priority, t.category, t.channel,
    t.language, t.component_id, t.team_id, t.assignee_id, t.account_id, t.requester_id, t.tags, t.custom,
    t.created_at, t.updated_at, t.first_response_at, t.solved_at, t.closed_at, t.version,
    t.impact_score, t.impact_breakdown, t.impact_computed_at`;

/**
 * Selects tickets with the names of everything they link to, one row per
 * ticket. `source` is the tickets table, or the name of a WITH step that
 * returns tickets rows.
 */
export function ticketSelectFrom(source: string): string {
  return `
  select ${ticketColumnList},
    c.key as component_key, c.name as component_name,
    tm.key as team_key, tm.name as team_name,
    ag.name as assignee_name, ag.email as assignee_email,
    ac.name as account_name, ac.tier as account_tier,
    rq.name as requester_name, rq.email as requester_email
  from ${source} t
  left join product_components c on c.id = t.component_id
  left join teams tm on tm.id = t.team_id
  left join agents ag on ag.id = t.assignee_id
  left join accounts ac on ac.id = t.account_id
  left join contacts rq on rq.id = t.requester_id`;
}

export const ticketSelect = ticketSelectFrom('tickets');

export interface TicketRow {
  id: number;
  subject: string;
  status: string;
  priority: string;
  category: string | null;
  channel: string;
  language: string | null;
  component_id: number | null;
  component_key: string | null;
  component_name: string | null;
  team_id: number | null;
  team_key: string | null;
  team_name: string | null;
  assignee_id: number | null;
  assignee_name: string | null;
  assignee_email: string | null;
  account_id: number | null;
  account_name: string | null;
  account_tier: string | null;
  requester_id: number | null;
  requester_name: string | null;
  requester_email: string | null;
  tags: string[];
  custom: Record<string, unknown>;
  source: string;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
  first_response_at: Date | null;
  solved_at: Date | null;
  closed_at: Date | null;
  impact_score: number | null;
  version: number;
}

function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    category: row.category,
    channel: row.channel,
    language: row.language,
    component: row.component_id ? { id: row.component_id, key: row.component_key!, name: row.component_name! } : null,
    team: row.team_id ? { id: row.team_id, key: row.team_key!, name: row.team_name! } : null,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name, email: row.assignee_email } : null,
    account: row.account_id ? { id: row.account_id, name: row.account_name!, tier: row.account_tier } : null,
    requester: row.requester_id ? { id: row.requester_id, name: row.requester_name, email: row.requester_email } : null,
    tags: row.tags,
    custom: row.custom,
    source: row.source,
    externalId: row.external_id,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    firstResponseAt: isoOrNull(row.first_response_at),
    solvedAt: isoOrNull(row.solved_at),
    closedAt: isoOrNull(row.closed_at),
    impactScore: row.impact_score,
    version: row.version,
  };
}

export async function findTicketRow(db: Queryable, id: number, forUpdate = false): Promise<TicketRow | null> {
  const sql = forUpdate
    ? `${ticketSelect} where t.id = $1 for update of t`
    : `${ticketSelect} where t.id = $1`;
  const rows = await db.query<TicketRow>(sql, [id]);
  return rows[0] ?? null;
}

export async function getTicket(db: Queryable, id: number): Promise<Ticket> {
  const row = await findTicketRow(db, id);
  if (!row) {
    throw notFound('Ticket', id);
  }
  return toTicket(row);
}

export function assertTicketExists<T>(row: T | null, id: number): asserts row is T {
  if (!row) {
    throw notFound('Ticket', id);
  }
}

export function versionConflict(id: number, expected: number, actual: number): AppError {
  return new AppError('version_conflict', `Ticket ${id} changed since you read it (your version ${expected}, now ${actual})`, [
    { field: 'version', value: expected, fix: `reload the ticket and apply your change to version ${actual}` },
  ]);
}
