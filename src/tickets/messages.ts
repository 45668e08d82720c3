import { AppError } from '../core/errors.ts';
import type { Actor } from '../http/actor.ts';
import { recordAudit } from '../audit/index.ts';
import type { Queryable } from '../store/index.ts';
import { recomputeTicketImpact } from '../impact/index.ts';
import { statusAfterMessage, timestampsForTransition, type TicketStatus } from './lifecycle.ts';
import { assertTicketExists, findTicketRow } from './read.ts';
import type { AddMessageInput, Message } from './schemas.ts';
import type { TicketDeps } from './write.ts';

interface MessageRow {
  id: number;
  ticket_id: number;
  kind: 'public' | 'internal';
  author_kind: 'customer' | 'agent' | 'system';
  author_agent_id: number | null;
  author_contact_id: number | null;
  author_name: string | null;
  body: string;
  channel: string;
  attachments: unknown[];
  created_at: Date;
}

const messageSelect = `
  select m.*, coalesce(a.name, c.name, c.email) as author_name
  from messages m
  left join agents a on a.id = m.author_agent_id
  left join contacts c on c.id = m.author_contact_id`;

function toMessage(row: MessageRow): Message {
  const authorId = row.author_agent_id ?? row.author_contact_id;
  return {
    id: row.id,
    ticketId: row.ticket_id,
    kind: row.kind,
    authorKind: row.author_kind,
    author: authorId ? { id: authorId, name: row.author_name } : null,
    body: row.body,
    channel: row.channel,
    attachments: row.attachments,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listMessages(db: Queryable, ticketId: number): Promise<Message[]> {
  const exists = await db.query('select 1 from tickets where id = $1', [ticketId]);
  assertTicketExists(exists[0] ?? null, ticketId);
  const rows = await db.query<MessageRow>(`${messageSelect} where m.ticket_id = $1 order by m.created_at, m.id`, [ticketId]);
  return rows.map(toMessage);
}

/**
 * Distinct words after which a ticket's search document stops growing, so a
 * very long thread stays below PostgreSQL's 1 MB tsvector limit.
 */
const maxDocumentLexemes = 20_000;

/**
 * Adds a public reply or internal note. A customer reply reopens a solved or
 * pending ticket; the first public agent reply sets first_response_at.
 */
export async function addMessage(deps: TicketDeps, actor: Actor, ticketId: number, input: AddMessageInput): Promise<Message> {
  const id = await deps.db.transaction(async (tx) => {
    const ticket = await findTicketRow(tx, ticketId, true);
    assertTicketExists(ticket, ticketId);
    if (ticket.status === 'closed') {
      throw new AppError('invalid_transition', `Ticket ${ticketId} is closed and takes no new messages`, [
        { field: 'ticketId', value: ticketId, fix: 'create a follow-up ticket instead' },
      ]);
    }
    if (input.authorKind === 'customer' && input.kind === 'internal') {
      throw new AppError('invalid_input', 'A customer cannot write an internal note', [{ field: 'kind', value: 'internal', fix: 'send kind public for customer replies' }]);
    }
    if (input.authorKind === 'customer' && ticket.requester_id === null) {
      throw new AppError('invalid_input', `Ticket ${ticketId} has no requester to write as`, [{ field: 'authorKind', value: 'customer', fix: 'set a requester on the ticket first, or write as agent' }]);
    }

    const isAgent = input.authorKind === 'agent';
    const [message] = await tx.query<{ id: number }>(
      `insert into messages (ticket_id, kind, author_kind, author_agent_id, author_contact_id, body, channel, attachments)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [ticketId, input.kind, input.authorKind, isAgent ? actor.agentId : null, isAgent ? null : ticket.requester_id,
        input.body, isAgent ? 'web' : ticket.channel, JSON.stringify(input.attachments ?? [])],
    );

    const from = ticket.status as TicketStatus;
    const to = statusAfterMessage(from, input.authorKind, input.kind) ?? from;
    const stamps = timestampsForTransition(from, to, { firstResponseAt: ticket.first_response_at, solvedAt: ticket.solved_at, closedAt: ticket.closed_at }, new Date());
    const firstResponse = isAgent && input.kind === 'public' && ticket.first_response_at === null;

    await tx.query(
      `update tickets set status = $2, solved_at = $3, first_response_at = case when $4 then now() else first_response_at end,
         search_document = case when length(search_document) < ${maxDocumentLexemes}
           then search_document || to_tsvector('english', casebook_search_text('', $5)) else search_document end,
         updated_at = now(), version = version + 1 where id = $1`,
      [ticketId, to, stamps.solvedAt, firstResponse, input.body],
    );
    const changes: Record<string, [unknown, unknown]> = { message: [null, { id: message.id, kind: input.kind }] };
    if (to !== from) changes.status = [from, to];
    // A reopened ticket missed the account changes made while it was solved.
    if (to !== from) await recomputeTicketImpact(tx, [ticketId]);
    await recordAudit(tx, { entity: 'ticket', entityId: ticketId, action: input.kind === 'internal' ? 'note_added' : 'reply_added', actor, changes });
    return message.id;
  });

  const rows = await deps.db.query<MessageRow>(`${messageSelect} where m.id = $1`, [id]);
  return toMessage(rows[0]);
}
