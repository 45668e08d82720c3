import { describe, expect, it } from 'vitest';
import { predict, trainTriageModel, type TrainingExample } from '../../src/triage/model.ts';
import { mlpLogits, trainMlp } from '../../src/triage/mlp.ts';
import { createRandom } from '../../src/triage/random.ts';
import { modelFromJson, modelToJson } from '../../src/triage/serialize.ts';

const topics: Record<string, string[]> = {
  billing: ['invoice', 'refund', 'charged', 'payment', 'billing', 'card'],
  login: ['password', 'login', 'locked', 'reset', 'signin', 'session'],
  shipping: ['parcel', 'delivery', 'tracking', 'courier', 'shipped', 'package'],
};
const filler = ['please', 'help', 'my', 'the', 'is', 'not'];

function tickets(count: number, seed: number): TrainingExample[] {
  const random = createRandom(seed);
  const labels = Object.keys(topics);
  return Array.from({ length: count }, (_, index) => {
    const label = labels[index % labels.length];
    const words = Array.from({ length: 6 }, (_, position) => (position % 2 === 0 ? topics[label] : filler)[Math.floor(random() * 6)]);
    return { text: words.join(' '), label };
  });
}

describe('one-hidden-layer perceptron', () => {
  it('learns an XOR of two features', () => {
    const points = [
      { indices: Uint32Array.of(0, 1), values: Float32Array.of(1, 1), target: 0 },
      { indices: Uint32Array.of(2, 3), values: Float32Array.of(1, 1), target: 0 },
      { indices: Uint32Array.of(0, 3), values: Float32Array.of(1, 1), target: 1 },
      { indices: Uint32Array.of(2, 1), values: Float32Array.of(1, 1), target: 1 },
    ];
    const vectors = Array.from({ length: 50 }, () => points).flat();
    const model = trainMlp(vectors, vectors.map((point) => point.target), 2, 4, { hiddenUnits: 16, epochs: 30, dropout: 0, learningRate: 0.02, initScale: 0.5 });

    for (const point of points) {
      const logits = mlpLogits(model, point, new Float64Array(2));
      expect(logits[point.target]).toBeGreaterThan(logits[1 - point.target]);
    }
  });
});

describe('SVM averaged with the perceptron', () => {
  const model = trainTriageModel(tickets(240, 3), { classifier: 'svm+mlp', mlp: { hiddenUnits: 32, epochs: 6 } });

  it('classifies held-out tickets', () => {
    const test = tickets(60, 9);
    const hits = test.filter((example) => predict(model, example).bestLabel === example.label).length;
    expect(hits / test.length).toBeGreaterThan(0.9);

    const prediction = predict(model, test[0], 3);
    expect(prediction.probabilities.reduce((sum, entry) => sum + entry.probability, 0)).toBeCloseTo(1, 6);
    expect(model.mlp?.temperature).toBeGreaterThan(0);
  });

  it('round-trips through JSON', () => {
    const restored = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model))));
    const ticket = { text: 'refund for my invoice please' };
    expect(restored.mlp?.model.hiddenUnits).toBe(32);
    expect(predict(restored, ticket).confidence).toBeCloseTo(predict(model, ticket).confidence, 5);
  });

  const linear = trainTriageModel(tickets(90, 5));

  it('loads version 1 models', () => {
    const restored = modelFromJson({ ...modelToJson(linear), formatVersion: 1 });
    expect(restored.mlp).toBeUndefined();
    expect(restored.labels).toEqual(['billing', 'login', 'shipping']);
  });

  it('rejects unknown format versions', () => {
    expect(() => modelFromJson({ ...modelToJson(linear), formatVersion: 99 })).toThrow(/version 99.*retrain/);
  });
});
