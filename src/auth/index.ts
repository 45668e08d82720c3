import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/context.ts';
import { registerActorHook } from './authenticate.ts';
import { registerAgentRoutes } from './routes/agent-routes.ts';
import { registerSessionRoutes } from './routes/session-routes.ts';
import { registerTokenRoutes } from './routes/token-routes.ts';

export { createAgent, findAgentByEmail, findAgentById, listAgents, updateAgent } from './agents.ts';
export type { AgentRecord, AgentWithTeams, CreateAgentInput, UpdateAgentInput } from './agents.ts';
export { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
export { csrfHeaderName, sessionCookieName } from './authenticate.ts';
export { assertPasswordPolicy, generatePassword, hashPassword, passwordMinLength, verifyPassword } from './password.ts';

/**
 * Installs authentication on the root instance: the hook that sets
 * request.actor and checks CSRF tokens, then the auth, agent and token routes.
 * Call it before registering other routes so the hook covers them.
 */
export async function registerAuth(app: FastifyInstance, context: AppContext) {
  registerActorHook(app, context);
  registerSessionRoutes(app, context);
  registerAgentRoutes(app, context);
  registerTokenRoutes(app, context);
}
