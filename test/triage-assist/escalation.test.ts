import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelFromAudit, labelFromConversation } from '../../src/triage/assist/escalation-labels.ts';
import { predictEscalation, trainEscalationModel, type EscalationRecord } from '../../src/triage/assist/escalation-model.ts';
import { loadEscalationRecords, saveEscalationModel } from '../../src/triage/assist/index.ts';
import { rocAuc } from '../../src/triage/assist/logistic.ts';
import { createRandom } from '../../src/triage/random.ts';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';

describe('escalation labels', () => {
  it('counts a raised priority and a reopening, not a lowered priority', () => {
    expect(labelFromAudit([{ changes: { priority: ['p3', 'p1'] } }])).toEqual({ escalated: true, reasons: ['priority_raised'] });
    expect(labelFromAudit([{ changes: { status: ['solved', 'open'] } }])).toEqual({ escalated: true, reasons: ['reopened'] });
    expect(labelFromAudit([{ changes: { priority: ['p2', 'p4'] } }, { changes: { status: ['open', 'solved'] } }])).toEqual({ escalated: false, reasons: [] });
    expect(labelFromAudit([{ changes: { status: ['solved', 'closed'] } }]).escalated).toBe(false);
  });

  it('counts a customer message after an agent reply in the conversation rule', () => {
    expect(labelFromConversation(['customer', 'agent', 'customer']).escalated).toBe(true);
    expect(labelFromConversation(['customer', 'customer', 'agent']).escalated).toBe(false);
    expect(labelFromConversation(['customer']).escalated).toBe(false);
  });
});

describe('rocAuc', () => {
  it('scores perfect, reversed and tied rankings', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(rocAuc([0.5, 0.6], [1, 1])).toBeNull();
  });
});

/** Synthetic history in which enterprise accounts and angry first messages escalate more often. */
function syntheticRecords(count: number): EscalationRecord[] {
  const random = createRandom(5);
  const records: EscalationRecord[] = [];

  for (let index = 0; index < count; index++) {
    const enterprise = random() < 0.4;
    const angry = random() < 0.3;
    const risk = 0.08 + (enterprise ? 0.3 : 0) + (angry ? 0.4 : 0);
    const escalated = random() < risk;
    records.push({
      ticketId: index + 1,
      requesterId: (index % 40) + 1,
      resolved: true,
      label: { escalated, reasons: escalated ? ['priority_raised'] : [] },
      input: {
        subject: angry ? 'Export broken again, this is unacceptable' : 'Question about exports',
        firstMessage: angry ? 'This is terrible, the export failed again and we are furious.' : 'Could you tell me how to export a report?',
        priority: random() < 0.5 ? 'p2' : 'p3',
        category: 'question',
        channel: 'email',
        createdAt: new Date(Date.UTC(2025, 0, 1) + index * 3_600_000),
        account: { tier: enterprise ? 'enterprise' : 'starter', arr: enterprise ? 250_000 : 5_000, healthScore: 70, renewalDate: '2025-06-01' },
        sentiment: angry ? -0.6 : 0.1,
      },
    });
  }

  return records;
}

describe('trainEscalationModel', () => {
  const { model, metrics } = trainEscalationModel(syntheticRecords(600), 'audit');

  it('ranks held-out escalations above chance', () => {
    expect(metrics.examples).toEqual({ train: 384, calibration: 96, test: 120 });
    expect(metrics.rocAucTest).toBeGreaterThan(0.7);
    expect(metrics.brierTest).toBeLessThan(metrics.brierBaseline!);
  });

  it('outputs a probability in [0, 1] with named factors', () => {
    const [angryEnterprise] = syntheticRecords(600).filter((record) => record.input.sentiment < 0 && record.input.account?.tier === 'enterprise');
    const prediction = predictEscalation(model, { ...angryEnterprise.input, previousTickets: 0, previousEscalations: 0 });

    expect(prediction.probability).toBeGreaterThanOrEqual(0);
    expect(prediction.probability).toBeLessThanOrEqual(1);
    expect(prediction.probability).toBeGreaterThan(0.4);
    expect(prediction.topFactors.length).toBeGreaterThan(0);
    expect(prediction.topFactors.map((factor) => factor.feature)).toContain('tier=enterprise');
    expect(prediction.topFactors.every((factor) => typeof factor.contribution === 'number')).toBe(true);
  });
});

