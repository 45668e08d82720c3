import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultResolvedIndexOptions, ResolvedTicketIndex } from '../../src/triage/assist/index.ts';
import { migrate, openPglite, type Db } from '../../src/store/index.ts';

// An empty database: the tickets below are added straight to the index, so polls find nothing to add.
let db: Db;

beforeAll(async () => {
  db = await openPglite('memory://');
  await migrate(db);
});

afterAll(async () => {
  await db.close();
});

const history = [
  { id: 1, subject: 'Installing the printer driver fails', firstMessage: 'The installer stops with a missing dependency error on the driver package.' },
  { id: 2, subject: 'Invoice shows the wrong VAT', firstMessage: 'Our March invoice charged VAT twice on the annual plan.' },
  { id: 3, subject: 'Export to CSV times out', firstMessage: 'Exporting 20,000 tickets to CSV stops after a minute with a gateway timeout.' },
  { id: 4, subject: 'Webhook deliveries failing', firstMessage: 'Every webhook call returns 500 since yesterday and the signatures look correct.' },
];

describe('resolved index retrieval options', () => {
  it('uses the tuned retrieval options', () => {
    const { retrieval } = defaultResolvedIndexOptions;

    expect(retrieval.firstStage).toBe('cosine');
    expect(retrieval.stem).toBe(true);
    expect(retrieval.charWeight).toBeGreaterThan(0);
    // A latent fit would block the server for seconds at 100,000 tickets.
    expect(retrieval.latentDimensions ?? 0).toBe(0);
    expect(retrieval.latentWeight ?? 0).toBe(0);
  });

  it('matches only inflected words', async () => {
    const index = new ResolvedTicketIndex(db);
    history.forEach((ticket) => index.addDocument(ticket));

    const hits = await index.search({ id: 99, subject: 'Installed printers', firstMessage: 'drivers failing' }, 3, [99]);

    expect(hits[0].id).toBe('1');
    expect(hits[0].score).toBeGreaterThan(hits[1]?.score ?? 0);
  });
});
