/**
 * Lexicon sentiment of a ticket's opening text with the AFINN-165 word list
 * through `natural`'s SentimentAnalyzer, which also flips words after a
 * negation. Only English has a lexicon here, so other languages get none.
 */
import { tokenize } from '../text.ts';

export interface SentimentScore {
  /** Mean AFINN value per word: below 0 is negative, above 0 positive (AFINN values run from -5 to 5). */
  score: number;
  label: 'negative' | 'neutral' | 'positive';
}

/** Scores whose magnitude stays below this count as neutral. */
const neutralBand = 0.05;

interface Analyzer {
  getSentiment(words: string[]): number;
}

let analyzer: Promise<Analyzer> | undefined;

// natural loads all its lexicons on import (about 0.3 s), so it is loaded on the first score, not at startup.
function loadAnalyzer(): Promise<Analyzer> {
  analyzer ??= import('natural').then((natural) => new natural.default.SentimentAnalyzer('English', undefined, 'afinn'));
  return analyzer;
}

/** Scores English text; returns null for another language or a text without words. */
export async function scoreSentiment(text: string, language: string | null): Promise<SentimentScore | null> {
  if (language !== null && language !== 'en') return null;

  const words = tokenize(text);
  if (words.length === 0) return null;

  const score = (await loadAnalyzer()).getSentiment(words);
  let label: SentimentScore['label'] = 'neutral';
  if (score <= -neutralBand) label = 'negative';
  if (score >= neutralBand) label = 'positive';

  return { score: Math.round(score * 1000) / 1000, label };
}
