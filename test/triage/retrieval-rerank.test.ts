import { describe, expect, it } from 'vitest';
import { averagePrecision } from '../../src/triage/metrics.ts';
import { learnWeights, meanMetric, rankGroup } from '../../src/triage/rerank.ts';
import { SimilarityIndex } from '../../src/triage/retrieval.ts';

const pool = [
  { id: 't1', title: 'Installing the printer driver fails', body: 'The installer stops with a missing dependency error on the driver package.' },
  { id: 't2', title: 'Invoice shows the wrong VAT', body: 'Our March invoice charged VAT twice on the annual plan.' },
  { id: 't3', title: 'Export to CSV times out', body: 'Exporting 20,000 tickets to CSV stops after a minute with a gateway timeout.' },
  { id: 't4', title: 'Webhook deliveries failing', body: 'Every webhook call returns 500 since yesterday and the signatures look correct.' },
];

function indexOf(options: ConstructorParameters<typeof SimilarityIndex>[0]) {
  const index = new SimilarityIndex(options);
  pool.forEach((ticket) => index.add(ticket));
  return index;
}

describe('similarity index signals', () => {
  it('stemming matches inflected words', () => {
    const query = { id: 'q', title: 'installed drivers', body: '' };
    const plain = indexOf({ charWeight: 0, stem: false }).search(query, 4);
    const stemmed = indexOf({ charWeight: 0, stem: true }).search(query, 4);

    expect(plain).toHaveLength(0);
    expect(stemmed[0].id).toBe('t1');
  });

  it('cosine first stage scores an identical document 1', () => {
    const hits = indexOf({ firstStage: 'cosine', charWeight: 0, wordCosineWeight: 1 }).search(pool[2], 2);

    expect(hits[0].id).toBe('t3');
    expect(hits[0].score).toBeCloseTo(1, 6);
    expect(hits[1].score).toBeLessThan(0.5);
  });

  it('scoreComponents returns each signal', () => {
    const index = indexOf({ charWeight: 0.2, wordCosineWeight: 0.2, titleCosineWeight: 0.2 });
    const [same, other] = index.scoreComponents(pool[3], ['t4', 't2']);

    expect(same.id).toBe('t4');
    expect(same.titleCosine).toBeCloseTo(1, 6);
    expect(same.charCosine).toBeCloseTo(1, 6);
    expect(same.wordCosine).toBeCloseTo(1, 6);
    expect(same.bm25).toBeGreaterThan(other.bm25);
    expect(other.titleCosine).toBe(0);
  });

  it('stop words leave no matching terms', () => {
    const hits = indexOf({ charWeight: 0, stopWords: true }).search({ id: 'q', body: 'the and on with' }, 4);

    expect(hits).toHaveLength(0);
  });
});

describe('coordinate ascent re-ranking', () => {
  // The first feature orders the candidates wrongly, the second orders them rightly.
  const groups = [
    { features: [[1, 0], [0.5, 1], [0, 0.2]], relevant: [false, true, false] },
    { features: [[1, 0.1], [0.2, 0.9], [0.1, 0]], relevant: [false, true, false] },
  ];

  it('rankGroup keeps ties in original order', () => {
    expect(rankGroup({ features: [[1], [1], [2]], relevant: [false, false, true] }, [1])).toEqual([2, 0, 1]);
  });

  it('learns the weight of the useful feature', () => {
    const learned = learnWeights(groups, averagePrecision, { values: [0, 0.5, 1], maxSweeps: 3, initial: [1, 0] });

    expect(meanMetric(groups, [1, 0], averagePrecision)).toBe(0.5);
    expect(learned.score).toBe(1);
    expect(learned.weights[1]).toBeGreaterThan(learned.weights[0]);
  });
});
