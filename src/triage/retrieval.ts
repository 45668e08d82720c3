/**
 * Similar-ticket retrieval: BM25 over hashed word terms with an inverted
 * index, then a re-ranking of the best candidates that mixes in the cosine
 * similarity of character n-gram TF-IDF vectors. Titles count titleWeight
 * times, as in a two-field BM25F.
 *
 * Written by hand because the npm search libraries (lunr, minisearch,
 * flexsearch) offer no character n-gram re-ranking or per-field weights tuned
 * on labelled duplicates, and PostgreSQL's ts_rank is not BM25.
 */
import { CountTable } from './columns.ts';
import { hashRange, hashString } from './hash.ts';
import { tokenize } from './text.ts';

export interface RetrievalOptions {
  k1: number;
  b: number;
  /** 2 adds word bigrams to the BM25 terms. */
  wordNgramMax: number;
  /** How many times a title term counts against a body term. */
  titleWeight: number;
  /** Weight of the character n-gram cosine in the final score; 0 ranks by BM25 alone. */
  charWeight: number;
  /** How many BM25 candidates the character re-ranking looks at. */
  rerankDepth: number;
  charNgramMin: number;
  charNgramMax: number;
  /** Characters of a document read for character n-grams. */
  charTextLimit: number;
}

export const defaultRetrievalOptions: RetrievalOptions = {
  k1: 1.2,
  b: 0.75,
  wordNgramMax: 1,
  titleWeight: 2,
  charWeight: 0.3,
  rerankDepth: 50,
  charNgramMin: 3,
  charNgramMax: 5,
  charTextLimit: 1500,
};

export interface RetrievalDocument {
  id: string;
  title?: string;
  body: string;
}

export interface RetrievalHit {
  id: string;
  score: number;
}

interface Postings {
  documents: number[];
  frequencies: number[];
}

const wordSeed = 0x27d4eb2f;
const charSeed = 0x165667b1;
/** Bound on cached character vectors; at about 12 KB each (bench/similar.ts, 100,000 tickets) the cache stays near 25 MB. */
const maxCachedCharVectors = 2_000;

/** An in-memory inverted index of tickets that answers "which past tickets look like this one". */
export class SimilarityIndex {
  readonly options: RetrievalOptions;
  private readonly postings = new Map<number, Postings>();
  private readonly charDocumentFrequency = new CountTable();
  private readonly ids: string[] = [];
  private readonly lengths: number[] = [];
  private readonly charTexts: string[] = [];
  /** Character vectors of indexed documents; cleared on add because their IDF weights change. */
  private readonly charVectorCache = new Map<number, Map<number, number>>();
  /** BM25 length normalisation k1 * (1 - b + b * length / averageLength) per document; null after an add. */
  private lengthNorms: Float64Array | null = null;
  private totalLength = 0;

  constructor(options: Partial<RetrievalOptions> = {}) {
    this.options = { ...defaultRetrievalOptions, ...options };
  }

  get size(): number {
    return this.ids.length;
  }

  add(document: RetrievalDocument): void {
    const position = this.ids.length;
    const terms = this.weightedTerms(document);
    let length = 0;

    for (const [term, frequency] of terms) {
      let list = this.postings.get(term);
      if (!list) {
        list = { documents: [], frequencies: [] };
        this.postings.set(term, list);
      }
      list.documents.push(position);
      list.frequencies.push(frequency);
      length += frequency;
    }

    this.ids.push(document.id);
    this.charVectorCache.clear();
    this.lengthNorms = null;
    this.lengths.push(length);
    this.totalLength += length;

    if (this.options.charWeight > 0) {
      const charText = joinFields(document).slice(0, this.options.charTextLimit);
      this.charTexts.push(charText);
      for (const key of charGramCounts(charText, this.options).keys()) {
        this.charDocumentFrequency.increment(key);
      }
    }
  }

  /** Returns up to limit documents ranked by similarity, leaving out the ids in exclude. */
  search(query: RetrievalDocument | string, limit = 10, exclude: Set<string> = new Set()): RetrievalHit[] {
    const document = typeof query === 'string' ? { id: '', body: query } : query;
    const bm25 = this.scoreBm25(document);
    const depth = this.options.charWeight > 0 ? Math.max(limit, this.options.rerankDepth) : limit;
    const candidates = topPositions(bm25.scores, bm25.touched, depth + exclude.size).filter((position) => !exclude.has(this.ids[position]));

    if (this.options.charWeight === 0 || candidates.length === 0) {
      return candidates.slice(0, limit).map((position) => ({ id: this.ids[position], score: bm25.scores[position] }));
    }

    return this.rerank(document, candidates.slice(0, depth), bm25.scores).slice(0, limit);
  }

  /** Scores the given documents of the index against a query, for re-ranking a fixed candidate list. */
  scoreCandidates(query: RetrievalDocument, candidateIds: string[]): RetrievalHit[] {
    const bm25 = this.scoreBm25(query);
    const positions = candidateIds.map((id) => this.ids.indexOf(id)).filter((position) => position >= 0);
    const hits = this.options.charWeight > 0 ? this.rerank(query, positions, bm25.scores) : positions.map((position) => ({ id: this.ids[position], score: bm25.scores[position] }));

    return hits;
  }

  private weightedTerms(document: RetrievalDocument): Map<number, number> {
    const terms = new Map<number, number>();
    addWordTerms(terms, tokenize(document.body), 1, this.options.wordNgramMax);
    if (document.title) {
      addWordTerms(terms, tokenize(document.title), this.options.titleWeight, this.options.wordNgramMax);
    }
    return terms;
  }

