import { describe, expect, it } from 'vitest';
import { predict, trainTriageModel, type TrainingExample } from '../../src/triage/model.ts';
import { createRandom } from '../../src/triage/random.ts';
import { modelFromJson, modelToJson } from '../../src/triage/serialize.ts';
import { computeLogits } from '../../src/triage/softmax.ts';
import type { SparseVector } from '../../src/triage/sparse.ts';
import { trainSvm } from '../../src/triage/svm.ts';

function vector(entries: [number, number][]): SparseVector {
  return { indices: Uint32Array.from(entries.map(([column]) => column)), values: Float32Array.from(entries.map(([, value]) => value)) };
}

describe('linear svm', () => {
  it('separates a toy problem with margins of the right sign', () => {
    const random = createRandom(5);
    const vectors: SparseVector[] = [];
    const targets: number[] = [];
    for (let index = 0; index < 90; index++) {
      const label = index % 3;
      vectors.push(vector([[label, 1], [3 + Math.floor(random() * 4), 0.5]]));
      targets.push(label);
    }

    const model = trainSvm(vectors, targets, 3, 7, { c: 1 });
    const logits = new Float64Array(3);
    for (let label = 0; label < 3; label++) {
      computeLogits(model, vector([[label, 1]]), logits);
      expect(logits[label]).toBeGreaterThan(0);
      expect(Math.max(...logits.filter((_, other) => other !== label))).toBeLessThan(0);
    }
  });

  it('trains a triage model whose probabilities sum to one and survive JSON', () => {
    const words: Record<string, string[]> = { billing: ['invoice', 'refund', 'charged'], login: ['password', 'locked', 'reset'], shipping: ['parcel', 'courier', 'tracking'] };
    const random = createRandom(9);
    const examples: TrainingExample[] = Array.from({ length: 150 }, (_, index) => {
      const label = Object.keys(words)[index % 3];
      return { text: `please help ${words[label][Math.floor(random() * 3)]} today ${words[label][Math.floor(random() * 3)]}`, label };
    });

    const model = trainTriageModel(examples, { classifier: 'svm' });
    const prediction = predict(model, { text: 'my parcel tracking is wrong' }, 3);
    const restored = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model))));

    expect(prediction.bestLabel).toBe('shipping');
    expect(prediction.probabilities.reduce((sum, entry) => sum + entry.probability, 0)).toBeCloseTo(1, 5);
    expect(predict(restored, { text: 'my parcel tracking is wrong' }).confidence).toBeCloseTo(prediction.confidence, 6);
  });
});
