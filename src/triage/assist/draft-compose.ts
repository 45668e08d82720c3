/**
 * Builds a suggested reply from past answers without any model: picks the
 * best-supported answer among the candidates, removes the old greeting,
 * sign-off and names, and frames it for the current customer and agent.
 */
import { maskCaseDetails } from './draft-redact.ts';
import { tokenize } from '../text.ts';
import { extractAnswer, firstNameOf, removeAddress, replaceWord } from './reply-text.ts';

/** Where a candidate answer comes from. Macros and knowledge articles plug in as further kinds. */
export type AnswerOrigin = { kind: 'ticket'; ticketId: number } | { kind: 'macro'; macroId: number } | { kind: 'article'; articleId: number };

export interface AnswerCandidate {
  origin: AnswerOrigin;
  /** Similarity of the source to the current ticket, higher is closer. */
  score: number;
  /** The full text of the past answer, greeting and sign-off included. */
  body: string;
  /** Names that appear in the past answer and must not leak into the new one. */
  oldNames: { customer: string | null; agent: string | null; company: string | null };
}

export interface DraftNames {
  customerName: string | null;
  agentName: string | null;
  companyName: string | null;
}

export interface ChosenAnswer {
  answer: string;
  /** The candidates that agree with the chosen answer, best first. The first is the one whose text is used. */
  supporters: AnswerCandidate[];
}

/** Two answers whose word sets overlap at least this much (Jaccard) count as the same answer. */
export const agreementThreshold = 0.5;

/**
 * Groups the candidates into answers that agree with each other and returns
 * the group with the highest total score, represented by its best-scoring
 * member. A lone close neighbour thus wins unless several others agree on a
 * different answer and together outscore it.
 */
export function chooseAnswer(candidates: AnswerCandidate[]): ChosenAnswer | null {
  const usable = candidates
    .map((candidate) => ({ candidate, answer: extractAnswer(candidate.body), words: new Set(tokenize(extractAnswer(candidate.body))) }))
    .filter((entry) => entry.words.size > 0)
    .sort((left, right) => right.candidate.score - left.candidate.score);
  const groups: { members: typeof usable; support: number }[] = [];

  for (const entry of usable) {
    const group = groups.find((existing) => jaccard(existing.members[0].words, entry.words) >= agreementThreshold);
    if (group) {
      group.members.push(entry);
      group.support += entry.candidate.score;
    } else {
      groups.push({ members: [entry], support: entry.candidate.score });
    }
  }

  const best = groups.reduce<(typeof groups)[number] | null>((winner, group) => (winner === null || group.support > winner.support ? group : winner), null);
  if (!best) {
    return null;
  }

  return { answer: best.members[0].answer, supporters: best.members.map((member) => member.candidate) };
}

function jaccard(left: Set<string>, right: Set<string>): number {
  let shared = 0;
  for (const word of left) {
    if (right.has(word)) shared++;
  }

  return shared / Math.max(left.size + right.size - shared, 1);
}

/** Replaces the names of the old conversation with the current ones, dropping a name that has no replacement. */
export function replaceOldNames(answer: string, oldNames: AnswerCandidate['oldNames'], names: DraftNames): string {
  const customerFirstName = firstNameOf(names.customerName);
  let text = answer;

  for (const old of [oldNames.customer, firstNameOf(oldNames.customer)]) {
    text = customerFirstName ? replaceWord(text, old, customerFirstName) : removeAddress(text, old);
  }
  text = replaceWord(text, oldNames.agent, names.agentName ?? 'our support team');
  text = replaceWord(text, oldNames.company, names.companyName ?? 'your company');

  return text;
}

/** Frames an answer with a greeting to the customer and a sign-off by the agent. Either name may be missing. */
export function frameReply(answer: string, names: DraftNames): string {
  const firstName = firstNameOf(names.customerName);
  const greeting = firstName ? `Hi ${firstName},` : 'Hi,';
  const signOff = names.agentName?.trim() ? `Best regards,\n${names.agentName.trim()}` : 'Best regards';

  return `${greeting}\n\n${answer.trim()}\n\n${signOff}`;
}

/** Returns the retrieval draft for the candidates, or null when none has a usable answer. */
export function composeDraft(candidates: AnswerCandidate[], names: DraftNames): { body: string; supporters: AnswerCandidate[] } | null {
  const chosen = chooseAnswer(candidates);
  if (!chosen) {
    return null;
  }

  const answer = maskCaseDetails(replaceOldNames(chosen.answer, chosen.supporters[0].oldNames, names));
  return { body: frameReply(answer, names), supporters: chosen.supporters };
}
