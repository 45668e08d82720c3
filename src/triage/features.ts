/**
 * Hashed TF-IDF features: word unigrams and bigrams plus character n-grams
 * taken inside word boundaries. Each term is hashed into a fixed space, so
 * memory stays bounded however large the vocabulary grows; fitting keeps only
 * the hashed terms seen in training and gives each a dense column, so model
 * weights need no slot for terms that never occur.
 */
import { ColumnTable } from './columns.ts';
import { decodeFloat32, decodeUint32, encodeArray, hashRange, hashString } from './hash.ts';
import { normalizeInPlace, type SparseVector } from './sparse.ts';
import { tokenize } from './text.ts';

export interface FeatureOptions {
  /** Size of each hash space as a power of two. */
  hashBits: number;
  /** Longest word n-gram (1 = unigrams only). */
  wordNgramMax: number;
  /** Character n-gram lengths; charNgramMax 0 disables character features. */
  charNgramMin: number;
  charNgramMax: number;
  /** Share of the squared norm given to the character block, between 0 and 1. */
  charWeight: number;
  /** Minimum number of training documents a term must occur in to become a feature. */
  minDf: number;
  /** Characters of each text that are read; longer texts are truncated. */
  maxChars: number;
  /**
   * Where character n-grams are taken: 'word' inside each padded word, 'text'
   * over the whole normalised token sequence, so n-grams also span the space
   * between two words.
   */
  charScope: 'word' | 'text';
}

export const defaultFeatureOptions: FeatureOptions = {
  hashBits: 20,
  wordNgramMax: 2,
  charNgramMin: 3,
  charNgramMax: 5,
  charWeight: 0.5,
  minDf: 1,
  maxChars: 20_000,
  charScope: 'word',
};

/** Option values that models stored before an option existed were trained with. */
const legacyFeatureOptions: Partial<FeatureOptions> = { charScope: 'word' };

export interface Vectorizer {
  options: FeatureOptions;
  /** Hashed term keys in column order; the character block's keys carry the high bit of the space. */
  keys: Uint32Array;
  idf: Float32Array;
  /** Column of each hashed term key; get returns undefined for keys that are not features. */
  columnOf: ColumnTable;
}

export interface VectorizerJson {
  options: FeatureOptions;
  keys: string;
  idf: string;
}

const wordSeed = 0x9e3779b1;
const charSeed = 0x85ebca6b;

/** Counts the hashed word and character terms of one text, keyed into two disjoint ranges. */
export function countTerms(text: string, options: FeatureOptions): { words: Map<number, number>; chars: Map<number, number> } {
  const tokens = tokenize(text.length > options.maxChars ? text.slice(0, options.maxChars) : text);
  const mask = (1 << options.hashBits) - 1;
  const charOffset = 1 << options.hashBits;
  const words = new Map<number, number>();
  const chars = new Map<number, number>();

  for (let index = 0; index < tokens.length; index++) {
    let gram = tokens[index];
    addCount(words, hashString(gram, wordSeed) & mask);

    for (let length = 2; length <= options.wordNgramMax && index + length <= tokens.length; length++) {
      gram += ` ${tokens[index + length - 1]}`;
      addCount(words, hashString(gram, wordSeed) & mask);
    }
  }

  if (options.charNgramMax > 0 && options.charScope === 'text') {
    addCharGrams(chars, ` ${tokens.join(' ')} `, 1, options, mask, charOffset);
  } else if (options.charNgramMax > 0) {
    for (const token of new Set(tokens)) {
      const repeats = tokens.length > 1 ? countOf(tokens, token) : 1;
      addCharGrams(chars, ` ${token} `, repeats, options, mask, charOffset);
    }
  }

  return { words, chars };
}

function addCharGrams(chars: Map<number, number>, padded: string, repeats: number, options: FeatureOptions, mask: number, offset: number) {
  for (let length = options.charNgramMin; length <= options.charNgramMax; length++) {
    for (let start = 0; start + length <= padded.length; start++) {
      addCount(chars, offset + (hashRange(padded, start, start + length, charSeed) & mask), repeats);
    }
    if (padded.length < length) {
      break;
    }
  }
}

