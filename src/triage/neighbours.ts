/**
 * Nearest-neighbour cosine similarity over the classifier's own feature
 * vectors, through an inverted index keyed by feature column. Out-of-scope
 * detection uses it: a text far from every training ticket is unlikely to
 * belong to any known class, even when the linear model is confident.
 */
import { decodeFloat32, decodeUint32, encodeArray } from './hash.ts';
import type { SparseVector } from './sparse.ts';

export interface NeighbourIndex {
  documentCount: number;
  /** Start offset of each column's postings in documents/weights; length is columns + 1. */
  offsets: Uint32Array;
  documents: Uint32Array;
  weights: Float32Array;
}

export interface NeighbourIndexJson {
  documentCount: number;
  offsets: string;
  documents: string;
  weights: string;
}

/** Builds a compressed column-major index of unit-length vectors over dimension columns. */
export function buildNeighbourIndex(vectors: SparseVector[], dimension: number): NeighbourIndex {
  const counts = new Uint32Array(dimension + 1);
  for (const vector of vectors) {
    for (const column of vector.indices) counts[column + 1]++;
  }

  for (let column = 0; column < dimension; column++) {
    counts[column + 1] += counts[column];
  }

  const offsets = counts.slice();
  const cursor = counts.slice(0, dimension);
  const documents = new Uint32Array(offsets[dimension]);
  const weights = new Float32Array(offsets[dimension]);

  vectors.forEach((vector, document) => {
    vector.indices.forEach((column, index) => {
      documents[cursor[column]] = document;
      weights[cursor[column]] = vector.values[index];
      cursor[column]++;
    });
  });

  return { documentCount: vectors.length, offsets, documents, weights };
}

/** Returns the highest cosine similarity between the vector and any indexed vector. */
export function maxSimilarity(index: NeighbourIndex, vector: SparseVector, scratch = new Float32Array(index.documentCount)): number {
  const touched: number[] = [];

  for (let position = 0; position < vector.indices.length; position++) {
    const column = vector.indices[position];
    const value = vector.values[position];
    for (let slot = index.offsets[column]; slot < index.offsets[column + 1]; slot++) {
      const document = index.documents[slot];
      if (scratch[document] === 0) touched.push(document);
      scratch[document] += value * index.weights[slot];
    }
  }

  let best = 0;
  for (const document of touched) {
    if (scratch[document] > best) best = scratch[document];
    scratch[document] = 0;
  }

  return best;
}

export function neighbourIndexToJson(index: NeighbourIndex): NeighbourIndexJson {
  return { documentCount: index.documentCount, offsets: encodeArray(index.offsets), documents: encodeArray(index.documents), weights: encodeArray(index.weights) };
}

export function neighbourIndexFromJson(json: NeighbourIndexJson): NeighbourIndex {
  return { documentCount: json.documentCount, offsets: decodeUint32(json.offsets), documents: decodeUint32(json.documents), weights: decodeFloat32(json.weights) };
}
