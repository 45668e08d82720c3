import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createAgent, createApiToken } from '../../src/auth/index.ts';
import type { AppContext } from '../../src/core/context.ts';
import { buildApp } from '../../src/server/app.ts';
import { testContext } from '../helpers/db.ts';

const adminPassword = 'admin-password-1';
const viewerPassword = 'viewer-password-1';

let context: AppContext;
let app: FastifyInstance;
let adminId: number;

beforeAll(async () => {
  context = await testContext();
  adminId = (await createAgent(context.db, { email: 'admin@example.com', name: 'Ada Admin', role: 'admin', password: adminPassword })).id;
  await createAgent(context.db, { email: 'viewer@example.com', name: 'Vic Viewer', role: 'viewer', password: viewerPassword });
  app = await buildApp(context);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await context?.db.close();
});

function login(email: string, password: string, remoteAddress = '127.0.0.1') {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });
}

async function loginSession(email: string, password: string) {
  const response = await login(email, password);
  expect(response.statusCode).toBe(200);
  const cookie = response.cookies.find((entry) => entry.name === 'casebook_session');

  return { cookies: { casebook_session: cookie!.value }, csrfToken: response.json().csrfToken as string };
}

function errorCode(response: LightMyRequestResponse): string {
  return response.json().error.code;
}

describe('POST /api/v1/auth/login', () => {
  it('starts a session for the right password', async () => {
    const response = await login('ADMIN@example.com', adminPassword);
    const body = response.json();
    const cookie = response.cookies.find((entry) => entry.name === 'casebook_session');

    expect(response.statusCode).toBe(200);
    expect(body.agent).toEqual({ id: adminId, email: 'admin@example.com', name: 'Ada Admin', role: 'admin' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    expect(cookie?.secure).toBeUndefined();
  });

  it('stores only the hash of the session token', async () => {
    const response = await login('admin@example.com', adminPassword);
    const token = response.cookies.find((entry) => entry.name === 'casebook_session')!.value;

    const rows = await context.db.query<{ token_hash: string; hours: number }>(
      `select token_hash, round(extract(epoch from expires_at - now()) / 3600) as hours from sessions where csrf_token = $1`,
      [response.json().csrfToken],
    );

    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(rows[0].hours)).toBe(context.config.CASEBOOK_SESSION_HOURS);
  });

  it('rejects a wrong password generically', async () => {
    const wrongPassword = await login('admin@example.com', 'not-the-password');
    const unknownEmail = await login('nobody@example.com', 'not-the-password');

    expect(wrongPassword.statusCode).toBe(401);
    expect(errorCode(wrongPassword)).toBe('unauthenticated');
    expect(unknownEmail.statusCode).toBe(401);
    expect(unknownEmail.json().error.message).toBe(wrongPassword.json().error.message);
    expect(wrongPassword.cookies).toHaveLength(0);
  });

  it('rejects unknown body fields', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@example.com', password: adminPassword, remember: true },
    });

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('invalid_input');
    expect(response.json().error.details[0].field).toBe('remember');
  });

  it('limits failed attempts per email and address', async () => {
    await createAgent(context.db, { email: 'limited@example.com', name: 'Lim', role: 'agent', password: 'limited-password' });

    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const response = await login('limited@example.com', 'wrong-password', '10.0.0.9');
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
    }
    const blocked = await login('limited@example.com', 'limited-password', '10.0.0.9');
    const otherAddress = await login('limited@example.com', 'limited-password', '10.0.0.10');

    expect(blocked.statusCode).toBe(429);
    expect(errorCode(blocked)).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(otherAddress.statusCode).toBe(200);
  });

  it('rejects a deactivated agent', async () => {
    const agent = await createAgent(context.db, { email: 'gone@example.com', name: 'Gone', role: 'agent', password: 'gone-password' });
    await context.db.query('update agents set active = false where id = $1', [agent.id]);

    const response = await login('gone@example.com', 'gone-password');

    expect(response.statusCode).toBe(401);
  });
});

