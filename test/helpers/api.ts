import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/core/context.ts';
import { buildApp } from '../../src/server/app.ts';
import { createAgent, createApiToken } from '../../src/auth/index.ts';

export interface ApiHarness {
  app: FastifyInstance;
  context: AppContext;
  /** Bearer tokens of an admin, an agent and a viewer. */
  tokens: { admin: string; agent: string; viewer: string };
  agentIds: { admin: number; agent: number; viewer: number };
  request(method: string, url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
}

/** Builds the real app over the given context, with one agent per role and their API tokens. */
export async function createApiHarness(context: AppContext): Promise<ApiHarness> {
  const app = await buildApp(context);
  const roles = ['admin', 'agent', 'viewer'] as const;
  const tokens = {} as ApiHarness['tokens'];
  const agentIds = {} as ApiHarness['agentIds'];

  for (const role of roles) {
    const agent = await createAgent(context.db, { email: `${role}@example.test`, name: `The ${role}`, role, password: 'correct horse battery' });
    agentIds[role] = agent.id;
    tokens[role] = (await createApiToken(context.db, { agentId: agent.id, name: `${role} token` })).token;
  }

  return {
    app,
    context,
    tokens,
    agentIds,
    async request(method, url, options = {}) {
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${options.token ?? tokens.agent}`, ...options.headers },
        ...(options.body === undefined ? {} : typeof options.body === 'string' ? { payload: options.body, headers: { authorization: `Bearer ${options.token ?? tokens.agent}`, 'content-type': 'application/json', ...options.headers } } : { payload: options.body as object }),
      });
      const text = response.body;
      return { status: response.statusCode, body: text ? JSON.parse(text) : null, headers: response.headers };
    },
  };
}