function countOf(tokens: string[], token: string): number {
  let count = 0;
  for (const other of tokens) {
    if (other === token) count++;
  }
  return count;
}

function addCount(counts: Map<number, number>, key: number, amount = 1) {
  counts.set(key, (counts.get(key) ?? 0) + amount);
}

/** Learns the feature columns and their smoothed IDF from training texts. */
export function fitVectorizer(texts: string[], options: Partial<FeatureOptions> = {}): Vectorizer {
  const resolved = { ...defaultFeatureOptions, ...options };
  const documentFrequency = new Map<number, number>();

  for (const text of texts) {
    const { words, chars } = countTerms(text, resolved);
    for (const key of words.keys()) addCount(documentFrequency, key);
    for (const key of chars.keys()) addCount(documentFrequency, key);
  }

  const kept = [...documentFrequency.entries()].filter(([, df]) => df >= resolved.minDf);
  const keys = new Uint32Array(kept.length);
  const idf = new Float32Array(kept.length);

  kept.forEach(([key, df], column) => {
    keys[column] = key;
    idf[column] = Math.log((1 + texts.length) / (1 + df)) + 1;
  });

  return buildVectorizer(resolved, keys, idf);
}

function buildVectorizer(options: FeatureOptions, keys: Uint32Array, idf: Float32Array): Vectorizer {
  return { options, keys, idf, columnOf: new ColumnTable(keys) };
}

/**
 * Turns a text into a TF-IDF vector over the fitted columns: sublinear term
 * frequency (1 + ln tf) times IDF, each block L2-normalised and weighted so
 * the whole vector has unit length. Terms unseen in training are dropped.
 */
export function vectorize(vectorizer: Vectorizer, text: string): SparseVector {
  const { words, chars } = countTerms(text, vectorizer.options);
  const indices: number[] = [];
  const values: number[] = [];
  const wordEnd = appendBlock(vectorizer, words, indices, values);
  appendBlock(vectorizer, chars, indices, values);

  const result = { indices: Uint32Array.from(indices), values: Float32Array.from(values) };
  weightBlocks(result.values, wordEnd, vectorizer.options.charNgramMax > 0 ? vectorizer.options.charWeight : 0);

  return result;
}

function appendBlock(vectorizer: Vectorizer, counts: Map<number, number>, indices: number[], values: number[]): number {
  for (const [key, count] of counts) {
    const column = vectorizer.columnOf.get(key);
    if (column !== undefined) {
      indices.push(column);
      values.push((1 + Math.log(count)) * vectorizer.idf[column]);
    }
  }

  return indices.length;
}

/** Normalises the word block and the character block separately, then mixes them by charWeight. */
function weightBlocks(values: Float32Array, wordEnd: number, charWeight: number) {
  normalizeInPlace(values, 0, wordEnd);
  normalizeInPlace(values, wordEnd, values.length);

  const hasWords = values.subarray(0, wordEnd).some((value) => value !== 0);
  const hasChars = wordEnd < values.length;
  const wordScale = hasChars ? Math.sqrt(1 - charWeight) : 1;
  const charScale = hasWords ? Math.sqrt(charWeight) : 1;

  for (let index = 0; index < values.length; index++) {
    values[index] *= index < wordEnd ? wordScale : charScale;
  }
}

/** Number of feature columns, i.e. the dimension of every vector this vectorizer returns. */
export function featureCount(vectorizer: Vectorizer): number {
  return vectorizer.keys.length;
}

export function vectorizerToJson(vectorizer: Vectorizer): VectorizerJson {
  return { options: vectorizer.options, keys: encodeArray(vectorizer.keys), idf: encodeArray(vectorizer.idf) };
}

export function vectorizerFromJson(json: VectorizerJson): Vectorizer {
  return buildVectorizer({ ...defaultFeatureOptions, ...legacyFeatureOptions, ...json.options }, decodeUint32(json.keys), decodeFloat32(json.idf));
}
