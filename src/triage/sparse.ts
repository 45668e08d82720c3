/** A sparse vector: parallel arrays of column indices and values, in no particular order. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

export function emptyVector(): SparseVector {
  return { indices: new Uint32Array(0), values: new Float32Array(0) };
}

/** Scales a vector in place to unit Euclidean length; a zero vector stays zero. */
export function normalizeInPlace(values: Float32Array, start = 0, end = values.length): void {
  let sum = 0;
  for (let index = start; index < end; index++) {
    sum += values[index] * values[index];
  }

  if (sum === 0) {
    return;
  }

  const scale = 1 / Math.sqrt(sum);
  for (let index = start; index < end; index++) {
    values[index] *= scale;
  }
}

/** Returns the dot product of a sparse vector and a dense one. */
export function dotDense(vector: SparseVector, dense: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < vector.indices.length; index++) {
    sum += vector.values[index] * dense[vector.indices[index]];
  }
  return sum;
}
