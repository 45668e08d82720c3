/**
 * The suggested reply for a ticket: a retrieval draft from the answers of the
 * most similar resolved tickets (and of any further answer sources, such as
 * macros or knowledge articles), optionally rewritten by a chat-completions
 * endpoint.
 */
import { notFound } from '../../core/errors.ts';
import type { Queryable } from '../../store/index.ts';
import { composeDraft, type AnswerCandidate, type DraftNames } from './draft-compose.ts';
import { rewriteDraft, type DraftEndpoint, type DraftLogger } from './draft-llm.ts';
import { firstNameOf } from './reply-text.ts';
import { readTicketText, type ResolvedTicketIndex, type TicketText } from './resolved-index.ts';
import { neighboursOfText } from './similar.ts';

export interface DraftTicket extends TicketText {
  names: DraftNames;
}

/**
 * A further place to take past answers from. Macros and knowledge articles
 * implement this when they exist, and the draft weighs their candidates
 * against the similar tickets' answers by score.
 */
export interface AnswerSource {
  findAnswers(ticket: DraftTicket, limit: number): Promise<AnswerCandidate[]>;
}

export interface DraftReply {
  /** The suggested reply, or null when there is nothing to suggest. */
  body: string | null;
  sources: { ticketId: number; score: number }[];
  method: 'retrieval' | 'llm';
}

export interface DraftDependencies {
  db: Queryable;
  index: ResolvedTicketIndex;
  logger: DraftLogger;
  endpoint?: DraftEndpoint;
  answerSources?: AnswerSource[];
}

/** How many similar resolved tickets a draft considers. */
const neighbourCount = 5;

/**
 * Similarity below which a resolved ticket's answer is not reused. An
 * unrelated ticket's nearest neighbours score about 0.1, related ones 0.5 and
 * more on the demo data, so a draft from a weak match would reply to another question.
 */
const minAnswerScore = 0.25;

/** Drafts a reply to the ticket, written as the given agent; throws not_found for an unknown ticket. */
export async function draftReply(deps: DraftDependencies, ticketId: number, agentId: number | null): Promise<DraftReply> {
  const ticket = await readDraftTicket(deps.db, ticketId, agentId);
  const candidates = await collectCandidates(deps, ticket);
  const draft = composeDraft(candidates, ticket.names);
  const sources = (draft?.supporters ?? []).flatMap((candidate) => (candidate.origin.kind === 'ticket' ? [{ ticketId: candidate.origin.ticketId, score: candidate.score }] : []));

  // Without a retrieval draft there is nothing to rewrite, and the ticket's text is not sent anywhere.
  if (deps.endpoint && draft) {
    const rewritten = await rewriteDraft(deps.endpoint, {
      subject: ticket.subject,
      customerMessage: ticket.firstMessage,
      draft: draft.body,
      customerFirstName: firstNameOf(ticket.names.customerName),
      agentName: ticket.names.agentName,
    }, deps.logger);
    if (rewritten !== null) {
      deps.logger.info({ ticketId, sourceCount: sources.length }, 'draft rewritten by the draft endpoint');
      return { body: rewritten, sources, method: 'llm' };
    }
  }

  return { body: draft?.body ?? null, sources, method: 'retrieval' };
}

async function collectCandidates(deps: DraftDependencies, ticket: DraftTicket): Promise<AnswerCandidate[]> {
  const neighbours = await neighboursOfText(deps.db, deps.index, ticket, neighbourCount);
  const candidates: AnswerCandidate[] = neighbours.filter((neighbour) => neighbour.score >= minAnswerScore).flatMap((neighbour) => (neighbour.resolution
    ? [{
      origin: { kind: 'ticket' as const, ticketId: neighbour.ticket.id },
      score: neighbour.score,
      body: neighbour.resolution.body,
      oldNames: { customer: neighbour.requesterName, agent: neighbour.resolution.agentName, company: neighbour.accountName },
    }]
    : []));

  for (const source of deps.answerSources ?? []) {
    candidates.push(...await source.findAnswers(ticket, neighbourCount));
  }

  return candidates;
}

async function readDraftTicket(db: Queryable, ticketId: number, agentId: number | null): Promise<DraftTicket> {
  const text = await readTicketText(db, ticketId);
  if (!text) {
    throw notFound('Ticket', ticketId);
  }

  const [row] = await db.query<{ requester_name: string | null; account_name: string | null; agent_name: string | null }>(
    `select rq.name as requester_name, ac.name as account_name,
       coalesce((select name from agents where id = $2), ag.name) as agent_name
     from tickets t
     left join contacts rq on rq.id = t.requester_id
     left join accounts ac on ac.id = t.account_id
     left join agents ag on ag.id = t.assignee_id
     where t.id = $1`,
    [ticketId, agentId],
  );

  return { ...text, names: { customerName: row?.requester_name ?? null, agentName: row?.agent_name ?? null, companyName: row?.account_name ?? null } };
}