describe('session cookie', () => {
  it('authenticates GET /api/v1/auth/me', async () => {
    const session = await loginSession('admin@example.com', adminPassword);

    const response = await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: session.cookies });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      agent: { id: adminId, email: 'admin@example.com', name: 'Ada Admin', role: 'admin' },
      csrfToken: session.csrfToken,
    });
  });

  it('leaves an unknown cookie unauthenticated', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { casebook_session: 'made-up' } });

    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('unauthenticated');
  });

  it('requires CSRF token on POST', async () => {
    const session = await loginSession('admin@example.com', adminPassword);
    const request = { method: 'POST' as const, url: '/api/v1/tokens', payload: { name: 'from the console' }, cookies: session.cookies };

    const missing = await app.inject(request);
    const wrong = await app.inject({ ...request, headers: { 'x-csrf-token': 'x'.repeat(43) } });
    const right = await app.inject({ ...request, headers: { 'x-csrf-token': session.csrfToken } });

    expect(missing.statusCode).toBe(403);
    expect(errorCode(missing)).toBe('csrf_mismatch');
    expect(wrong.statusCode).toBe(403);
    expect(errorCode(wrong)).toBe('csrf_mismatch');
    expect(right.statusCode).toBe(201);
  });

  it('ends on logout', async () => {
    const session = await loginSession('admin@example.com', adminPassword);

    const withoutCsrf = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: session.cookies });
    const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: session.cookies, headers: { 'x-csrf-token': session.csrfToken } });
    const after = await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: session.cookies });

    expect(withoutCsrf.statusCode).toBe(403);
    expect(logout.statusCode).toBe(204);
    expect(logout.cookies.find((entry) => entry.name === 'casebook_session')?.value).toBe('');
    expect(after.statusCode).toBe(401);
  });
});

describe('bearer tokens', () => {
  it('authenticate without a CSRF token', async () => {
    const { token } = await createApiToken(context.db, { agentId: adminId, name: 'integration' });
    const headers = { authorization: `Bearer ${token}` };

    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    const create = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload: { name: 'second' } });

    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBeNull();
    expect(create.statusCode).toBe(201);
    expect(create.json().token).toMatch(/^cb_[A-Za-z0-9_-]{43}$/);
    expect(create.json().agentId).toBe(adminId);
  });

  it('reject malformed and unknown tokens with 401', async () => {
    const malformed = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer cb_${'A'.repeat(43)}` } });

    expect(malformed.statusCode).toBe(401);
    expect(malformed.json().error.message).toMatch(/not a valid bearer token/);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toMatch(/not recognised/);
  });

  it('stop working once revoked', async () => {
    const { id, token } = await createApiToken(context.db, { agentId: adminId, name: 'to revoke' });
    const headers = { authorization: `Bearer ${token}` };

    const revoke = await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers });
    const after = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    const audit = await context.db.query<{ action: string; actor_kind: string }>(
      `select action, actor_kind from audit_entries where entity = 'api_token' and entity_id = $1 order by id`,
      [id],
    );

    expect(revoke.statusCode).toBe(204);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/revoked/);
    expect(audit).toEqual([{ action: 'create', actor_kind: 'system' }, { action: 'revoke', actor_kind: 'token' }]);
  });

  it('record last use', async () => {
    const { id, token } = await createApiToken(context.db, { agentId: adminId, name: 'usage' });

    await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    const [row] = await context.db.query<{ last_used_at: Date | null }>('select last_used_at from api_tokens where id = $1', [id]);

    expect(row.last_used_at).toBeInstanceOf(Date);
  });
});

describe('roles', () => {
  it('forbid a viewer from admin routes', async () => {
    const session = await loginSession('viewer@example.com', viewerPassword);

    const tokens = await app.inject({ method: 'GET', url: '/api/v1/tokens', cookies: session.cookies });
    const createAgent = await app.inject({
      method: 'POST', url: '/api/v1/agents', cookies: session.cookies, headers: { 'x-csrf-token': session.csrfToken },
      payload: { email: 'new@example.com', name: 'New', role: 'agent' },
    });
    const agents = await app.inject({ method: 'GET', url: '/api/v1/agents', cookies: session.cookies });

    expect(tokens.statusCode).toBe(403);
    expect(errorCode(tokens)).toBe('forbidden');
    expect(createAgent.statusCode).toBe(403);
    expect(errorCode(createAgent)).toBe('forbidden');
    expect(agents.statusCode).toBe(200);
  });

  it('need authentication on every auth route', async () => {
    for (const [method, url] of [['GET', '/api/v1/agents'], ['GET', '/api/v1/tokens'], ['GET', '/api/v1/auth/me'], ['POST', '/api/v1/auth/logout']] as const) {
      const response = await app.inject({ method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});
