/**
 * Explains a prediction of the linear model by the terms that pushed it
 * towards the predicted label. Each word and structured feature of the
 * ticket scores its feature value times the amount by which its weight for
 * that label exceeds its mean weight over all labels. Character n-grams are
 * left out because a reader cannot act on "ogi" the way they can on "login".
 */
import { countTerms, vectorize } from '../features.ts';
import { exampleText, type TicketInput, type TriageModel } from '../model.ts';
import { ticketFillerWords } from '../stop-words.ts';
import { tokenize } from '../text.ts';

export interface ExplanationTerm {
  /** A word of the ticket, or "name: value" for a structured feature. */
  term: string;
  kind: 'word' | 'feature';
  /** Contribution to the label's logit before temperature scaling. */
  weight: number;
}

/** Returns up to limit terms with the largest positive contribution to label, largest first, leaving out excludedWords. */
export function explainPrediction(model: TriageModel, input: TicketInput, label: string, limit = 5, excludedWords: string[] = []): ExplanationTerm[] {
  const labelIndex = model.labels.indexOf(label);
  if (labelIndex < 0) return [];

  const vector = vectorize(model.vectorizer, exampleText(input));
  const valueOf = new Map<number, number>();
  vector.indices.forEach((column, index) => valueOf.set(column, vector.values[index]));

  const scored: ExplanationTerm[] = [];
  const excluded = new Set(excludedWords);
  for (const candidate of candidateTerms(input).filter((term) => !excluded.has(term.token))) {
    const column = columnOfToken(model, candidate.token);
    const value = column === undefined ? undefined : valueOf.get(column);
    if (column === undefined || value === undefined) continue;

    const weight = value * labelMargin(model, column, labelIndex);
    if (weight > 0) scored.push({ term: candidate.term, kind: candidate.kind, weight: Math.round(weight * 1000) / 1000 });
  }

  return scored.sort((a, b) => b.weight - a.weight).slice(0, limit);
}

// Function words and greetings carry weight in a bag-of-words model but explain nothing to a reader.
// Question words stay: "how" and "why" are what mark a ticket as a question.
const questionWords = new Set(['how', 'why']);
const functionWords: ReadonlySet<string> = new Set([...ticketFillerWords].filter((word) => !questionWords.has(word)));

interface Candidate {
  token: string;
  term: string;
  kind: ExplanationTerm['kind'];
}

function candidateTerms(input: TicketInput): Candidate[] {
  const words = [...new Set(tokenize(input.text))].filter((token) => token.length >= 3 && !functionWords.has(token));
  const candidates: Candidate[] = words.map((token) => ({ token, term: token, kind: 'word' }));

  // exampleText encodes each structured feature as one synthetic word; encoding them one at a time maps each word back to its feature.
  for (const [name, value] of Object.entries(input.features ?? {})) {
    const [token] = tokenize(exampleText({ text: '', features: { [name]: value } }));
    if (token) candidates.push({ token, term: `${name}: ${String(value)}`, kind: 'feature' });
  }

  return candidates;
}

/** Finds the feature column of a single-word term by hashing it the way the vectorizer does. */
function columnOfToken(model: TriageModel, token: string): number | undefined {
  const { words } = countTerms(token, model.vectorizer.options);
  const [key] = words.keys();

  return key === undefined ? undefined : model.vectorizer.columnOf.get(key);
}

function labelMargin(model: TriageModel, column: number, labelIndex: number): number {
  const { classCount, weights } = model.classifier;
  const row = column * classCount;
  let sum = 0;
  for (let label = 0; label < classCount; label++) sum += weights[row + label];

  return weights[row + labelIndex] - sum / classCount;
}
