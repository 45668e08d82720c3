/**
 * Similar-ticket retrieval: a first stage over hashed word terms in an
 * inverted index (BM25, or the cosine of log-TF-IDF vectors), then a
 * re-ranking of the best candidates that mixes the normalised BM25 score with
 * the word cosine, the title-to-title word and character n-gram cosines, the
 * cosine of character n-gram TF-IDF vectors and the cosine in a latent
 * semantic space fitted on the indexed documents. Titles count titleWeight
 * times, as in a two-field BM25F.
 *
 * Written by hand because the npm search libraries (lunr, minisearch,
 * flexsearch) offer no character n-gram re-ranking or per-field weights tuned
 * on labelled duplicates, and PostgreSQL's ts_rank is not BM25.
 */
import { CharGramSpace } from './char-vectors.ts';
import { embedFromCosines, fitLatentBasis, latentCosine, type LatentBasis, type TermColumn } from './latent.ts';
import { addWordTerms, countTerms, scaled, sparseCosine, stemWord, sublinear } from './retrieval-terms.ts';
import { englishStopWords } from './stop-words.ts';
import { tokenize } from './text.ts';
import { topPositions } from './top-k.ts';

export interface RetrievalOptions {
  k1: number;
  b: number;
  /** 2 adds word bigrams to the word terms. */
  wordNgramMax: number;
  /** How many times a title term counts against a body term. */
  titleWeight: number;
  /**
   * Ranking of the first stage. 'cosine' is symmetric in query and document,
   * which suits whole-question queries better than BM25's saturation does.
   */
  firstStage: 'bm25' | 'cosine';
  /** Weight of the character n-gram cosine in the final score. */
  charWeight: number;
  /** Weight of the word TF-IDF cosine in the final score. */
  wordCosineWeight: number;
  /** Weight of the cosine between the query title and the document title. */
  titleCosineWeight: number;
  /** Weight of the character n-gram cosine between the query title and the document title. */
  titleCharWeight: number;
  /** Dimensions of the latent semantic space (latent.ts); 0 turns it off. */
  latentDimensions: number;
  /** Weight of the cosine in the latent space in the final score. */
  latentWeight: number;
  /** Share of documents added since the last fit of the latent space that makes the next search fit it again. */
  latentRefitShare: number;
  /** Leaves English function words out of the word terms. */
  stopWords: boolean;
  /** Reduces word terms to their Porter stems, so "installing" matches "installed". */
  stem: boolean;
  /** How many first-stage candidates the re-ranking looks at. */
  rerankDepth: number;
  charNgramMin: number;
  charNgramMax: number;
  /** Characters of a document read for character n-grams. */
  charTextLimit: number;
}

/**
 * Every weight left at 0 except charWeight ranks as before the word cosines
 * existed. The BM25 share of the final score is 1 minus the other weights.
 */
