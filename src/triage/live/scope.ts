/**
 * Out-of-scope guard for models trained on live tickets. Ticket history has
 * no examples labelled out of scope, so the tuned rule in src/triage/oos.ts
 * has nothing to learn from. This guard instead measures how many of a
 * text's word terms the model saw in training: text in another language,
 * gibberish or an unrelated topic shares few terms with the history. Only
 * content words count, because function words such as "how" or "should" and
 * greetings are known to every model and would let any English text pass.
 */
import { countTerms, type Vectorizer } from '../features.ts';
import { percentile } from '../metrics.ts';
import { ticketFillerWords } from '../stop-words.ts';
import { tokenize } from '../text.ts';

export interface ScopeGuard {
  /** Texts whose share of known word terms is below this abstain as out of scope. */
  minKnownShare: number;
}

/** Highest minKnownShare a guard may use, so that short but ordinary texts are never rejected. */
const maxMinKnownShare = 0.25;

/**
 * Share of the unigrams and bigrams of a text's content words that are
 * feature columns of the vectorizer; 0 for a text with no content words.
 */
export function knownTermShare(vectorizer: Vectorizer, text: string): number {
  const contentWords = tokenize(text).filter((token) => !ticketFillerWords.has(token));
  const { words } = countTerms(contentWords.join(' '), vectorizer.options);
  let total = 0;
  let known = 0;

  for (const [key, count] of words) {
    total += count;
    if (vectorizer.columnOf.has(key)) known += count;
  }

  return total === 0 ? 0 : known / total;
}

/**
 * Sets the cut at half the 1st percentile of held-out in-scope texts, capped
 * at maxMinKnownShare, so about 1 % of ordinary tickets or fewer would abstain.
 */
export function fitScopeGuard(vectorizer: Vectorizer, heldOutTexts: string[]): ScopeGuard {
  const shares = heldOutTexts.map((text) => knownTermShare(vectorizer, text));
  const low = shares.length > 0 ? percentile(shares, 0.01) : maxMinKnownShare;

  return { minKnownShare: Math.min(maxMinKnownShare, low / 2) };
}

export function isOutsideScope(guard: ScopeGuard, vectorizer: Vectorizer, text: string): boolean {
  return knownTermShare(vectorizer, text) < guard.minKnownShare;
}
