/**
 * Named features of a ticket for escalation risk, as the ticket stood when it
 * arrived: its text, the sentiment of the customer's first message, its
 * priority, category and channel, the account's tier, ARR, health and renewal
 * distance, and the requester's earlier tickets and escalations. Names are
 * readable ("tier=enterprise") because they are shown as the top factors.
 */
import { tokenize } from '../text.ts';

export interface EscalationInput {
  subject: string;
  firstMessage: string;
  priority: string;
  category: string | null;
  channel: string;
  createdAt: Date;
  account: { tier: string | null; arr: number | null; healthScore: number | null; renewalDate: string | null } | null;
  previousTickets: number;
  previousEscalations: number;
  /** Mean AFINN word score of the first customer message; see sentiment.ts. */
  sentiment: number;
}

export type FeatureVector = Map<string, number>;

/** Words shorter than this, and the number token "0", carry little signal and are left out of the text features. */
const minWordLength = 3;
const dayMs = 86_400_000;

/** Returns the features of one ticket; text words appear as "word:<token>" and are kept only when in the vocabulary. */
export function escalationFeatures(input: EscalationInput, vocabulary?: Set<string>): FeatureVector {
  const features: FeatureVector = new Map();

  features.set(`priority=${input.priority}`, 1);
  features.set(`category=${input.category ?? 'none'}`, 1);
  features.set(`channel=${input.channel}`, 1);
  addAccountFeatures(features, input);
  features.set(`previous tickets=${bucket(input.previousTickets, [[1, '0'], [3, '1-2'], [6, '3-5']], '6+')}`, 1);
  features.set(`previous escalations=${bucket(input.previousEscalations, [[1, '0'], [2, '1']], '2+')}`, 1);
  features.set(`sentiment=${input.sentiment <= -0.05 ? 'negative' : input.sentiment >= 0.2 ? 'positive' : 'neutral'}`, 1);
  features.set('sentiment score', Math.max(-1, Math.min(1, input.sentiment)));

  const words = textWords(input);
  const kept = vocabulary ? words.filter((word) => vocabulary.has(word)) : words;
  const weight = kept.length > 0 ? 1 / Math.sqrt(kept.length) : 0;
  for (const word of kept) {
    features.set(`word:${word}`, weight);
  }

  return features;
}

function addAccountFeatures(features: FeatureVector, input: EscalationInput) {
  const account = input.account;
  if (!account) {
    features.set('account=none', 1);
    return;
  }

  features.set(`tier=${account.tier ?? 'none'}`, 1);
  features.set(`arr=${account.arr === null ? 'unknown' : bucket(account.arr, [[10_000, 'under 10k'], [50_000, '10k-50k'], [200_000, '50k-200k']], '200k+')}`, 1);
  features.set(`health=${account.healthScore === null ? 'unknown' : bucket(account.healthScore, [[40, 'under 40'], [60, '40-60'], [80, '60-80']], '80+')}`, 1);
  features.set(`renewal=${renewalBucket(account.renewalDate, input.createdAt)}`, 1);
}

function renewalBucket(renewalDate: string | null, at: Date): string {
  if (!renewalDate) {
    return 'unknown';
  }

  const days = Math.floor((Date.parse(`${renewalDate}T00:00:00Z`) - at.getTime()) / dayMs);
  if (days < 0) return 'passed';
  if (days <= 30) return 'within 30 days';
  if (days <= 90) return 'within 90 days';
  return 'later';
}

/** Returns the label of the first bound the value is below, or the label above the last bound. */
function bucket(value: number, bounds: [number, string][], above: string): string {
  for (const [bound, label] of bounds) {
    if (value < bound) return label;
  }
  return above;
}

/** The distinct words of the subject and first message that can become text features. */
export function textWords(input: Pick<EscalationInput, 'subject' | 'firstMessage'>): string[] {
  const words = tokenize(`${input.subject}\n${input.firstMessage}`).filter((word) => word.length >= minWordLength);
  return [...new Set(words)];
}

/** Picks the maxWords words that occur in the most texts, keeping only those in at least minCount texts. */
export function buildVocabulary(texts: string[][], minCount: number, maxWords: number): Set<string> {
  const counts = new Map<string, number>();
  for (const words of texts) {
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  }

  const ranked = [...counts.entries()].filter(([, count]) => count >= minCount).sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]));
  return new Set(ranked.slice(0, maxWords).map(([word]) => word));
}
