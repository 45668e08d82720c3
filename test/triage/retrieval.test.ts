import { describe, expect, it } from 'vitest';
import { SimilarityIndex } from '../../src/triage/retrieval.ts';

const pool = [
  { id: 't1', title: 'Cannot reset my password', body: 'The reset link in the email has expired and I am locked out of my account.' },
  { id: 't2', title: 'Invoice shows the wrong VAT', body: 'Our March invoice charged VAT twice on the annual plan.' },
  { id: 't3', title: 'Export to CSV times out', body: 'Exporting 20,000 tickets to CSV stops after a minute with a gateway timeout.' },
  { id: 't4', title: 'Webhook deliveries failing', body: 'Every webhook call returns 500 since yesterday; signatures look correct.' },
];

describe('similarity index', () => {
  for (const charWeight of [0, 0.5]) {
    it(`ranks the true duplicate first (charWeight ${charWeight})`, () => {
      const index = new SimilarityIndex({ charWeight });
      pool.forEach((ticket) => index.add(ticket));

      const hits = index.search({ id: 'q', title: 'Password reset email link expired', body: 'I got locked out, the reset link does not work any more.' }, 3);

      expect(hits[0].id).toBe('t1');
      expect(hits[0].score).toBeGreaterThan(hits[1]?.score ?? 0);
    });
  }

  it('excludes the ids it is told to skip', () => {
    const index = new SimilarityIndex();
    pool.forEach((ticket) => index.add(ticket));
    const hits = index.search(pool[2], 2, new Set(['t3']));
    expect(hits.map((hit) => hit.id)).not.toContain('t3');
  });
});