  private documentLengthNorms(): Float64Array {
    if (!this.lengthNorms) {
      const { k1, b } = this.options;
      const averageLength = this.totalLength / Math.max(this.ids.length, 1);
      this.lengthNorms = Float64Array.from(this.lengths, (length) => k1 * (1 - b + (b * length) / averageLength));
    }
    return this.lengthNorms;
  }

  private scoreBm25(query: RetrievalDocument): { scores: Float64Array; touched: number[] } {
    const { k1 } = this.options;
    const count = this.ids.length;
    const norms = this.documentLengthNorms();
    const scores = new Float64Array(count);
    const touched: number[] = [];

    for (const [term, queryFrequency] of this.weightedTerms(query)) {
      const list = this.postings.get(term);
      if (!list) continue;

      const idf = Math.log(1 + (count - list.documents.length + 0.5) / (list.documents.length + 0.5));
      const queryWeight = idf * (1 + Math.log(queryFrequency));

      for (let index = 0; index < list.documents.length; index++) {
        const position = list.documents[index];
        const frequency = list.frequencies[index];
        if (scores[position] === 0) touched.push(position);
        scores[position] += (queryWeight * frequency * (k1 + 1)) / (frequency + norms[position]);
      }
    }

    return { scores, touched };
  }

  private rerank(query: RetrievalDocument, positions: number[], bm25: Float64Array): RetrievalHit[] {
    const queryVector = this.charVector(joinFields(query).slice(0, this.options.charTextLimit));
    const maxBm25 = positions.reduce((max, position) => Math.max(max, bm25[position]), 0) || 1;
    const weight = this.options.charWeight;

    const hits = positions.map((position) => {
      const cosine = sparseCosine(queryVector, this.documentCharVector(position));
      return { id: this.ids[position], score: (1 - weight) * (bm25[position] / maxBm25) + weight * cosine };
    });

    return hits.sort((left, right) => right.score - left.score);
  }

  private documentCharVector(position: number): Map<number, number> {
    let vector = this.charVectorCache.get(position);
    if (!vector) {
      vector = this.charVector(this.charTexts[position]);
      // A read-only index would otherwise cache a vector for every document it ever re-ranked.
      if (this.charVectorCache.size >= maxCachedCharVectors) this.charVectorCache.clear();
      this.charVectorCache.set(position, vector);
    }
    return vector;
  }

  private charVector(text: string): Map<number, number> {
    const count = this.ids.length;
    const vector = new Map<number, number>();
    let norm = 0;

    for (const [key, frequency] of charGramCounts(text, this.options)) {
      const idf = Math.log((1 + count) / (1 + this.charDocumentFrequency.get(key))) + 1;
      const value = (1 + Math.log(frequency)) * idf;
      vector.set(key, value);
      norm += value * value;
    }

    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [key, value] of vector) vector.set(key, value * scale);

    return vector;
  }
}

function joinFields(document: RetrievalDocument): string {
  return document.title ? `${document.title}\n${document.body}` : document.body;
}

function addWordTerms(terms: Map<number, number>, tokens: string[], weight: number, ngramMax: number) {
  for (let index = 0; index < tokens.length; index++) {
    const unigram = hashString(tokens[index], wordSeed);
    terms.set(unigram, (terms.get(unigram) ?? 0) + weight);

    if (ngramMax > 1 && index + 1 < tokens.length) {
      const bigram = hashString(`${tokens[index]} ${tokens[index + 1]}`, wordSeed);
      terms.set(bigram, (terms.get(bigram) ?? 0) + weight);
    }
  }
}

function charGramCounts(text: string, options: RetrievalOptions): Map<number, number> {
  const counts = new Map<number, number>();

  for (const token of tokenize(text)) {
    const padded = ` ${token} `;
    for (let length = options.charNgramMin; length <= options.charNgramMax; length++) {
      for (let start = 0; start + length <= padded.length; start++) {
        const key = hashRange(padded, start, start + length, charSeed);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }

  return counts;
}

function sparseCosine(left: Map<number, number>, right: Map<number, number>): number {
  const [small, large] = left.size < right.size ? [left, right] : [right, left];
  let sum = 0;
  for (const [key, value] of small) {
    const other = large.get(key);
    if (other !== undefined) sum += value * other;
  }
  return sum;
}

/** Returns the positions of the count highest scores among the touched positions, best first, through a min-heap of size count. */
function topPositions(scores: Float64Array, touched: number[], count: number): number[] {
  const heap: number[] = [];
  const lower = (left: number, right: number) => scores[left] < scores[right] || (scores[left] === scores[right] && left > right);

  for (const position of touched) {
    if (heap.length < count) {
      heap.push(position);
      siftUp(heap, heap.length - 1, lower);
    } else if (count > 0 && lower(heap[0], position)) {
      heap[0] = position;
      siftDown(heap, 0, lower);
    }
  }

  return heap.sort((left, right) => scores[right] - scores[left] || left - right);
}

function siftUp(heap: number[], index: number, lower: (left: number, right: number) => boolean) {
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (!lower(heap[index], heap[parent])) break;
    [heap[index], heap[parent]] = [heap[parent], heap[index]];
    index = parent;
  }
}

function siftDown(heap: number[], index: number, lower: (left: number, right: number) => boolean) {
  for (;;) {
    const left = 2 * index + 1;
    const right = left + 1;
    let smallest = index;
    if (left < heap.length && lower(heap[left], heap[smallest])) smallest = left;
    if (right < heap.length && lower(heap[right], heap[smallest])) smallest = right;
    if (smallest === index) return;
    [heap[index], heap[smallest]] = [heap[smallest], heap[index]];
    index = smallest;
  }
}
