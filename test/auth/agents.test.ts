import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAgent, createApiToken } from '../../src/auth/index.ts';
import type { AppContext } from '../../src/core/context.ts';
import { buildApp } from '../../src/server/app.ts';
import { testContext } from '../helpers/db.ts';

let context: AppContext;
let app: FastifyInstance;
let adminId: number;
let adminHeaders: Record<string, string>;

beforeAll(async () => {
  context = await testContext();
  adminId = (await createAgent(context.db, { email: 'root@example.com', name: 'Root', role: 'admin', password: 'root-password' })).id;
  const { token } = await createApiToken(context.db, { agentId: adminId, name: 'tests' });
  adminHeaders = { authorization: `Bearer ${token}` };
  app = await buildApp(context);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await context?.db.close();
});

function auditOf(entity: string, entityId: number) {
  return context.db.query<{ action: string; actor_kind: string; actor_id: number | null; changes: Record<string, unknown> }>(
    'select action, actor_kind, actor_id, changes from audit_entries where entity = $1 and entity_id = $2 order by id',
    [entity, entityId],
  );
}

describe('POST /api/v1/agents', () => {
  it('creates an agent that can log in', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/v1/agents', headers: adminHeaders,
      payload: { email: 'sam@example.com', name: 'Sam', role: 'agent', password: 'sam-password' },
    });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'sam@example.com', password: 'sam-password' } });

    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ id: expect.any(Number), email: 'sam@example.com', name: 'Sam', role: 'agent', active: true });
    expect(login.statusCode).toBe(200);
  });

  it('audits the creation without the password', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/v1/agents', headers: adminHeaders,
      payload: { email: 'kim@example.com', name: 'Kim', role: 'viewer', password: 'kim-secret-password' },
    });
    const audit = await auditOf('agent', response.json().id);

    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe('create');
    expect(audit[0].actor_kind).toBe('token');
    expect(audit[0].actor_id).toBe(adminId);
    expect(audit[0].changes).toEqual({ email: [null, 'kim@example.com'], name: [null, 'Kim'], role: [null, 'viewer'], password: [null, 'set'] });
    expect(JSON.stringify(audit[0].changes)).not.toContain('kim-secret-password');
  });

  it('rejects a duplicate email regardless of case', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/v1/agents', headers: adminHeaders, payload: { email: 'ROOT@example.com', name: 'Other', role: 'agent' },
    });

    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('duplicate');
    expect(response.json().error.details[0].field).toBe('email');
  });

  it('rejects a short password and unknown fields', async () => {
    const short = await app.inject({
      method: 'POST', url: '/api/v1/agents', headers: adminHeaders, payload: { email: 'a@example.com', name: 'A', role: 'agent', password: 'short' },
    });
    const extra = await app.inject({
      method: 'POST', url: '/api/v1/agents', headers: adminHeaders, payload: { email: 'b@example.com', name: 'B', role: 'agent', isAdmin: true },
    });

    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].field).toBe('password');
    expect(short.json().error.details[0].fix).toMatch(/at least 10 characters/);
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.details[0].field).toBe('isAdmin');
  });
});

describe('PATCH /api/v1/agents/:id', () => {
  it('updates fields and audits each change', async () => {
    const agent = await createAgent(context.db, { email: 'pat@example.com', name: 'Pat', role: 'agent' });

    const response = await app.inject({
      method: 'PATCH', url: `/api/v1/agents/${agent.id}`, headers: adminHeaders, payload: { name: 'Pat Lee', role: 'viewer', password: 'new-password-1' },
    });
    const audit = await auditOf('agent', agent.id);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: agent.id, name: 'Pat Lee', role: 'viewer', active: true });
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'update']);
    expect(audit[1].changes).toEqual({ name: ['Pat', 'Pat Lee'], role: ['agent', 'viewer'], password: ['set', 'changed'] });
  });

  it('deactivation ends sessions and stops tokens', async () => {
    const agent = await createAgent(context.db, { email: 'leaver@example.com', name: 'Leaver', role: 'agent', password: 'leaver-password' });
    const { token } = await createApiToken(context.db, { agentId: agent.id, name: 'leaver' });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'leaver@example.com', password: 'leaver-password' } });
    const cookies = { casebook_session: login.cookies[0].value };

    const patch = await app.inject({ method: 'PATCH', url: `/api/v1/agents/${agent.id}`, headers: adminHeaders, payload: { active: false } });
    const bySession = await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies });
    const byToken = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    const [sessions] = await context.db.query<{ count: number }>('select count(*) as count from sessions where agent_id = $1', [agent.id]);

    expect(patch.statusCode).toBe(200);
    expect(patch.json().active).toBe(false);
    expect(bySession.statusCode).toBe(401);
    expect(byToken.statusCode).toBe(401);
    expect(byToken.json().error.message).toMatch(/deactivated/);
    expect(sessions.count).toBe(0);
  });

  it('keeps at least one active admin', async () => {
    const response = await app.inject({ method: 'PATCH', url: `/api/v1/agents/${adminId}`, headers: adminHeaders, payload: { role: 'agent' } });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/no active admin/);
  });

  it('rejects an empty patch and an unknown id', async () => {
    const empty = await app.inject({ method: 'PATCH', url: `/api/v1/agents/${adminId}`, headers: adminHeaders, payload: {} });
    const missing = await app.inject({ method: 'PATCH', url: '/api/v1/agents/999999', headers: adminHeaders, payload: { name: 'X' } });

    expect(empty.statusCode).toBe(400);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });
});

describe('GET /api/v1/agents', () => {
  it('lists agents with their teams', async () => {
    const [team] = await context.db.query<{ id: number }>(`insert into teams (key, name) values ('billing', 'Billing') returning id`);
    await context.db.query('insert into agent_teams (agent_id, team_id) values ($1, $2)', [adminId, team.id]);

    const response = await app.inject({ method: 'GET', url: '/api/v1/agents', headers: adminHeaders });
    const root = response.json().items.find((item: { id: number }) => item.id === adminId);

    expect(response.statusCode).toBe(200);
    expect(root).toEqual({ id: adminId, email: 'root@example.com', name: 'Root', role: 'admin', active: true, teams: [{ id: team.id, key: 'billing', name: 'Billing' }] });
    expect(response.json().items.find((item: { email: string }) => item.email === 'sam@example.com').teams).toEqual([]);
  });
});

describe('API token management', () => {
  it('lists tokens without secrets', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: adminHeaders, payload: { name: 'listing', agentId: adminId } });
    const { token, id } = created.json();

    const response = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: adminHeaders });
    const listed = response.json().items.find((item: { id: number }) => item.id === id);

    expect(response.statusCode).toBe(200);
    expect(listed).toMatchObject({ id, agentId: adminId, agentEmail: 'root@example.com', name: 'listing', prefix: token.slice(0, 10), lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(response.json())).not.toContain(token);
    expect(Object.keys(listed)).not.toContain('tokenHash');
  });

  it('rejects a token for an unknown agent', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: adminHeaders, payload: { name: 'x', agentId: 999999 } });

    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('unknown_reference');
  });

  it('returns 404 when revoking an unknown token', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/api/v1/tokens/999999', headers: adminHeaders });

    expect(response.statusCode).toBe(404);
  });
});
