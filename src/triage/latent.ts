/**
 * Latent semantic analysis (LSA) of the similarity index. Subspace iteration
 * finds an orthonormal basis Y of the top eigenvectors of the document Gram
 * matrix G = A Aᵀ, where the rows of A are the documents' unit log-TF-IDF word
 * vectors. Any text x, indexed or not, embeds as Yᵀ A x: its word cosines with
 * the indexed documents, projected on the basis. An indexed document's
 * embedding is therefore its row of G Y. Two questions that share few words
 * but resemble the same other questions end up close, which word overlap
 * alone misses.
 *
 * Cosines between embeddings do not change when Y is rotated within its
 * span, so the basis needs no eigen-decomposition of its own.
 */
import { createRandom } from './random.ts';

/** One column of A: the documents that contain a term and the term's weight in each unit document vector. */
export interface TermColumn {
  documents: ArrayLike<number>;
  weights: ArrayLike<number>;
}

export interface LatentBasis {
  dimensions: number;
  /** Number of documents the basis was fitted on; rows of basis and embeddings run over them. */
  documentCount: number;
  /** Y, documentCount × dimensions, row-major. */
  basis: Float32Array;
  /** Unit rows of G Y, documentCount × dimensions, row-major. */
  embeddings: Float32Array;
}

/** Fits the basis by subspace iteration from a seeded random start. */
export function fitLatentBasis(columns: TermColumn[], documentCount: number, dimensions: number, iterations: number, seed = 7): LatentBasis {
  const width = Math.min(dimensions, documentCount);
  const random = createRandom(seed);
  let basis: Float64Array = Float64Array.from({ length: documentCount * width }, () => random() - 0.5);
  orthonormalizeColumns(basis, documentCount, width);

  for (let iteration = 0; iteration < iterations; iteration++) {
    basis = multiplyGram(columns, basis, documentCount, width);
    orthonormalizeColumns(basis, documentCount, width);
  }

  const embeddings = multiplyGram(columns, basis, documentCount, width);
  for (let row = 0; row < documentCount; row++) normalizeRow(embeddings, row, width);

  return { dimensions: width, documentCount, basis: Float32Array.from(basis), embeddings: Float32Array.from(embeddings) };
}

/**
 * Embeds a text from its word cosines with the indexed documents: Σ cosine(x, d) · Y_d
 * over the given positions, scaled to unit length. Positions past the fitted documents count 0.
 */
export function embedFromCosines(latent: LatentBasis, cosines: ArrayLike<number>, positions: Iterable<number>): Float64Array {
  const { dimensions, basis, documentCount } = latent;
  const vector = new Float64Array(dimensions);

  for (const position of positions) {
    const cosine = cosines[position];
    if (position >= documentCount || !cosine) continue;
    const offset = position * dimensions;
    for (let dimension = 0; dimension < dimensions; dimension++) vector[dimension] += cosine * basis[offset + dimension];
  }

  normalizeRow(vector, 0, dimensions);
  return vector;
}

/** Returns the dot product of a unit vector with row position of the unit embeddings. */
export function latentCosine(latent: LatentBasis, vector: Float64Array, position: number): number {
  const offset = position * latent.dimensions;
  let sum = 0;
  for (let dimension = 0; dimension < latent.dimensions; dimension++) sum += vector[dimension] * latent.embeddings[offset + dimension];
  return sum;
}

/** Returns A (Aᵀ X) for a row-major documentCount × width matrix X, walking the term columns twice. */
function multiplyGram(columns: TermColumn[], matrix: Float64Array, documentCount: number, width: number): Float64Array {
  const result = new Float64Array(documentCount * width);
  const projected = new Float64Array(width);

  for (const { documents, weights } of columns) {
    projected.fill(0);
    for (let index = 0; index < documents.length; index++) {
      const offset = documents[index] * width;
      const weight = weights[index];
      for (let dimension = 0; dimension < width; dimension++) projected[dimension] += weight * matrix[offset + dimension];
    }

    for (let index = 0; index < documents.length; index++) {
      const offset = documents[index] * width;
      const weight = weights[index];
      for (let dimension = 0; dimension < width; dimension++) result[offset + dimension] += weight * projected[dimension];
    }
  }

  return result;
}

/** Modified Gram-Schmidt over the columns of a row-major matrix. */
function orthonormalizeColumns(matrix: Float64Array, rows: number, width: number) {
  for (let column = 0; column < width; column++) {
    for (let previous = 0; previous < column; previous++) {
      let dot = 0;
      for (let row = 0; row < rows; row++) dot += matrix[row * width + column] * matrix[row * width + previous];
      for (let row = 0; row < rows; row++) matrix[row * width + column] -= dot * matrix[row * width + previous];
    }

    let squared = 0;
    for (let row = 0; row < rows; row++) squared += matrix[row * width + column] ** 2;
    const scale = squared > 0 ? 1 / Math.sqrt(squared) : 0;
    for (let row = 0; row < rows; row++) matrix[row * width + column] *= scale;
  }
}

function normalizeRow(matrix: Float64Array, row: number, width: number) {
  let squared = 0;
  for (let dimension = 0; dimension < width; dimension++) squared += matrix[row * width + dimension] ** 2;
  const scale = squared > 0 ? 1 / Math.sqrt(squared) : 0;
  for (let dimension = 0; dimension < width; dimension++) matrix[row * width + dimension] *= scale;
}
