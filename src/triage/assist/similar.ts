/** Similar resolved tickets for one ticket: retrieval from the in-memory index, then the current rows from the database. */
import { notFound } from '../../core/errors.ts';
import type { Queryable } from '../../store/index.ts';
import { chooseResolution, excerpt, extractAnswer } from './reply-text.ts';
import { readTicketText, type ResolvedTicketIndex, type TicketText } from './resolved-index.ts';

export interface SimilarTicket {
  ticket: {
    id: number;
    subject: string;
    status: string;
    category: string | null;
    component: { key: string; name: string } | null;
    solvedAt: string | null;
  };
  score: number;
  /** The answer part of the ticket's last public agent message, shortened; null when no agent replied in public. */
  resolutionExcerpt: string | null;
}

/** A resolved neighbour with everything a draft needs from it. */
export interface ResolvedNeighbour extends SimilarTicket {
  resolution: { body: string; agentName: string | null } | null;
  requesterName: string | null;
  accountName: string | null;
}

interface NeighbourRow {
  id: number;
  subject: string;
  status: string;
  category: string | null;
  component_key: string | null;
  component_name: string | null;
  solved_at: Date | null;
  closed_at: Date | null;
  requester_name: string | null;
  account_name: string | null;
  /** The last few public agent replies, newest first. */
  agent_replies: Array<{ body: string; agentName: string | null }> | null;
}

// Lookups ask the index for more hits than they return, because reopened tickets are dropped after the index answers.
const overFetchFactor = 2;
const overFetchExtra = 5;

/** Returns up to limit solved or closed tickets most similar to the given one, best first; throws not_found for an unknown ticket. */
export async function findSimilarTickets(db: Queryable, index: ResolvedTicketIndex, ticketId: number, limit: number): Promise<SimilarTicket[]> {
  const neighbours = await findResolvedNeighbours(db, index, ticketId, limit);

  return neighbours.map(({ ticket, score, resolutionExcerpt }) => ({ ticket, score, resolutionExcerpt }));
}

/** Like findSimilarTickets, and also returns each neighbour's full resolution and the names in it. */
export async function findResolvedNeighbours(db: Queryable, index: ResolvedTicketIndex, ticketId: number, limit: number): Promise<ResolvedNeighbour[]> {
  const text = await readTicketText(db, ticketId);
  if (!text) {
    throw notFound('Ticket', ticketId);
  }

  return neighboursOfText(db, index, text, limit);
}

export async function neighboursOfText(db: Queryable, index: ResolvedTicketIndex, text: TicketText, limit: number): Promise<ResolvedNeighbour[]> {
  const hits = await index.search(text, limit * overFetchFactor + overFetchExtra, [text.id]);
  if (hits.length === 0) {
    return [];
  }

  const rows = await readNeighbourRows(db, hits.map((hit) => Number(hit.id)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const neighbours: ResolvedNeighbour[] = [];

  for (const hit of hits) {
    const row = byId.get(Number(hit.id));
    if (row) neighbours.push(toNeighbour(row, hit.score));
    if (neighbours.length === limit) break;
  }

  return neighbours;
}

async function readNeighbourRows(db: Queryable, ids: number[]): Promise<NeighbourRow[]> {
  return db.query<NeighbourRow>(
    `select t.id, t.subject, t.status, t.category, c.key as component_key, c.name as component_name,
       t.solved_at, t.closed_at, rq.name as requester_name, ac.name as account_name,
       agent_replies.replies as agent_replies
     from tickets t
     left join product_components c on c.id = t.component_id
     left join contacts rq on rq.id = t.requester_id
     left join accounts ac on ac.id = t.account_id
     left join lateral (
       select json_agg(json_build_object('body', recent.body, 'agentName', recent.agent_name)) as replies from (
         select m.body, ag.name as agent_name from messages m
         left join agents ag on ag.id = m.author_agent_id
         where m.ticket_id = t.id and m.kind = 'public' and m.author_kind = 'agent'
         order by m.created_at desc, m.id desc limit ${resolutionCandidates}
       ) recent
     ) agent_replies on true
     where t.id = any($1::bigint[]) and t.status in ('solved', 'closed')`,
    [ids],
  );
}

/** How many of a ticket's last agent replies are read to find its resolution. */
const resolutionCandidates = 3;

function toNeighbour(row: NeighbourRow, score: number): ResolvedNeighbour {
  const solvedAt = row.solved_at ?? row.closed_at;
  const resolution = chooseResolution(row.agent_replies ?? []);
  const answer = resolution === null ? null : extractAnswer(resolution.body);

  return {
    ticket: {
      id: row.id,
      subject: row.subject,
      status: row.status,
      category: row.category,
      component: row.component_key ? { key: row.component_key, name: row.component_name ?? row.component_key } : null,
      solvedAt: solvedAt ? new Date(solvedAt).toISOString() : null,
    },
    score: Math.round(score * 1000) / 1000,
    resolutionExcerpt: answer === null ? null : excerpt(answer),
    resolution,
    requesterName: row.requester_name,
    accountName: row.account_name,
  };
}
