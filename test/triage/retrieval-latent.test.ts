import { describe, expect, it } from 'vitest';
import { embedFromCosines, fitLatentBasis, latentCosine } from '../../src/triage/latent.ts';
import { SimilarityIndex } from '../../src/triage/retrieval.ts';

// Two topics; n3 shares no content word with the query below but shares words with n1 and n2.
const pool = [
  { id: 'n1', title: 'Wifi adapter drops', body: 'The wifi connection on the wireless adapter drops every hour.' },
  { id: 'n2', title: 'Wireless keeps disconnecting', body: 'Wifi and wireless both disconnect after suspend.' },
  { id: 'n3', title: 'Adapter not detected', body: 'The wireless adapter is not detected after the kernel update.' },
  { id: 'b1', title: 'Invoice total wrong', body: 'The invoice shows the wrong billing total for March.' },
  { id: 'b2', title: 'Refund for double payment', body: 'A billing error charged the payment twice, please refund.' },
  { id: 'b3', title: 'Update card for billing', body: 'How do I change the card used for payment and invoices?' },
];
const query = { id: 'q', title: 'wifi problem', body: 'wifi flaky' };

function indexOf(options: ConstructorParameters<typeof SimilarityIndex>[0]) {
  const index = new SimilarityIndex({ firstStage: 'cosine', stopWords: true, charWeight: 0, ...options });
  pool.forEach((ticket) => index.add(ticket));
  return index;
}

describe('latent basis', () => {
  // Columns of a 3-document, 3-term matrix with unit rows.
  const columns = [
    { documents: [0, 1], weights: [Math.SQRT1_2, Math.SQRT1_2] },
    { documents: [0, 2], weights: [Math.SQRT1_2, Math.SQRT1_2] },
    { documents: [1, 2], weights: [Math.SQRT1_2, Math.SQRT1_2] },
  ];

  it('has orthonormal basis columns', () => {
    const latent = fitLatentBasis(columns, 3, 2, 6);
    const column = (index: number) => [0, 1, 2].map((row) => latent.basis[row * 2 + index]);
    const dot = (left: number[], right: number[]) => left.reduce((sum, value, index) => sum + value * right[index], 0);

    expect(dot(column(0), column(0))).toBeCloseTo(1, 5);
    expect(dot(column(1), column(1))).toBeCloseTo(1, 5);
    expect(dot(column(0), column(1))).toBeCloseTo(0, 5);
  });

  it('embeds a document like its own cosines do', () => {
    const latent = fitLatentBasis(columns, 3, 2, 6);
    // Document 0's word cosines with the three documents: itself 1, each other 0.5.
    const embedded = embedFromCosines(latent, [1, 0.5, 0.5], [0, 1, 2]);

    expect(latentCosine(latent, embedded, 0)).toBeCloseTo(1, 5);
  });

  it('caps dimensions at the document count', () => {
    expect(fitLatentBasis(columns, 3, 10, 2).dimensions).toBe(3);
  });
});

describe('latent cosine in the index', () => {
  it('links a question that shares no word', () => {
    const components = indexOf({ latentDimensions: 3, latentWeight: 0.5 }).scoreComponents(query, ['n3', 'b1', 'b2', 'b3']);
    const byId = new Map(components.map((signals) => [signals.id, signals]));

    expect(byId.get('n3')!.wordCosine).toBe(0);
    expect(byId.get('n3')!.latentCosine).toBeGreaterThan(0.7);
    for (const id of ['b1', 'b2', 'b3']) expect(Math.abs(byId.get(id)!.latentCosine)).toBeLessThan(0.1);
  });

  it('ranks the topic before the other topic', () => {
    const hits = indexOf({ latentDimensions: 3, latentWeight: 0.5, rerankDepth: 6 }).search(query, 3);

    expect(hits.map((hit) => hit.id).sort()).toEqual(['n1', 'n2']);
  });

  it('refits after growing past the refit share', () => {
    const index = indexOf({ latentDimensions: 3, latentWeight: 0.5, latentRefitShare: 0.2 });
    index.search(query, 3);
    index.add({ id: 'n4', title: 'Wifi slow', body: 'Wifi is slow on the wireless adapter.' });
    const [stale] = index.scoreComponents(query, ['n4']);

    // 7 documents after a fit on 6 stay within the 20% share, so n4 has no embedding yet.
    expect(stale.latentCosine).toBe(stale.wordCosine);

    index.add({ id: 'n5', title: 'Adapter resets', body: 'The adapter resets itself.' });
    const [fresh] = index.scoreComponents(query, ['n4']);

    expect(fresh.latentCosine).not.toBe(fresh.wordCosine);
    expect(fresh.latentCosine).toBeGreaterThan(0.5);
  });
});

describe('title character cosine', () => {
  it('matches inflected titles', () => {
    const index = indexOf({ titleCharWeight: 0.5 });
    const [same, inflected, other] = index.scoreComponents({ id: 'q', title: 'Wifi adapters dropping', body: '' }, ['n1', 'n3', 'b1']);

    expect(same.titleCharCosine).toBeGreaterThan(0.5);
    expect(inflected.titleCharCosine).toBeGreaterThan(0.1);
    expect(other.titleCharCosine).toBeLessThan(0.05);
  });

  it('is 1 for an identical title', () => {
    const [signals] = indexOf({ titleCharWeight: 0.5 }).scoreComponents(pool[3], ['b1']);

    expect(signals.titleCharCosine).toBeCloseTo(1, 6);
  });
});
