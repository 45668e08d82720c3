import { describe, expect, it } from 'vitest';
import { applyThreshold, meetsThreshold, pickThreshold } from '../../src/triage/abstention.ts';
import { expectedCalibrationError, fitTemperature } from '../../src/triage/calibration.ts';
import { predict, trainTriageModel, type TrainingExample } from '../../src/triage/model.ts';
import { createRandom } from '../../src/triage/random.ts';
import { modelFromJson, modelToJson } from '../../src/triage/serialize.ts';
import { softmaxInPlace } from '../../src/triage/softmax.ts';
import { stripIssueTemplate, tokenize } from '../../src/triage/text.ts';

const topics: Record<string, string[]> = {
  billing: ['invoice', 'refund', 'charged', 'payment', 'billing', 'card', 'receipt', 'price'],
  login: ['password', 'login', 'locked', 'reset', 'signin', 'account', 'twofactor', 'session'],
  shipping: ['parcel', 'delivery', 'tracking', 'courier', 'shipped', 'arrived', 'address', 'package'],
};
const filler = ['please', 'help', 'my', 'the', 'is', 'not', 'with', 'today', 'again', 'i'];

function syntheticTickets(count: number, seed: number): TrainingExample[] {
  const random = createRandom(seed);
  const labels = Object.keys(topics);
  const examples: TrainingExample[] = [];

  for (let index = 0; index < count; index++) {
    const label = labels[index % labels.length];
    const words = Array.from({ length: 6 }, (_, position) => (position % 2 === 0 ? topics[label] : filler)[Math.floor(random() * 8)]);
    examples.push({ text: words.join(' '), label });
  }

  return examples;
}

describe('text preparation', () => {
  it('normalises numbers and case', () => {
    expect(tokenize('Order 12345 FAILED at 3.50')).toEqual(['order', '0', 'failed', 'at', '0']);
  });

  it('keeps non-latin words', () => {
    expect(tokenize('Zahlung für Größe ошибка')).toEqual(['zahlung', 'für', 'größe', 'ошибка']);
  });

  it('strips issue template boilerplate', () => {
    const body = '### Describe the bug\nThe app crashes\n<!-- write here -->\n- [x] I searched existing issues\n_No response_';
    expect(stripIssueTemplate(body).trim()).toBe('The app crashes');
  });
});

describe('triage model', () => {
  const train = syntheticTickets(300, 1);
  const test = syntheticTickets(60, 2);
  const model = trainTriageModel(train, { softmax: { epochs: 8 } });

  it('learns a separable toy problem', () => {
    const hits = test.filter((example) => predict(model, example).bestLabel === example.label).length;
    expect(hits / test.length).toBeGreaterThanOrEqual(0.95);
  });

  it('returns probabilities that sum to one', () => {
    const prediction = predict(model, test[0], 3);
    const sum = prediction.probabilities.reduce((total, entry) => total + entry.probability, 0);
    expect(sum).toBeCloseTo(1, 5);
    expect(prediction.probabilities).toHaveLength(3);
  });

  it('round-trips through JSON', () => {
    const restored = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model))));
    for (const example of test.slice(0, 10)) {
      const before = predict(model, example);
      const after = predict(restored, example);
      expect(after.bestLabel).toBe(before.bestLabel);
      expect(after.confidence).toBeCloseTo(before.confidence, 6);
    }
  });

  it('uses structured features', () => {
    const examples = Array.from({ length: 120 }, (_, index) => ({ text: 'same words every time', label: index % 2 ? 'web' : 'mobile', features: { channel: index % 2 ? 'web' : 'app' } }));
    const featured = trainTriageModel(examples, { softmax: { epochs: 5 } });
    expect(predict(featured, { text: 'same words every time', features: { channel: 'app' } }).bestLabel).toBe('mobile');
    expect(predict(featured, { text: 'same words every time', features: { channel: 'web' } }).bestLabel).toBe('web');
  });
});

describe('calibration', () => {
  it('temperature scaling lowers ECE of overconfident logits', () => {
    const random = createRandom(3);
    const logits: Float64Array[] = [];
    const targets: number[] = [];
    for (let index = 0; index < 400; index++) {
      const target = index % 2;
      const correct = random() < 0.7;
      const predicted = correct ? target : 1 - target;
      const row = new Float64Array(2);
      row[predicted] = 6;
      logits.push(row);
      targets.push(target);
    }

    const eceAt = (temperature: number) => {
      const probabilities = logits.map((row) => softmaxInPlace(Float64Array.from(row), temperature));
      return expectedCalibrationError(probabilities.map((row) => Math.max(...row)), probabilities.map((row, index) => row.indexOf(Math.max(...row)) === targets[index]));
    };
    const temperature = fitTemperature(logits, targets);

    expect(temperature).toBeGreaterThan(1);
    expect(eceAt(temperature)).toBeLessThan(eceAt(1) / 3);
  });
});

describe('threshold picker', () => {
  it('reaches the requested precision', () => {
    const confidences = Array.from({ length: 100 }, (_, index) => 1 - index / 100);
    const correct = confidences.map((_, index) => index < 50 || index % 2 === 0);
    const choice = pickThreshold(confidences, correct, 0.9);

    expect(choice.precision).toBeGreaterThanOrEqual(0.9);
    expect(choice.coverage).toBeGreaterThanOrEqual(0.5);
    expect(applyThreshold(confidences, correct, choice.threshold).precision).toBeGreaterThanOrEqual(0.9);
  });

  it('cuts halfway below the last kept confidence', () => {
    const choice = pickThreshold([1, 1, 1, 0.6, 0.5], [true, true, true, false, false], 0.9);

    expect(choice.threshold).toBe(0.8);
    expect(choice.coverage).toBe(0.6);
    expect(applyThreshold([0.9999999], [true], choice.threshold).coverage).toBe(1);
  });

  it('applies a live confidence just below a saturated validation one', () => {
    const choice = pickThreshold([1, 1, 1, 1], [true, true, true, true], 0.9);

    expect(choice.coverage).toBe(1);
    expect(meetsThreshold(0.9999999999991627, choice.threshold)).toBe(true);
    expect(meetsThreshold(0.99, choice.threshold)).toBe(false);
  });

  it('keeps everything down to the lowest confidence', () => {
    expect(pickThreshold([0.7, 0.4], [true, true], 0.9).threshold).toBe(0.4);
  });

  it('abstains on everything when precision is unreachable', () => {
    const choice = pickThreshold([0.9, 0.8], [false, false], 0.9);
    expect(choice.threshold).toBe(Infinity);
    expect(choice.coverage).toBe(0);
  });
});

describe('out-of-scope detection', () => {
  it('flags unrelated texts and keeps in-scope ones', () => {
    const train = syntheticTickets(300, 4);
    const validation = [...syntheticTickets(60, 5), ...['weather forecast tomorrow sunny', 'recipe for lemon cake', 'football score last night', 'best hiking trails nearby', 'song lyrics chorus melody', 'planet orbit telescope', 'knitting yarn scarf pattern', 'chess opening gambit', 'volcano eruption lava', 'garden tulips spring'].map((text) => ({ text, label: 'oos' }))];
    const model = trainTriageModel(train, { softmax: { epochs: 8 } }, validation);

    expect(model.outOfScope).toBeDefined();
    expect(predict(model, { text: 'opera tickets for violin concert' }).outOfScope).toBe(true);
    expect(predict(model, { text: 'opera tickets for violin concert' }).label).toBeNull();
    expect(predict(model, { text: 'refund my invoice payment please' }).outOfScope).toBe(false);
  });
});
