/**
 * Lexicon sentiment of customer text with natural's SentimentAnalyzer and the
 * English AFINN-165 word list (natural 8.2). It returns the mean word score,
 * with negations such as "not good" flipped, so most texts fall between -1
 * and 1. The module is imported on first use: loading natural takes about
 * 0.4 s, which servers and tests that never score sentiment should not pay.
 */
import type { SentimentAnalyzer } from 'natural/lib/natural/sentiment/index.js';
import { tokenize } from '../text.ts';

export type SentimentScorer = (text: string) => number;

let loading: Promise<SentimentScorer> | undefined;

/** Returns the shared scorer, loading the lexicon on the first call. */
export function loadSentimentScorer(): Promise<SentimentScorer> {
  loading ??= import('natural/lib/natural/sentiment/index.js').then((module) => {
    const Analyzer = (module as unknown as { SentimentAnalyzer: typeof SentimentAnalyzer }).SentimentAnalyzer;
    const analyzer = new Analyzer('English', undefined, 'afinn');

    return (text: string) => {
      const words = tokenize(text);
      const score = words.length === 0 ? 0 : analyzer.getSentiment(words);

      return Number.isFinite(score) ? score : 0;
    };
  });

  return loading;
}