export const defaultRetrievalOptions: RetrievalOptions = {
  k1: 1.2,
  b: 0.75,
  wordNgramMax: 1,
  titleWeight: 2,
  firstStage: 'bm25',
  charWeight: 0.3,
  wordCosineWeight: 0,
  titleCosineWeight: 0,
  titleCharWeight: 0,
  latentDimensions: 0,
  latentWeight: 0,
  latentRefitShare: 0.1,
  stopWords: false,
  stem: false,
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

/** The similarity signals of one candidate; bm25 is raw, the cosines are in [0, 1]. */
export interface SimilarityComponents {
  id: string;
  bm25: number;
  wordCosine: number;
  titleCosine: number;
  charCosine: number;
  titleCharCosine: number;
  /** Cosine in the latent semantic space; 0 when it is off. */
  latentCosine: number;
}

interface Postings {
  documents: number[];
  frequencies: number[];
}

interface WordScores {
  bm25: Float64Array;
  cosine: Float64Array;
  /** Unit embedding of the query in the latent space; null when it is off. */
  latentQuery: Float64Array | null;
  touched: number[];
}

/** Bound on cached character vectors; at about 12 KB each (bench/similar.ts, 100,000 tickets) the cache stays near 25 MB. */
const maxCachedCharVectors = 2_000;
/** Titles longer than this are cut before their character n-grams are counted. */
const titleCharLimit = 300;
/** Subspace iterations of the latent fit. NOTE: not tuned; the AskUbuntu figures were measured with this value. */
const latentIterations = 6;

/** An in-memory inverted index of tickets that answers "which past tickets look like this one". */
export class SimilarityIndex {
  readonly options: RetrievalOptions;
  private readonly postings = new Map<number, Postings>();
  private readonly ids: string[] = [];
  private readonly positionById = new Map<string, number>();
  private readonly lengths: number[] = [];
  private readonly titles: string[] = [];
  private readonly chars: CharGramSpace;
  private readonly titleChars: CharGramSpace;
  private latent: LatentBasis | null = null;
  /** BM25 length normalisation k1 * (1 - b + b * length / averageLength) per document; null after an add. */
  private lengthNorms: Float64Array | null = null;
  /** L2 norm of each document's log-TF-IDF word vector; null after an add because IDF changes. */
  private wordNorms: Float64Array | null = null;
  private totalLength = 0;

  constructor(options: Partial<RetrievalOptions> = {}) {
    this.options = { ...defaultRetrievalOptions, ...options };
    const { charNgramMin: ngramMin, charNgramMax: ngramMax, charTextLimit } = this.options;
    this.chars = new CharGramSpace({ ngramMin, ngramMax, textLimit: charTextLimit, maxCached: maxCachedCharVectors });
    this.titleChars = new CharGramSpace({ ngramMin, ngramMax, textLimit: titleCharLimit, maxCached: 0 });
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
    this.positionById.set(document.id, position);
    this.lengthNorms = null;
    this.wordNorms = null;
    this.lengths.push(length);
    this.totalLength += length;

    if (this.options.titleCosineWeight > 0 || this.options.titleCharWeight > 0) this.titles.push(document.title ?? '');
    if (this.options.titleCharWeight > 0) this.titleChars.add(document.title ?? '');
    if (this.options.charWeight > 0) this.chars.add(joinFields(document));
  }

  /** Returns up to limit documents ranked by similarity, leaving out the ids in exclude. */
  search(query: RetrievalDocument | string, limit = 10, exclude: Set<string> = new Set()): RetrievalHit[] {
    const document = typeof query === 'string' ? { id: '', body: query } : query;
    const scores = this.scoreWords(document);
    const firstStage = this.firstStageScores(scores);
    const depth = this.reranks() ? Math.max(limit, this.options.rerankDepth) : limit;
    const candidates = topPositions(firstStage, scores.touched, depth + exclude.size).filter((position) => !exclude.has(this.ids[position]));

    if (!this.reranks() || candidates.length === 0) {
      return candidates.slice(0, limit).map((position) => ({ id: this.ids[position], score: firstStage[position] }));
    }

    return this.rerank(document, candidates.slice(0, depth), scores).slice(0, limit);
  }

  /** Scores the given documents of the index against a query, for re-ranking a fixed candidate list. */
  scoreCandidates(query: RetrievalDocument, candidateIds: string[]): RetrievalHit[] {
    const scores = this.scoreWords(query);
    const positions = this.positionsOf(candidateIds);
    const firstStage = this.firstStageScores(scores);

    return this.reranks() ? this.rerank(query, positions, scores) : positions.map((position) => ({ id: this.ids[position], score: firstStage[position] }));
  }

  /** Returns each signal separately for the given documents of the index, for learning how to combine them. */
  scoreComponents(query: RetrievalDocument, candidateIds: string[]): SimilarityComponents[] {
    return this.components(query, this.positionsOf(candidateIds), this.scoreWords(query));
  }

  private reranks(): boolean {
    const { charWeight, wordCosineWeight, titleCosineWeight, titleCharWeight, latentWeight, firstStage } = this.options;
    const otherWeights = charWeight > 0 || titleCosineWeight > 0 || titleCharWeight > 0 || latentWeight > 0;
    return otherWeights || (wordCosineWeight > 0 && firstStage === 'bm25') || (wordCosineWeight < 1 && firstStage === 'cosine');
  }

  private firstStageScores(scores: WordScores): Float64Array {
    return this.options.firstStage === 'cosine' ? scores.cosine : scores.bm25;
  }

  private positionsOf(ids: string[]): number[] {
    return ids.map((id) => this.positionById.get(id)).filter((position) => position !== undefined);
  }

  private weightedTerms(document: RetrievalDocument): Map<number, number> {
    const terms = new Map<number, number>();
    addWordTerms(terms, this.wordTokens(document.body), 1, this.options.wordNgramMax);
    if (document.title) {
      addWordTerms(terms, this.wordTokens(document.title), this.options.titleWeight, this.options.wordNgramMax);
    }
    return terms;
  }

  private wordTokens(text: string): string[] {
    const { stopWords, stem } = this.options;
    const tokens = stopWords ? tokenize(text).filter((token) => !englishStopWords.has(token)) : tokenize(text);
    return stem ? tokens.map(stemWord) : tokens;
  }

  private idf(term: number): number {
    const count = this.ids.length;
    const documentFrequency = this.postings.get(term)?.documents.length ?? 0;
    return Math.log(1 + (count - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  private documentLengthNorms(): Float64Array {
    if (!this.lengthNorms) {
      const { k1, b } = this.options;
      const averageLength = this.totalLength / Math.max(this.ids.length, 1);
      this.lengthNorms = Float64Array.from(this.lengths, (length) => k1 * (1 - b + (b * length) / averageLength));
    }
    return this.lengthNorms;
  }

  /** Computes every document's word-vector norm in one pass over the postings, once per batch of adds. */
  private documentWordNorms(): Float64Array {
    if (!this.wordNorms) {
      const squares = new Float64Array(this.ids.length);
      for (const [term, list] of this.postings) {
        const idf = this.idf(term);
        for (let index = 0; index < list.documents.length; index++) {
          squares[list.documents[index]] += (sublinear(list.frequencies[index]) * idf) ** 2;
        }
      }
      this.wordNorms = squares.map(Math.sqrt);
    }
    return this.wordNorms;
  }

  /** Scores every document that shares a word term with the query, by BM25 and, when used, by word cosine and latent embedding. */
  private scoreWords(query: RetrievalDocument): WordScores {
    const { bm25, cosine, touched } = this.firstPass(this.weightedTerms(query));
    const latentQuery = this.options.latentDimensions > 0 ? embedFromCosines(this.latentBasis(), cosine, touched) : null;

    return { bm25, cosine, latentQuery, touched };
  }

  private firstPass(terms: Map<number, number>) {
    const { k1, firstStage, wordCosineWeight, latentDimensions } = this.options;
    const count = this.ids.length;
    const lengthNorms = this.documentLengthNorms();
    const withCosine = firstStage === 'cosine' || wordCosineWeight > 0 || latentDimensions > 0;
    const wordNorms = withCosine ? this.documentWordNorms() : null;
    const bm25 = new Float64Array(count);
    const cosine = new Float64Array(withCosine ? count : 0);
    const touched: number[] = [];
    let queryNormSquared = 0;

    for (const [term, queryFrequency] of terms) {
      const idf = this.idf(term);
      const queryWeight = idf * sublinear(queryFrequency);
      queryNormSquared += queryWeight * queryWeight;
      const list = this.postings.get(term);
      if (!list) continue;

      for (let index = 0; index < list.documents.length; index++) {
        const position = list.documents[index];
        const frequency = list.frequencies[index];
        if (bm25[position] === 0) touched.push(position);
        bm25[position] += (queryWeight * frequency * (k1 + 1)) / (frequency + lengthNorms[position]);
        if (wordNorms) cosine[position] += (queryWeight * sublinear(frequency) * idf) / (wordNorms[position] || 1);
      }
    }

    const queryNorm = Math.sqrt(queryNormSquared) || 1;
    for (const position of touched) cosine[position] /= queryNorm;

    return { bm25, cosine, touched };
  }

  /** Fits the latent basis when none exists or the index grew by more than latentRefitShare since the fit, and returns it. */
  private latentBasis(): LatentBasis {
    const { latentDimensions, latentRefitShare } = this.options;
    if (this.latent && this.ids.length <= this.latent.documentCount * (1 + latentRefitShare)) return this.latent;

    const wordNorms = this.documentWordNorms();
    const columns: TermColumn[] = [];
    for (const [term, list] of this.postings) {
      const idf = this.idf(term);
      const weights = Float64Array.from(list.documents, (position, index) => (sublinear(list.frequencies[index]) * idf) / (wordNorms[position] || 1));
      columns.push({ documents: list.documents, weights });
    }

    this.latent = fitLatentBasis(columns, this.ids.length, latentDimensions, latentIterations);
    return this.latent;
  }

  /**
   * NOTE: a document added after the last latent fit has no embedding until
   * the next fit, so its word cosine is used as its latent cosine.
   */
  private latentCosineOf(scores: WordScores, position: number): number {
    if (!scores.latentQuery || !this.latent) return 0;
    if (position >= this.latent.documentCount) return scores.cosine[position] ?? 0;
    return latentCosine(this.latent, scores.latentQuery, position);
  }

  private components(query: RetrievalDocument, positions: number[], scores: WordScores): SimilarityComponents[] {
    const { charWeight, titleCosineWeight, titleCharWeight } = this.options;
    const queryChars = charWeight > 0 ? this.chars.vectorOf(joinFields(query)) : null;
    const queryTitle = titleCosineWeight > 0 ? this.titleVector(query.title ?? '') : null;
    const queryTitleChars = titleCharWeight > 0 ? this.titleChars.vectorOf(query.title ?? '') : null;

    return positions.map((position) => ({
      id: this.ids[position],
      bm25: scores.bm25[position],
      wordCosine: scores.cosine[position] ?? 0,
      titleCosine: queryTitle ? sparseCosine(queryTitle, this.titleVector(this.titles[position])) : 0,
      charCosine: queryChars ? sparseCosine(queryChars, this.chars.documentVector(position)) : 0,
      titleCharCosine: queryTitleChars ? sparseCosine(queryTitleChars, this.titleChars.documentVector(position)) : 0,
      latentCosine: this.latentCosineOf(scores, position),
    }));
  }

  private rerank(query: RetrievalDocument, positions: number[], scores: WordScores): RetrievalHit[] {
    const { charWeight, wordCosineWeight, titleCosineWeight, titleCharWeight, latentWeight } = this.options;
    const bm25Weight = 1 - charWeight - wordCosineWeight - titleCosineWeight - titleCharWeight - latentWeight;
    const maxBm25 = positions.reduce((max, position) => Math.max(max, scores.bm25[position]), 0) || 1;

    const hits = this.components(query, positions, scores).map((signals) => ({
      id: signals.id,
      score:
        bm25Weight * (signals.bm25 / maxBm25) +
        wordCosineWeight * signals.wordCosine +
        titleCosineWeight * signals.titleCosine +
        charWeight * signals.charCosine +
        titleCharWeight * signals.titleCharCosine +
        latentWeight * signals.latentCosine,
    }));

    return hits.sort((left, right) => right.score - left.score);
  }

  private titleVector(title: string): Map<number, number> {
    const vector = new Map<number, number>();
    let norm = 0;

    for (const [term, frequency] of countTerms(this.wordTokens(title))) {
      const value = sublinear(frequency) * this.idf(term);
      vector.set(term, value);
      norm += value * value;
    }

    return scaled(vector, norm);
  }
}

function joinFields(document: RetrievalDocument): string {
  return document.title ? `${document.title}\n${document.body}` : document.body;
}
