import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { JobWorker } from '../../src/jobs/index.ts';
import { loadRecentDocuments } from '../../src/triage/live/documents.ts';
import { buildExamples, loadUnreviewedValues } from '../../src/triage/live/examples.ts';
import { trainFields, triageJobs, triageTicket } from '../../src/triage/live/index.ts';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';
import { seedDirectory, seedHistory } from './fixture.ts';

let context: AppContext;
let harness: ApiHarness;

beforeAll(async () => {
  context = await testContext();
  harness = await createApiHarness(context);
  await seedDirectory(context.db);
  await seedHistory(context.db, 240, 0);
  await trainFields(context.db);
});

afterAll(async () => {
  await harness.app.close();
  await context.db.close();
});

interface Prediction {
  id: number;
  field: string;
  value: string | null;
  confidence: number;
  status: string;
  model: { id: number; version: number } | null;
  alternatives: { value: string; confidence: number }[];
  explanation: { term: string; kind: string; weight: number }[];
  decidedBy: number | null;
  correctedValue: string | null;
}

async function createTicket(subject: string, description: string, extra: Record<string, unknown> = {}): Promise<number> {
  const response = await harness.request('POST', '/api/v1/tickets', { body: { subject, description, requester: { email: 'customer@example.test' }, ...extra } });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function predictionsOf(ticketId: number): Promise<Prediction[]> {
  const response = await harness.request('GET', `/api/v1/tickets/${ticketId}/predictions`, { token: harness.tokens.viewer });
  expect(response.status).toBe(200);
  return response.body.items;
}

async function predictionOf(ticketId: number, field: string): Promise<Prediction> {
  const prediction = (await predictionsOf(ticketId)).find((item) => item.field === field);
  if (!prediction) throw new Error(`ticket ${ticketId} has no ${field} prediction`);
  return prediction;
}

async function ticketOf(ticketId: number) {
  return (await harness.request('GET', `/api/v1/tickets/${ticketId}`)).body;
}

async function categoryThreshold(): Promise<number> {
  const [row] = await context.db.query<{ threshold: number }>("select threshold from triage_models where field = 'category' and status = 'active'");
  return row.threshold;
}

describe('triage of a new ticket', () => {
  it('enqueues triage.predict when the ticket is created', async () => {
    const ticketId = await createTicket('refund for invoice', 'I was charged twice, please refund the invoice payment on my card');
    const jobs = await context.db.query<{ payload: { ticketId: number } }>("select payload from jobs where name = 'triage.predict'");
    expect(jobs.map((job) => job.payload.ticketId)).toContain(ticketId);
  });

  it('applies a confident prediction with provenance and audit', async () => {
    const ticketId = await createTicket('invoice refund payment', 'refund the invoice, the card was charged and the receipt shows vat twice');
    const outcome = await triageTicket(context.db, ticketId);
    expect(outcome.status).toBe('done');

    const ticket = await ticketOf(ticketId);
    expect(ticket.category).toBe('billing');
    expect(ticket.component.key).toBe('billing');

    const prediction = await predictionOf(ticketId, 'category');
    expect(prediction.status).toBe('applied');
    expect(prediction.value).toBe('billing');
    expect(prediction.confidence).toBeGreaterThanOrEqual(await categoryThreshold());
    expect(prediction.model?.version).toBe(1);
    expect(prediction.alternatives.length).toBeGreaterThan(0);
    expect(prediction.explanation.map((term) => term.term)).toEqual(expect.arrayContaining(['invoice']));
    expect(prediction.explanation.map((term) => term.term)).not.toContain('the');

    const audit = (await harness.request('GET', `/api/v1/tickets/${ticketId}/audit`)).body.items;
    const entry = audit.find((item: { action: string }) => item.action === 'triage_applied');
    expect(entry.actorKind).toBe('system');
    expect(entry.changes.category).toEqual([null, 'billing']);
    expect(entry.changes.triage[1]).toContain('model category v1');
  });

  it('gives no requester name as a reason', async () => {
    const ticketId = await createTicket('invoice refund payment', 'refund the invoice, the card was charged and the receipt shows vat twice', {
      requester: { email: 'refund.desk@example.test', name: 'Invoice Refund' },
    });
    await triageTicket(context.db, ticketId);

    const terms = (await predictionOf(ticketId, 'category')).explanation.map((term) => term.term);
    expect(terms.length).toBeGreaterThan(0);
    expect(terms).not.toContain('invoice');
    expect(terms).not.toContain('refund');
  });

  it('runs only once per ticket', async () => {
    const ticketId = await createTicket('invoice refund', 'refund my invoice payment please');
    await triageTicket(context.db, ticketId);
    const again = await triageTicket(context.db, ticketId);
    expect(again).toEqual({ status: 'skipped', reason: 'already_triaged' });
    expect((await predictionsOf(ticketId)).filter((item) => item.field === 'category')).toHaveLength(1);
  });

  it('stores an unconfident prediction as a suggestion', async () => {
    const ticketId = await createTicket('invoice password error guide', 'refund login crash documentation card reset timeout tutorial');
    await triageTicket(context.db, ticketId);

    const prediction = await predictionOf(ticketId, 'category');
    expect(prediction.confidence).toBeLessThan(await categoryThreshold());
    expect(prediction.status).toBe('suggested');
    expect((await ticketOf(ticketId)).category).toBeNull();
  });

  it('suggests, not applies, when an agent already set the field', async () => {
    const ticketId = await createTicket('invoice refund payment', 'refund the invoice, the card was charged', { category: 'question' });
    await triageTicket(context.db, ticketId);

    expect((await predictionOf(ticketId, 'category')).status).toBe('suggested');
    expect((await ticketOf(ticketId)).category).toBe('question');
  });

  it('abstains on an unrelated English question', async () => {
    const ticketId = await createTicket('Banana bread again', 'Hello team, how do we bake the banana bread with walnuts again this morning? Thanks, please');
    await triageTicket(context.db, ticketId);

    expect((await predictionOf(ticketId, 'category')).status).toBe('abstained');
    expect((await ticketOf(ticketId)).category).toBeNull();
  });

  it('abstains on out-of-scope text', async () => {
    const ticketId = await createTicket('Lorem ipsum dolor', 'Sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore');
    await triageTicket(context.db, ticketId);

    const prediction = await predictionOf(ticketId, 'category');
    expect(prediction.status).toBe('abstained');
    expect(prediction.value).toBeNull();
    expect((await ticketOf(ticketId)).category).toBeNull();
  });
});

describe('language and sentiment through the job worker', () => {
  it('sets the language and scores sentiment of new tickets', async () => {
    const english = await createTicket('Login broken again', 'This is terrible, the login is broken and I am angry, nothing works for our team today');
    const french = await createTicket('Connexion impossible', "Bonjour, je n'arrive plus à me connecter à mon compte depuis ce matin, pouvez-vous m'aider");
    const worker = new JobWorker({ context, jobs: triageJobs, workerId: 'triage-test', pollIntervalMs: 10 });
    while ((await worker.runOnce()) > 0) {
      // Runs every queued triage job, including those of earlier tests.
    }

    expect((await ticketOf(english)).language).toBe('en');
    expect((await ticketOf(french)).language).toBe('fr');
    const sentiment = await predictionOf(english, 'sentiment');
    expect(sentiment.value).toBe('negative');
    expect((await predictionsOf(french)).some((item) => item.field === 'sentiment')).toBe(false);

    const failed = await context.db.query("select 1 from jobs where name = 'triage.predict' and status <> 'done'");
    expect(failed).toHaveLength(0);
  });
});

describe('agent decisions', () => {
  it('accepts a suggestion through the ticket update', async () => {
    const ticketId = await createTicket('invoice password error guide', 'refund login crash documentation card reset timeout tutorial');
    await triageTicket(context.db, ticketId);
    const suggestion = await predictionOf(ticketId, 'category');
    const ticket = await ticketOf(ticketId);

    const response = await harness.request('POST', `/api/v1/tickets/${ticketId}/predictions/${suggestion.id}/accept`, { body: { version: ticket.version } });
    expect(response.status).toBe(200);
    expect(response.body.prediction.status).toBe('accepted');
    expect(response.body.prediction.decidedBy).toBe(harness.agentIds.agent);
    expect((await ticketOf(ticketId)).category).toBe(suggestion.value);

    const again = await harness.request('POST', `/api/v1/tickets/${ticketId}/predictions/${suggestion.id}/accept`, { body: { version: ticket.version + 1 } });
    expect(again.status).toBe(422);
  });

  it('corrects an applied value and rejects a stale version', async () => {
    const ticketId = await createTicket('invoice refund payment', 'refund the invoice, the card was charged and the receipt shows vat twice');
    await triageTicket(context.db, ticketId);
    const applied = await predictionOf(ticketId, 'category');
    const ticket = await ticketOf(ticketId);

    const stale = await harness.request('POST', `/api/v1/tickets/${ticketId}/predictions/${applied.id}/correct`, { body: { value: 'bug', version: ticket.version - 1 } });
    expect(stale.status).toBe(409);
    expect((await predictionOf(ticketId, 'category')).status).toBe('applied');

    const unknown = await harness.request('POST', `/api/v1/tickets/${ticketId}/predictions/${applied.id}/correct`, { body: { value: 'nonsense', version: ticket.version } });
    expect(unknown.status).toBe(400);

    const response = await harness.request('POST', `/api/v1/tickets/${ticketId}/predictions/${applied.id}/correct`, { body: { value: 'bug', version: ticket.version } });
    expect(response.status).toBe(200);
    expect(response.body.prediction.status).toBe('corrected');
    expect(response.body.prediction.correctedValue).toBe('bug');
    expect((await ticketOf(ticketId)).category).toBe('bug');
  });

  it('marks an applied prediction corrected after a manual edit', async () => {
    const ticketId = await createTicket('password reset locked', 'my login is locked, the password reset email never arrives, sso signin fails');
    await triageTicket(context.db, ticketId);
    expect((await predictionOf(ticketId, 'category')).status).toBe('applied');
    const ticket = await ticketOf(ticketId);

    const response = await harness.request('PATCH', `/api/v1/tickets/${ticketId}`, { body: { version: ticket.version, category: 'question' } });
    expect(response.status).toBe(200);
    const prediction = await predictionOf(ticketId, 'category');
    expect(prediction.status).toBe('corrected');
    expect(prediction.correctedValue).toBe('question');
    expect(prediction.decidedBy).toBe(harness.agentIds.agent);
    expect((await predictionOf(ticketId, 'component')).status).toBe('applied');
  });

  it('closes a suggestion when the field is set by hand', async () => {
    const ticketId = await createTicket('invoice password error guide', 'refund login crash documentation card reset timeout tutorial');
    await triageTicket(context.db, ticketId);
    const suggestion = await predictionOf(ticketId, 'category');
    expect(suggestion.status).toBe('suggested');
    const other = suggestion.value === 'bug' ? 'question' : 'bug';

    const response = await harness.request('PATCH', `/api/v1/tickets/${ticketId}`, { body: { version: (await ticketOf(ticketId)).version, category: other } });
    expect(response.status).toBe(200);
    const closed = await predictionOf(ticketId, 'category');
    expect(closed.status).toBe('corrected');
    expect(closed.correctedValue).toBe(other);

    const accept = await harness.request('POST', `/api/v1/tickets/${ticketId}/predictions/${suggestion.id}/accept`, { body: { version: response.body.version } });
    expect(accept.status).toBe(422);
    expect((await ticketOf(ticketId)).category).toBe(other);
  });

  it('records a hand-set component by key', async () => {
    const ticketId = await createTicket('invoice refund payment', 'refund the invoice, the card was charged and the receipt shows vat twice');
    await triageTicket(context.db, ticketId);
    const applied = await predictionOf(ticketId, 'component');
    expect(applied).toMatchObject({ status: 'applied', value: 'billing' });

    await harness.request('PATCH', `/api/v1/tickets/${ticketId}`, { body: { version: (await ticketOf(ticketId)).version, component: 'docs' } });
    const corrected = await predictionOf(ticketId, 'component');
    expect(corrected.status).toBe('corrected');
    expect(corrected.correctedValue).toBe('docs');
  });

  it('counts a hand-set suggested value as accepted', async () => {
    const ticketId = await createTicket('invoice password error guide', 'refund login crash documentation card reset timeout tutorial');
    await triageTicket(context.db, ticketId);
    const suggestion = await predictionOf(ticketId, 'category');

    await harness.request('PATCH', `/api/v1/tickets/${ticketId}`, { body: { version: (await ticketOf(ticketId)).version, category: suggestion.value } });
    const closed = await predictionOf(ticketId, 'category');
    expect(closed.status).toBe('accepted');
    expect(closed.correctedValue).toBeNull();
  });

  it('rejects a suggestion without changing the ticket', async () => {
    const ticketId = await createTicket('invoice password error guide', 'refund login crash documentation card reset timeout tutorial');
    await triageTicket(context.db, ticketId);
    const suggestion = await predictionOf(ticketId, 'category');

    const response = await harness.request('POST', `/api/v1/tickets/${ticketId}/predictions/${suggestion.id}/reject`, { headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.body.prediction.status).toBe('rejected');
    const audit = (await harness.request('GET', `/api/v1/tickets/${ticketId}/audit`)).body.items;
    const entry = audit.find((item: { action: string }) => item.action === 'triage_rejected');
    expect(entry.changes.triage[1]).toBe(`category ${suggestion.value} (model category v${suggestion.model?.version}, prediction ${suggestion.id})`);
    expect((await ticketOf(ticketId)).category).toBeNull();
  });

  it('forbids decisions to viewers', async () => {
    const ticketId = await createTicket('invoice refund', 'refund my invoice payment please');
    await triageTicket(context.db, ticketId);
    const prediction = await predictionOf(ticketId, 'category');
    const response = await harness.request('POST', `/api/v1/tickets/${ticketId}/predictions/${prediction.id}/accept`, { token: harness.tokens.viewer, body: { version: 1 } });
    expect(response.status).toBe(403);
  });
});

describe('labels for the next training', () => {
  it('counts corrections and leaves out unreviewed model values', async () => {
    const corrected = await context.db.query<{ ticket_id: number; corrected_value: string }>(
      "select ticket_id, corrected_value from triage_predictions where field = 'category' and status = 'corrected' and corrected_value is not null",
    );
    const applied = await context.db.query<{ ticket_id: number }>("select ticket_id from triage_predictions where field = 'category' and status = 'applied'");
    expect(corrected.length).toBeGreaterThan(0);
    expect(applied.length).toBeGreaterThan(0);

    const documents = await loadRecentDocuments(context.db, 10_000);
    const unreviewed = await loadUnreviewedValues(context.db);
    const ticketIds = documents.map((document) => document.ticketId);
    const examples = buildExamples(documents, 'category', unreviewed);
    const labelOf = new Map(documents.map((document) => [document.ticketId, document.values.category]));
    const labelledIds = new Set(documents.filter((document) => buildExamples([document], 'category', unreviewed).length > 0).map((document) => document.ticketId));

    for (const row of corrected) {
      expect(labelledIds.has(row.ticket_id)).toBe(true);
      expect(labelOf.get(row.ticket_id)).toBe(row.corrected_value);
    }
    for (const row of applied) {
      expect(ticketIds).toContain(row.ticket_id);
      expect(labelledIds.has(row.ticket_id)).toBe(false);
    }
    expect(examples.length).toBe(labelledIds.size);
  });

  it('trains the next version on the corrections', async () => {
    const results = await trainFields(context.db, { field: 'category' });
    expect(results[0].status).toBe('trained');
    expect(results[0].examples).toBeGreaterThan(240);
  });
});
