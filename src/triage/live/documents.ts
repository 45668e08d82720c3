/**
 * Loads tickets in the shape the models read: the subject and the first
 * customer message as text, channel, account tier and language as structured
 * features, and the current key of every predicted field.
 */
import type { Queryable } from '../../store/index.ts';
import type { TicketInput } from '../model.ts';
import { tokenize } from '../text.ts';
import type { TicketFieldValues } from './fields.ts';

export interface TicketDocument {
  ticketId: number;
  input: TicketInput;
  values: TicketFieldValues;
  language: string | null;
  /** Words of the requester's name and email address, which must not be shown as reasons for a prediction. */
  requesterWords: string[];
}

/** Characters of the first message that are read; the opening states the problem. */
const maxBodyChars = 4_000;

interface DocumentRow {
  id: number;
  subject: string;
  body: string | null;
  channel: string;
  language: string | null;
  tier: string | null;
  category: string | null;
  priority: string;
  component: string | null;
  team: string | null;
  custom: Record<string, unknown>;
  requester_name: string | null;
  requester_email: string | null;
}

// The first customer message, falling back to the first message when an agent opened the ticket.
const documentSelect = `
  select t.id, t.subject, t.channel, t.language, t.category, t.priority, t.custom,
    c.key as component, tm.key as team, a.tier, rq.name as requester_name, rq.email as requester_email,
    (select left(m.body, ${maxBodyChars}) from messages m where m.ticket_id = t.id
      order by (m.author_kind = 'customer') desc, m.created_at, m.id limit 1) as body
  from tickets t
  left join product_components c on c.id = t.component_id
  left join teams tm on tm.id = t.team_id
  left join accounts a on a.id = t.account_id
  left join contacts rq on rq.id = t.requester_id`;

export function toDocument(row: DocumentRow): TicketDocument {
  return {
    ticketId: row.id,
    input: {
      text: `${row.subject}\n${row.body ?? ''}`,
      features: { channel: row.channel, tier: row.tier ?? 'none', language: row.language ?? 'unknown' },
    },
    values: { category: row.category, priority: row.priority, component: row.component, team: row.team, custom: row.custom ?? {} },
    language: row.language,
    requesterWords: tokenize(`${row.requester_name ?? ''} ${row.requester_email ?? ''}`),
  };
}

export async function loadTicketDocument(db: Queryable, ticketId: number): Promise<TicketDocument | null> {
  const rows = await db.query<DocumentRow>(`${documentSelect} where t.id = $1`, [ticketId]);
  return rows[0] ? toDocument(rows[0]) : null;
}

/** Loads the newest tickets, at most limit of them, newest first. */
export async function loadRecentDocuments(db: Queryable, limit: number): Promise<TicketDocument[]> {
  const rows = await db.query<DocumentRow>(`${documentSelect} order by t.id desc limit $1`, [limit]);
  return rows.map(toDocument);
}
