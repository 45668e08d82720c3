/** Reads tickets, their audit history or conversations, and their accounts into escalation records. */
import type { Queryable } from '../../store/index.ts';
import { initialPriority, labelFromAudit, labelFromConversation, type LabelSource, type TicketChange } from './escalation-labels.ts';
import type { EscalationInput } from './escalation-features.ts';
import { withRequesterHistory, type EscalationRecord } from './escalation-model.ts';
import { extractAnswer } from './reply-text.ts';
import { loadSentimentScorer } from './sentiment.ts';

interface TicketRow {
  id: number;
  requester_id: number | null;
  status: string;
  priority: string;
  category: string | null;
  channel: string;
  created_at: Date;
  subject: string;
  first_message: string | null;
  account_id: number | null;
  tier: string | null;
  arr: number | null;
  health_score: number | null;
  renewal_date: string | null;
}

const ticketsSql = `
  select t.id, t.requester_id, t.status, t.priority, t.category, t.channel, t.created_at, t.subject,
    (select m.body from messages m where m.ticket_id = t.id
      order by (m.author_kind = 'customer') desc, m.created_at, m.id limit 1) as first_message,
    ac.id as account_id, ac.tier, ac.arr, ac.health_score, ac.renewal_date::text as renewal_date
  from tickets t
  left join accounts ac on ac.id = t.account_id
  where $1::bigint[] is null or t.id = any($1::bigint[])
  order by t.created_at, t.id`;

const auditSql = `
  select entity_id as ticket_id, changes from audit_entries
  where entity = 'ticket' and (changes ? 'priority' or changes ? 'status')
    and ($1::bigint[] is null or entity_id = any($1::bigint[]))
  order by entity_id, created_at, id`;

const conversationSql = `
  select ticket_id, array_agg(author_kind order by created_at, id) as authors from messages
  where kind = 'public' and author_kind in ('customer', 'agent')
    and ($1::bigint[] is null or ticket_id = any($1::bigint[]))
  group by ticket_id`;

/** Loads escalation records for the given tickets, or for every ticket when ticketIds is null. */
export async function loadEscalationRecords(db: Queryable, labelSource: LabelSource, ticketIds: number[] | null = null): Promise<EscalationRecord[]> {
  const scoreSentiment = await loadSentimentScorer();
  const tickets = await db.query<TicketRow>(ticketsSql, [ticketIds]);
  const changes = await groupChanges(db, ticketIds);
  const conversations = labelSource === 'conversation' ? await groupConversations(db, ticketIds) : new Map<number, string[]>();

  return tickets.map((row) => {
    const ticketChanges = changes.get(row.id) ?? [];
    const label = labelSource === 'audit' ? labelFromAudit(ticketChanges) : labelFromConversation(conversations.get(row.id) ?? []);
    // Without its greeting and sign-off, the message carries no requester names for the model to memorise.
    const firstMessage = extractAnswer(row.first_message ?? '');

    return {
      ticketId: row.id,
      requesterId: row.requester_id,
      resolved: row.status === 'solved' || row.status === 'closed',
      label,
      input: {
        subject: row.subject,
        firstMessage,
        priority: initialPriority(row.priority, ticketChanges),
        category: row.category,
        channel: row.channel,
        createdAt: new Date(row.created_at),
        account: row.account_id === null ? null : { tier: row.tier, arr: row.arr, healthScore: row.health_score, renewalDate: row.renewal_date },
        sentiment: scoreSentiment(`${row.subject}\n${firstMessage}`),
      },
    };
  });
}

async function groupChanges(db: Queryable, ticketIds: number[] | null): Promise<Map<number, TicketChange[]>> {
  const rows = await db.query<{ ticket_id: number; changes: TicketChange['changes'] }>(auditSql, [ticketIds]);
  const grouped = new Map<number, TicketChange[]>();
  for (const row of rows) {
    const list = grouped.get(row.ticket_id) ?? [];
    list.push({ changes: row.changes });
    grouped.set(row.ticket_id, list);
  }
  return grouped;
}

async function groupConversations(db: Queryable, ticketIds: number[] | null): Promise<Map<number, string[]>> {
  const rows = await db.query<{ ticket_id: number; authors: string[] }>(conversationSql, [ticketIds]);
  return new Map(rows.map((row) => [row.ticket_id, row.authors]));
}

/** Caps the earlier tickets read for one prediction; a requester with more is counted as having this many. */
const maxHistoryTickets = 500;

/**
 * Builds the model input of one ticket as it stands now: current priority,
 * and the requester's earlier tickets and escalations. Returns null when the
 * ticket does not exist.
 */
export async function loadPredictionInput(db: Queryable, ticketId: number, labelSource: LabelSource): Promise<EscalationInput | null> {
  const [ticket] = await db.query<{ priority: string }>('select priority from tickets where id = $1', [ticketId]);
  if (!ticket) {
    return null;
  }

  const earlier = await db.query<{ id: number }>(
    `select e.id from tickets t join tickets e on e.requester_id = t.requester_id and e.created_at < t.created_at
     where t.id = $1 order by e.created_at desc limit $2`,
    [ticketId, maxHistoryTickets],
  );
  const records = withRequesterHistory(await loadEscalationRecords(db, labelSource, [ticketId, ...earlier.map((row) => row.id)]));
  const target = records.find((record) => record.ticketId === ticketId)!;

  return { ...target.full, priority: ticket.priority };
}