describe('escalation from the database', () => {
  let api: ApiHarness;
  const ids: Record<'raised' | 'reopened' | 'lowered' | 'plain', number> = { raised: 0, reopened: 0, lowered: 0, plain: 0 };

  async function create(subject: string, priority: string): Promise<{ id: number; version: number }> {
    const response = await api.request('POST', '/api/v1/tickets', { body: { subject, description: `${subject}: details`, priority, requester: { email: 'kim@acme.test', name: 'Kim Lee' } } });
    return { id: response.body.id, version: response.body.version };
  }

  beforeAll(async () => {
    api = await createApiHarness(await testContext());

    const raised = await create('Sync stopped', 'p3');
    await api.request('PATCH', `/api/v1/tickets/${raised.id}`, { body: { version: raised.version, priority: 'p1' } });
    const reopened = await create('Login loop', 'p3');
    await api.request('PATCH', `/api/v1/tickets/${reopened.id}`, { body: { version: reopened.version, status: 'solved' } });
    await api.request('POST', `/api/v1/tickets/${reopened.id}/messages`, { body: { authorKind: 'customer', body: 'Still broken for us.' } });
    const lowered = await create('Typo on pricing page', 'p2');
    await api.request('PATCH', `/api/v1/tickets/${lowered.id}`, { body: { version: lowered.version, priority: 'p4' } });
    const plain = await create('How do I add a user?', 'p3');

    Object.assign(ids, { raised: raised.id, reopened: reopened.id, lowered: lowered.id, plain: plain.id });
  });

  afterAll(async () => {
    await api.app.close();
    await api.context.db.close();
  });

  it('derives labels from audit entries', async () => {
    const records = await loadEscalationRecords(api.context.db, 'audit');
    const byId = new Map(records.map((record) => [record.ticketId, record]));

    expect(byId.get(ids.raised)!.label).toEqual({ escalated: true, reasons: ['priority_raised'] });
    expect(byId.get(ids.raised)!.input.priority).toBe('p3');
    expect(byId.get(ids.reopened)!.label).toEqual({ escalated: true, reasons: ['reopened'] });
    expect(byId.get(ids.lowered)!.label.escalated).toBe(false);
    expect(byId.get(ids.plain)!.label.escalated).toBe(false);
  });

  it('returns nulls before a model is trained', async () => {
    const response = await api.request('GET', `/api/v1/tickets/${ids.plain}/escalation`, { token: api.tokens.viewer });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ probability: null, topFactors: [], modelVersion: null });
  });

  it('serves the stored model', async () => {
    const { model, metrics } = trainEscalationModel(syntheticRecords(300), 'audit');
    await saveEscalationModel(api.context.db, model, metrics);
    // The route caches "no model" for a minute, so a fresh app reads the new one.
    const fresh = await createApiHarnessOnSameDb();
    const response = await fresh.request('GET', `/api/v1/tickets/${ids.raised}/escalation`);

    expect(response.status).toBe(200);
    expect(response.body.modelVersion).toBe('escalation@1');
    expect(response.body.probability).toBeGreaterThanOrEqual(0);
    expect(response.body.probability).toBeLessThanOrEqual(1);
    expect(response.body.topFactors.length).toBeGreaterThan(0);
    await fresh.app.close();
  });

  async function createApiHarnessOnSameDb() {
    const { buildApp } = await import('../../src/server/app.ts');
    const app = await buildApp(api.context);
    return {
      app,
      async request(method: string, url: string) {
        const response = await app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${api.tokens.agent}` } });
        return { status: response.statusCode, body: JSON.parse(response.body) };
      },
    };
  }
});
