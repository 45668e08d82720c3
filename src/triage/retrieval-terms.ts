/**
 * Term and vector helpers of the similarity index: hashed word terms, Porter
 * stems, hashed character n-grams and sparse cosine over Map vectors.
 */
import natural from 'natural';
import { hashRange, hashString } from './hash.ts';
import { tokenize } from './text.ts';

const wordSeed = 0x27d4eb2f;
const charSeed = 0x165667b1;

const stemCache = new Map<string, string>();
/** Bound on cached stems, so a stream of rare words cannot grow the cache without limit. */
const maxCachedStems = 200_000;

export function stemWord(token: string): string {
  let stem = stemCache.get(token);
  if (stem === undefined) {
    stem = natural.PorterStemmer.stem(token);
    if (stemCache.size >= maxCachedStems) stemCache.clear();
    stemCache.set(token, stem);
  }
  return stem;
}

/** 1 + ln tf for counts of at least one; title weights below 1 can make a count fractional. */
export function sublinear(frequency: number): number {
  return frequency >= 1 ? 1 + Math.log(frequency) : frequency;
}

export function scaled(vector: Map<number, number>, squaredNorm: number): Map<number, number> {
  const scale = squaredNorm > 0 ? 1 / Math.sqrt(squaredNorm) : 0;
  for (const [key, value] of vector) vector.set(key, value * scale);
  return vector;
}

export function countTerms(tokens: string[]): Map<number, number> {
  const terms = new Map<number, number>();
  addWordTerms(terms, tokens, 1, 1);
  return terms;
}

export function addWordTerms(terms: Map<number, number>, tokens: string[], weight: number, ngramMax: number) {
  for (let index = 0; index < tokens.length; index++) {
    const unigram = hashString(tokens[index], wordSeed);
    terms.set(unigram, (terms.get(unigram) ?? 0) + weight);

    if (ngramMax > 1 && index + 1 < tokens.length) {
      const bigram = hashString(`${tokens[index]} ${tokens[index + 1]}`, wordSeed);
      terms.set(bigram, (terms.get(bigram) ?? 0) + weight);
    }
  }
}

export function charGramCounts(text: string, ngramMin: number, ngramMax: number): Map<number, number> {
  const counts = new Map<number, number>();

  for (const token of tokenize(text)) {
    const padded = ` ${token} `;
    for (let length = ngramMin; length <= ngramMax; length++) {
      for (let start = 0; start + length <= padded.length; start++) {
        const key = hashRange(padded, start, start + length, charSeed);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }

  return counts;
}

export function sparseCosine(left: Map<number, number>, right: Map<number, number>): number {
  const [small, large] = left.size < right.size ? [left, right] : [right, left];
  let sum = 0;
  for (const [key, value] of small) {
    const other = large.get(key);
    if (other !== undefined) sum += value * other;
  }
  return sum;
}
