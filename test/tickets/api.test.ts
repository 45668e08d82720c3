import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';

let api: ApiHarness;

beforeAll(async () => {
  const context = await testContext();
  api = await createApiHarness(context);
  await context.db.query(`insert into accounts (name, domains, tier, arr, renewal_date, health_score) values ('Acme', '{acme.test}', 'enterprise', 250000, current_date + 30, 55)`);
  await context.db.query(`insert into teams (key, name) values ('billing', 'Billing')`);
  await context.db.query(`insert into product_components (key, name) values ('api', 'API')`);
  await context.db.query(`insert into product_components (key, name, parent_id) select 'webhooks', 'Webhooks', id from product_components where key = 'api'`);
});

afterAll(async () => {
  await api.app.close();
  await api.context.db.close();
});

async function createTicket(body: Record<string, unknown>) {
  const response = await api.request('POST', '/api/v1/tickets', { body: { subject: 'Webhook retries fail', description: 'Our webhook endpoint gets no retries after a 500.', ...body } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('ticket creation', () => {
  it('links the requester to the account by email domain', async () => {
    const ticket = await createTicket({ requester: { email: 'Jo@Acme.test', name: 'Jo' }, priority: 'P1', component: 'webhooks', team: 'billing' });

    expect(ticket.status).toBe('new');
    expect(ticket.priority).toBe('p1');
    expect(ticket.account.name).toBe('Acme');
    expect(ticket.requester.email).toBe('Jo@Acme.test');
    expect(ticket.component.key).toBe('webhooks');
    expect(ticket.team.key).toBe('billing');
    expect(ticket.version).toBe(1);

    const messages = await api.request('GET', `/api/v1/tickets/${ticket.id}/messages`);
    expect(messages.body.items).toHaveLength(1);
    expect(messages.body.items[0].authorKind).toBe('customer');
    expect(messages.body.items[0].body).toBe('Our webhook endpoint gets no retries after a 500.');
  });

  it('rejects a priority outside the vocabulary, naming the allowed keys', async () => {
    const response = await api.request('POST', '/api/v1/tickets', { body: { subject: 'x', description: 'y', priority: 'P9' } });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('unknown_vocabulary_value');
    expect(response.body.error.details[0]).toMatchObject({ field: 'priority', value: 'P9' });
    expect(response.body.error.details[0].fix).toContain('p1, p2, p3, p4');
  });

  it('rejects unknown fields and wrong types by name', async () => {
    const response = await api.request('POST', '/api/v1/tickets', { body: { subject: 42, description: 'y', colour: 'red' } });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_input');
    const fields = response.body.error.details.map((detail: { field: string }) => detail.field);
    expect(fields).toContain('subject');
    expect(fields).toContain('colour');
  });

  it('rejects malformed JSON and invalid UTF-8', async () => {
    const broken = await api.request('POST', '/api/v1/tickets', { body: '{"subject": "x",' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('malformed_body');

    const invalid = await api.app.inject({
      method: 'POST', url: '/api/v1/tickets',
      headers: { authorization: `Bearer ${api.tokens.agent}`, 'content-type': 'application/json' },
      payload: Buffer.concat([Buffer.from('{"subject":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('","description":"x"}')]),
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('malformed_body');
    expect(invalid.json().error.message).toContain('byte offset 15');
  });

  it('rejects an oversize body with 413', async () => {
    const response = await api.request('POST', '/api/v1/tickets', { body: { subject: 'big', description: 'x'.repeat(1_100_000) } });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('body_too_large');
  });

  it('replays an Idempotency-Key and rejects its reuse with another body', async () => {
    const headers = { 'idempotency-key': 'create-once-1' };
    const first = await api.request('POST', '/api/v1/tickets', { body: { subject: 'Once', description: 'only once' }, headers });
    const second = await api.request('POST', '/api/v1/tickets', { body: { subject: 'Once', description: 'only once' }, headers });
    const other = await api.request('POST', '/api/v1/tickets', { body: { subject: 'Twice', description: 'different' }, headers });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_mismatch');
    const [{ count }] = await api.context.db.query<{ count: number }>("select count(*)::int as count from tickets where subject = 'Once'");
    expect(count).toBe(1);
  });

  it('needs the agent role to create and a credential to read', async () => {
    const viewer = await api.request('POST', '/api/v1/tickets', { token: api.tokens.viewer, body: { subject: 'x', description: 'y' } });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe('forbidden');

    const anonymous = await api.app.inject({ method: 'GET', url: '/api/v1/tickets' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('ticket updates', () => {
  it('enforces versions and records the audit trail', async () => {
    const ticket = await createTicket({ requester: { email: 'ann@acme.test' } });

    const updated = await api.request('PATCH', `/api/v1/tickets/${ticket.id}`, { body: { version: 1, status: 'open', priority: 'p2', assigneeId: api.agentIds.agent } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ status: 'open', priority: 'p2', version: 2 });
    expect(updated.body.assignee.id).toBe(api.agentIds.agent);

    const stale = await api.request('PATCH', `/api/v1/tickets/${ticket.id}`, { body: { version: 1, priority: 'p4' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');

    const audit = await api.request('GET', `/api/v1/tickets/${ticket.id}/audit`);
    const update = audit.body.items.find((entry: { action: string }) => entry.action === 'updated');
    expect(update.changes.status).toEqual(['new', 'open']);
    expect(update.changes.priority).toEqual(['p3', 'p2']);
    expect(update.actorId).toBe(api.agentIds.agent);
  });

  it('refuses a transition the lifecycle does not allow', async () => {
    const ticket = await createTicket({});
    const response = await api.request('PATCH', `/api/v1/tickets/${ticket.id}`, { body: { version: 1, status: 'closed' } });

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('invalid_transition');
    expect(response.body.error.details[0].fix).toContain('open, pending, on_hold, solved');
  });

  it('reopens a solved ticket on a customer reply and stamps the first response', async () => {
    const ticket = await createTicket({ requester: { email: 'kim@acme.test' } });

    const reply = await api.request('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: { kind: 'public', body: 'Fixed on our side.' } });
    expect(reply.status).toBe(201);
    const afterReply = (await api.request('GET', `/api/v1/tickets/${ticket.id}`)).body;
    expect(afterReply.status).toBe('open');
    expect(afterReply.firstResponseAt).not.toBeNull();

    const solved = await api.request('PATCH', `/api/v1/tickets/${ticket.id}`, { body: { version: afterReply.version, status: 'solved' } });
    expect(solved.body.solvedAt).not.toBeNull();

    const note = await api.request('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: { kind: 'internal', body: 'Watch this one.' } });
    expect(note.body.kind).toBe('internal');
    expect((await api.request('GET', `/api/v1/tickets/${ticket.id}`)).body.status).toBe('solved');

    await api.request('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: { authorKind: 'customer', body: 'It broke again.' } });
    const reopened = (await api.request('GET', `/api/v1/tickets/${ticket.id}`)).body;
    expect(reopened.status).toBe('open');
    expect(reopened.solvedAt).toBeNull();
  });
});

describe('ticket listing', () => {
  it('filters, sorts and pages without gaps or repeats', async () => {
    for (let index = 0; index < 7; index += 1) {
      await createTicket({ subject: `Paging ticket ${index}`, priority: index % 2 === 0 ? 'p2' : 'p4', component: 'api', tags: ['paging'] });
    }

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/tickets?priority=p2,p4&component=api&sort=-priority&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api.request('GET', query);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.total).toBe(7);
      seen.push(...page.body.items.map((item: { id: number }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const priorities = await api.context.db.query<{ id: number; priority: string }>('select id, priority from tickets where id = any($1::bigint[])', [seen]);
    const ordered = seen.map((id) => priorities.find((row) => row.id === id)!.priority);
    expect(ordered).toEqual(['p4', 'p4', 'p4', 'p2', 'p2', 'p2', 'p2']);
  });

  it('includes child components and searches message text', async () => {
    const child = await createTicket({ subject: 'Signature mismatch', description: 'The HMAC header is missing entirely', component: 'webhooks' });

    const byParent = await api.request('GET', '/api/v1/tickets?component=api&q=HMAC');
    expect(byParent.body.items.map((item: { id: number }) => item.id)).toEqual([child.id]);

    const none = await api.request('GET', '/api/v1/tickets?assignee=none&q=signature');
    expect(none.body.items.map((item: { id: number }) => item.id)).toEqual([child.id]);
  });

  it('rejects an unknown filter value and a foreign cursor', async () => {
    const unknown = await api.request('GET', '/api/v1/tickets?status=opne');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('status');

    const cursor = await api.request('GET', '/api/v1/tickets?cursor=abc');
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.details[0].field).toBe('cursor');
  });

  it('serves the context panel and the OpenAPI document', async () => {
    const ticket = await createTicket({ requester: { email: 'lee@acme.test' } });
    const context = await api.request('GET', `/api/v1/tickets/${ticket.id}/context`);

    expect(context.body.account).toMatchObject({ name: 'Acme', tier: 'enterprise', arr: 250000, healthScore: 55, renewalInDays: 30 });
    expect(context.body.otherTickets.length).toBeGreaterThan(0);

    const openapi = await api.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toContain('/api/v1/tickets/{id}');
  });
});

describe('ontology schemas', () => {
  it('serves each entity as JSON Schema', async () => {
    const list = await api.request('GET', '/api/v1/schemas', { token: api.tokens.viewer });
    expect(list.body.items.map((item: { name: string }) => item.name)).toContain('Ticket');

    const ticket = await api.request('GET', '/api/v1/schemas/Ticket', { token: api.tokens.viewer });
    expect(ticket.status).toBe(200);
    expect(ticket.body.type).toBe('object');
    expect(ticket.body.required).toContain('subject');
    expect(ticket.body.properties.priority.type).toBe('string');

    const missing = await api.request('GET', '/api/v1/schemas/Nope', { token: api.tokens.viewer });
    expect(missing.status).toBe(404);

    const context = await api.app.inject({ method: 'GET', url: '/api/v1/schemas/context.jsonld' });
    expect(context.headers['content-type']).toContain('application/ld+json');
    expect(context.json()['@context'].createdAt['@id']).toBe('schema:dateCreated');
  });
});

describe('query language in the ticket list', () => {
  it('filters and sorts by a q query, and pages with its sort', async () => {
    const p1 = await createTicket({ subject: 'Query language target one', priority: 'p1', component: 'webhooks' });
    const p2 = await createTicket({ subject: 'Query language target two', priority: 'p2', component: 'api' });

    const response = await api.request('GET', `/api/v1/tickets?q=${encodeURIComponent('priority<=p2 component:api "query language" sort:priority')}&limit=1`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.total).toBe(2);
    expect(response.body.items[0].id).toBe(p1.id);

    const next = await api.request('GET', `/api/v1/tickets?q=${encodeURIComponent('priority<=p2 component:api "query language" sort:priority')}&limit=1&cursor=${response.body.nextCursor}`);
    expect(next.body.items.map((item: { id: number }) => item.id)).toEqual([p2.id]);
    expect(next.body.nextCursor).toBeNull();
  });

  it('reports a query error with its column', async () => {
    const response = await api.request('GET', `/api/v1/tickets?q=${encodeURIComponent('status:opn')}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/column/i);

    const aggregate = await api.request('GET', `/api/v1/tickets?q=${encodeURIComponent('count by priority')}`);
    expect(aggregate.status).toBe(400);
    expect(aggregate.body.error.details[0].fix).toContain('/api/v1/query');
  });

  it('aggregates at /api/v1/query', async () => {
    const response = await api.request('GET', `/api/v1/query?q=${encodeURIComponent('component:webhooks count by priority')}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.kind).toBe('aggregate');
    const [{ count }] = await api.context.db.query<{ count: number }>(
      `select count(*)::int as count from tickets where priority = 'p1' and component_id = (select id from product_components where key = 'webhooks')`);
    const p1 = response.body.rows.find((row: { group: string }) => row.group === 'p1');
    expect(p1.value).toBe(count);
  });
});

describe('validation error wording', () => {
  it('says what to send for each kind of invalid input', async () => {
    const missing = await api.request('POST', '/api/v1/tickets', { body: { description: 'no subject' } });
    expect(missing.body.error.details[0]).toMatchObject({ field: 'subject', fix: 'this field is required: send a string' });

    const unknown = await api.request('POST', '/api/v1/tickets', { body: { subject: 'x', description: 'y', urgency: 'high' } });
    expect(unknown.body.error.details[0]).toMatchObject({ field: 'urgency', value: 'high' });
    expect(unknown.body.error.details[0].fix).toContain('remove urgency');

    const limit = await api.request('GET', '/api/v1/tickets?limit=100000');
    expect(limit.body.error.details[0]).toMatchObject({ field: 'limit', fix: 'send a number at most 200' });

    const path = await api.request('GET', '/api/v1/tickets/abc');
    expect(path.status).toBe(400);
    expect(path.body.error.details[0]).toMatchObject({ field: 'id', value: 'abc' });
    expect(path.body.error.details[0].fix).toContain('number');

    const version = await api.request('PATCH', '/api/v1/tickets/1', { body: { version: 0, priority: 'p2' } });
    expect(version.body.error.details[0]).toMatchObject({ field: 'version', value: 0, fix: 'send a number more than 0' });
  });

  it('asks for JSON when the body is plain text', async () => {
    const response = await api.app.inject({
      method: 'POST', url: '/api/v1/tickets',
      headers: { authorization: `Bearer ${api.tokens.agent}`, 'content-type': 'text/plain' },
      payload: 'subject=hello',
    });

    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(JSON.stringify(response.json().error)).toContain('application/json');
  });
});
