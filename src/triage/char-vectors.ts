/**
 * Character n-gram TF-IDF vectors of one text field of the similarity index:
 * 1 + ln tf times a smoothed IDF over the field's documents, unit length.
 */
import { CountTable } from './columns.ts';
import { charGramCounts, scaled } from './retrieval-terms.ts';

export interface CharGramOptions {
  ngramMin: number;
  ngramMax: number;
  /** Characters of a text that are read. */
  textLimit: number;
  /** Bound on cached document vectors; 0 caches none. */
  maxCached: number;
}

export class CharGramSpace {
  private readonly documentFrequency = new CountTable();
  private readonly texts: string[] = [];
  /** Vectors of indexed documents; cleared on add because their IDF weights change. */
  private readonly cache = new Map<number, Map<number, number>>();

  constructor(private readonly options: CharGramOptions) {}

  add(text: string): void {
    const truncated = text.slice(0, this.options.textLimit);
    this.texts.push(truncated);
    this.cache.clear();
    for (const key of charGramCounts(truncated, this.options.ngramMin, this.options.ngramMax).keys()) this.documentFrequency.increment(key);
  }

  /** Returns the vector of the document added at the given position, from the cache when it contains one. */
  documentVector(position: number): Map<number, number> {
    let vector = this.cache.get(position);
    if (!vector) {
      vector = this.vectorOf(this.texts[position]);
      // A read-only index would otherwise cache a vector for every document it ever re-ranked.
      if (this.cache.size >= this.options.maxCached) this.cache.clear();
      if (this.options.maxCached > 0) this.cache.set(position, vector);
    }
    return vector;
  }

  vectorOf(text: string): Map<number, number> {
    const count = this.texts.length;
    const vector = new Map<number, number>();
    let norm = 0;

    for (const [key, frequency] of charGramCounts(text.slice(0, this.options.textLimit), this.options.ngramMin, this.options.ngramMax)) {
      const idf = Math.log((1 + count) / (1 + this.documentFrequency.get(key))) + 1;
      const value = (1 + Math.log(frequency)) * idf;
      vector.set(key, value);
      norm += value * value;
    }

    return scaled(vector, norm);
  }
}
