import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';
import { draftEndpointFromConfig, draftReply, ResolvedTicketIndex } from '../../src/triage/assist/index.ts';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';
import { answerAndSolve, createAssistFixture, type AssistFixture } from './fixtures.ts';

let api: ApiHarness;
let fixture: AssistFixture;

beforeAll(async () => {
  api = await createApiHarness(await testContext());
  fixture = await createAssistFixture(api);
});

afterAll(async () => {
  await api.app.close();
  await api.context.db.close();
});

describe('GET /tickets/:id/similar', () => {
  it('ranks the near-duplicate first', async () => {
    const response = await api.request('GET', `/api/v1/tickets/${fixture.query}/similar?limit=5`, { token: api.tokens.viewer });

    expect(response.status).toBe(200);
    expect(response.body[0].ticket.id).toBe(fixture.exportSolved);
    expect(response.body[0].ticket.status).toBe('solved');
    expect(response.body[0].ticket.solvedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(response.body[0].score).toBeGreaterThan(response.body[1].score);
    expect(response.body[0].resolutionExcerpt).toMatch(/^Thanks for the details, Anna\. The export hit the 60-second render limit/);
  });

  it('excludes unresolved tickets and the ticket itself', async () => {
    const fromQuery = await api.request('GET', `/api/v1/tickets/${fixture.query}/similar?limit=20`);
    const fromSolved = await api.request('GET', `/api/v1/tickets/${fixture.exportSolved}/similar?limit=20`);
    const queryIds = fromQuery.body.map((hit: { ticket: { id: number } }) => hit.ticket.id);
    const solvedIds = fromSolved.body.map((hit: { ticket: { id: number } }) => hit.ticket.id);

    expect(queryIds).not.toContain(fixture.exportOpen);
    expect(queryIds).not.toContain(fixture.query);
    expect(solvedIds).not.toContain(fixture.exportSolved);
    expect(solvedIds).not.toContain(fixture.exportOpen);
  });

  it('honours the limit', async () => {
    const response = await api.request('GET', `/api/v1/tickets/${fixture.query}/similar?limit=1`);

    expect(response.body).toHaveLength(1);
  });

  it('rejects a limit out of range', async () => {
    const response = await api.request('GET', `/api/v1/tickets/${fixture.query}/similar?limit=0`);

    expect(response.status).toBe(400);
  });
});

describe('ResolvedTicketIndex refresh', () => {
  it('picks up a newly solved ticket after the interval', async () => {
    let now = 1_000_000;
    const index = new ResolvedTicketIndex(api.context.db, { refreshIntervalMs: 10_000 }, () => now);
    const query = { id: 0, subject: 'CSV export timeout', firstMessage: 'The revenue report export times out.' };
    const searchIds = async () => (await index.search(query, 10)).map((hit) => Number(hit.id));

    expect(await searchIds()).not.toContain(fixture.exportOpen);

    await answerAndSolve(api, fixture.priyaToken, fixture.exportOpen, 'Hi Frank,\n\nPlease filter the export to a shorter range.\n\nBest regards,\nPriya');
    now += 5_000;
    expect(await searchIds()).not.toContain(fixture.exportOpen);

    now += 5_000;
    expect(await searchIds()).toContain(fixture.exportOpen);
    expect(await index.refresh()).toBe(0);
  });
});

describe('GET /tickets/:id/draft', () => {
  it('fills the names into the best neighbour answer', async () => {
    const response = await api.request('GET', `/api/v1/tickets/${fixture.query}/draft`);

    expect(response.status).toBe(200);
    expect(response.body.method).toBe('retrieval');
    expect(response.body.sources[0].ticketId).toBe(fixture.exportSolved);
    expect(response.body.body).toMatch(/^Hi Ben,\n\nThanks for the details, Ben\. The export hit the 60-second render limit/);
    expect(response.body.body.endsWith('Best regards,\nThe agent')).toBe(true);
    expect(response.body.body).not.toMatch(/Anna|Priya/);
  });

  it('reuses no answer of a weak match', async () => {
    const created = await api.request('POST', '/api/v1/tickets', { body: { subject: 'Banana bread', description: 'How long do I bake banana bread before the revenue party?' } });
    const similar = await api.request('GET', `/api/v1/tickets/${created.body.id}/similar?limit=5`);
    const draft = await api.request('GET', `/api/v1/tickets/${created.body.id}/draft`);

    expect(similar.body.length).toBeGreaterThan(0);
    expect(Math.max(...similar.body.map((hit: { score: number }) => hit.score))).toBeLessThan(0.25);
    expect(draft.body).toEqual({ body: null, sources: [], method: 'retrieval' });
  });
});

describe('routes', () => {
  for (const path of ['similar', 'draft', 'escalation']) {
    it(`${path} returns 404 for an unknown ticket`, async () => {
      const response = await api.request('GET', `/api/v1/tickets/999999/${path}`);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    });

    it(`${path} needs a credential`, async () => {
      const response = await api.app.inject({ method: 'GET', url: `/api/v1/tickets/${fixture.query}/${path}` });

      expect(response.statusCode).toBe(401);
    });
  }
});

interface FakeEndpoint {
  url: string;
  requests: { body: any; authorization: string | undefined }[];
  close(): Promise<void>;
}

/** Starts an OpenAI-compatible chat-completions server on loopback that answers with handler's result. */
async function startFakeEndpoint(handler: (response: http.ServerResponse) => void): Promise<FakeEndpoint> {
  const requests: FakeEndpoint['requests'] = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      requests.push({ body: JSON.parse(text), authorization: request.headers.authorization });
      if (request.url !== '/v1/chat/completions') {
        response.writeHead(404).end();
        return;
      }
      handler(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('draft rewrite by a chat-completions endpoint', () => {
  const silentLogger = { info: () => {}, warn: () => {} };

  it('sends model and messages and uses the completion', async () => {
    const fake = await startFakeEndpoint((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'Hi Ben, rewritten reply.' } }] }));
    });
    const endpoint = draftEndpointFromConfig(loadConfig({ CASEBOOK_DRAFT_API_URL: fake.url, CASEBOOK_DRAFT_API_KEY: 'secret-key', CASEBOOK_DRAFT_MODEL: 'local-model' }))!;
    const index = new ResolvedTicketIndex(api.context.db);

    try {
      const draft = await draftReply({ db: api.context.db, index, logger: silentLogger, endpoint }, fixture.query, api.agentIds.agent);

      expect(draft).toEqual({ body: 'Hi Ben, rewritten reply.', sources: expect.any(Array), method: 'llm' });
      expect(draft.sources[0].ticketId).toBe(fixture.exportSolved);
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0].authorization).toBe('Bearer secret-key');
      expect(fake.requests[0].body.model).toBe('local-model');
      expect(fake.requests[0].body.messages.map((message: { role: string }) => message.role)).toEqual(['system', 'user']);
      expect(fake.requests[0].body.messages[1].content).toContain('Exporting the monthly revenue report to CSV');
      expect(fake.requests[0].body.messages[1].content).toContain('The export hit the 60-second render limit');
    } finally {
      await fake.close();
    }
  });

  it('sends nothing when there is no draft to rewrite', async () => {
    const fake = await startFakeEndpoint((response) => response.writeHead(200).end('{}'));
    const endpoint = { url: fake.url, model: 'local-model', timeoutMs: 2_000 };
    const created = await api.request('POST', '/api/v1/tickets', { body: { subject: 'Qwzx vlorp', description: 'Flimflam grobnitz yazzle.' } });

    try {
      const draft = await draftReply({ db: api.context.db, index: new ResolvedTicketIndex(api.context.db), logger: silentLogger, endpoint }, created.body.id, api.agentIds.agent);

      expect(draft).toEqual({ body: null, sources: [], method: 'retrieval' });
      expect(fake.requests).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });

  it('falls back to the retrieval draft on an error status', async () => {
    const fake = await startFakeEndpoint((response) => response.writeHead(500).end('{}'));
    const warnings: object[] = [];
    const logger = { info: () => {}, warn: (fields: object) => warnings.push(fields) };
    const endpoint = { url: fake.url, model: 'local-model', timeoutMs: 2_000 };

    try {
      const draft = await draftReply({ db: api.context.db, index: new ResolvedTicketIndex(api.context.db), logger, endpoint }, fixture.query, api.agentIds.agent);

      expect(draft.method).toBe('retrieval');
      expect(draft.body).toMatch(/^Hi Ben,/);
      expect(warnings).toEqual([{ status: 500 }]);
    } finally {
      await fake.close();
    }
  });

  it('falls back to the retrieval draft on a timeout', async () => {
    const fake = await startFakeEndpoint(() => {});
    const warnings: object[] = [];
    const logger = { info: () => {}, warn: (fields: object) => warnings.push(fields) };
    const endpoint = { url: fake.url, model: 'local-model', timeoutMs: 200 };

    try {
      const draft = await draftReply({ db: api.context.db, index: new ResolvedTicketIndex(api.context.db), logger, endpoint }, fixture.query, api.agentIds.agent);

      expect(draft.method).toBe('retrieval');
      expect(draft.body).toMatch(/^Hi Ben,/);
      expect(warnings).toEqual([{ reason: 'timeout', errorName: 'TimeoutError' }]);
    } finally {
      await fake.close();
    }
  });
});
