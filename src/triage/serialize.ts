/** JSON form of a trained triage model, for storage in the database. */
import { vectorizerFromJson, vectorizerToJson, type VectorizerJson } from './features.ts';
import { decodeFloat32, encodeArray } from './hash.ts';
import type { MlpModel } from './mlp.ts';
import type { TriageModel } from './model.ts';
import { neighbourIndexFromJson, neighbourIndexToJson, type NeighbourIndexJson } from './neighbours.ts';
import type { OutOfScopeRule } from './oos.ts';

/** Format version 2 added the optional perceptron. Version 1 models have none and still load. */
export const modelFormatVersion = 2;
const readableVersions = [1, 2];

interface MlpJson {
  dimension: number;
  hiddenUnits: number;
  classCount: number;
  inputWeights: string;
  hiddenBias: string;
  outputWeights: string;
  outputBias: string;
}

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
  mlp?: { model: MlpJson; temperature: number };
}

function mlpToJson(model: MlpModel): MlpJson {
  const { dimension, hiddenUnits, classCount } = model;
  return { dimension, hiddenUnits, classCount, inputWeights: encodeArray(model.inputWeights), hiddenBias: encodeArray(model.hiddenBias), outputWeights: encodeArray(model.outputWeights), outputBias: encodeArray(model.outputBias) };
}

function mlpFromJson(json: MlpJson): MlpModel {
  return {
    kind: 'mlp',
    dimension: json.dimension,
    hiddenUnits: json.hiddenUnits,
    classCount: json.classCount,
    inputWeights: decodeFloat32(json.inputWeights),
    hiddenBias: decodeFloat32(json.hiddenBias),
    outputWeights: decodeFloat32(json.outputWeights),
    outputBias: decodeFloat32(json.outputBias),
  };
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
    mlp: model.mlp && { model: mlpToJson(model.mlp.model), temperature: model.mlp.temperature },
  };
}

/** Rebuilds a model from its JSON form; throws when the format version is not one this code reads. */
export function modelFromJson(json: TriageModelJson): TriageModel {
  if (!readableVersions.includes(json.formatVersion)) {
    throw new Error(`Unsupported triage model format version ${json.formatVersion}. This code reads versions ${readableVersions.join(' and ')}: retrain the model.`);
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
    mlp: json.mlp && { model: mlpFromJson(json.mlp.model), temperature: json.mlp.temperature },
  };
}

/** Approximate in-memory size of a model's typed arrays, in bytes. */
export function modelMemoryBytes(model: TriageModel): number {
  const neighbours = model.outOfScope?.neighbours;
  const neighbourBytes = neighbours ? neighbours.offsets.byteLength + neighbours.documents.byteLength + neighbours.weights.byteLength : 0;
  // The column table has 2 to 4 slots per key, each a 4-byte key and a 4-byte column.
  const vectorizerBytes = model.vectorizer.keys.byteLength + model.vectorizer.idf.byteLength + model.vectorizer.keys.length * 16;

  const mlp = model.mlp?.model;
  const mlpBytes = mlp ? mlp.inputWeights.byteLength + mlp.hiddenBias.byteLength + mlp.outputWeights.byteLength + mlp.outputBias.byteLength : 0;

  return model.classifier.weights.byteLength + model.classifier.bias.byteLength + vectorizerBytes + neighbourBytes + mlpBytes;
}
