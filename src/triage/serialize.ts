/** JSON form of a trained triage model, for storage in the database. */
import { vectorizerFromJson, vectorizerToJson, type VectorizerJson } from './features.ts';
import { decodeFloat32, encodeArray } from './hash.ts';
import type { TriageModel } from './model.ts';
import { neighbourIndexFromJson, neighbourIndexToJson, type NeighbourIndexJson } from './neighbours.ts';
import type { OutOfScopeRule } from './oos.ts';

export const modelFormatVersion = 1;

export interface TriageModelJson {
  formatVersion: number;
  labels: string[];
  vectorizer: VectorizerJson;
  classifier: { classCount: number; dimension: number; weights: string; bias: string };
  temperature: number;
  /** null stands for Infinity (abstain on everything), which JSON cannot hold. */
  threshold: number | null;
  targetPrecision: number;
  validationCoverage: number;
  outOfScope?: { rule: OutOfScopeRule; neighbours: NeighbourIndexJson; label: string };
}

export function modelToJson(model: TriageModel): TriageModelJson {
  const { classifier } = model;

  return {
    formatVersion: modelFormatVersion,
    labels: model.labels,
    vectorizer: vectorizerToJson(model.vectorizer),
    classifier: { classCount: classifier.classCount, dimension: classifier.dimension, weights: encodeArray(classifier.weights), bias: encodeArray(classifier.bias) },
    temperature: model.temperature,
    threshold: Number.isFinite(model.threshold) ? model.threshold : null,
    targetPrecision: model.targetPrecision,
    validationCoverage: model.validationCoverage,
    outOfScope: model.outOfScope && { rule: model.outOfScope.rule, neighbours: neighbourIndexToJson(model.outOfScope.neighbours), label: model.outOfScope.label },
  };
}

/** Rebuilds a model from its JSON form; throws when the format version is not one this code reads. */
export function modelFromJson(json: TriageModelJson): TriageModel {
  if (json.formatVersion !== modelFormatVersion) {
    throw new Error(`Unsupported triage model format version ${json.formatVersion}; expected ${modelFormatVersion}`);
  }

  return {
    labels: json.labels,
    vectorizer: vectorizerFromJson(json.vectorizer),
    classifier: { classCount: json.classifier.classCount, dimension: json.classifier.dimension, weights: decodeFloat32(json.classifier.weights), bias: decodeFloat32(json.classifier.bias) },
    temperature: json.temperature,
    threshold: json.threshold ?? Infinity,
    targetPrecision: json.targetPrecision,
    validationCoverage: json.validationCoverage,
    outOfScope: json.outOfScope && { rule: json.outOfScope.rule, neighbours: neighbourIndexFromJson(json.outOfScope.neighbours), label: json.outOfScope.label },
  };
}

/** Approximate in-memory size of a model's typed arrays, in bytes. */
export function modelMemoryBytes(model: TriageModel): number {
  const neighbours = model.outOfScope?.neighbours;
  const neighbourBytes = neighbours ? neighbours.offsets.byteLength + neighbours.documents.byteLength + neighbours.weights.byteLength : 0;
  // The column table has 2 to 4 slots per key, each a 4-byte key and a 4-byte column.
  const vectorizerBytes = model.vectorizer.keys.byteLength + model.vectorizer.idf.byteLength + model.vectorizer.keys.length * 16;

  return model.classifier.weights.byteLength + model.classifier.bias.byteLength + vectorizerBytes + neighbourBytes;
}
