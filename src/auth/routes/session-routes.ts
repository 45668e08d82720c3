import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { requireRole } from '../../http/actor.ts';
import { findAgentById } from '../agents.ts';
import { sessionCookieName, sessionOf } from '../authenticate.ts';
import { LoginLimiter, loginLimiterKey } from '../login-limiter.ts';
import { messages } from '../messages.ts';
import { passwordMaxLength } from '../password.ts';
import { authenticateAgent, createSession, deleteSession } from '../sessions.ts';
import { sessionResponseSchema } from './schemas.ts';

const loginBodySchema = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(passwordMaxLength),
});

/** Registers login, logout and the current-session route. */
export function registerSessionRoutes(app: FastifyInstance, context: AppContext) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const limiter = new LoginLimiter();
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: context.config.CASEBOOK_SECURE_COOKIES === 'true',
  };

  routes.post('/api/v1/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Log in with email and password',
      description: 'Needs no credentials. Returns the agent and a CSRF token and sets the `casebook_session` cookie (HttpOnly, SameSite=Lax). Send the CSRF token as `x-csrf-token` on every state-changing request made with the cookie. After 10 failed attempts for one email and client address within 15 minutes, counted per server process, the route returns 429 with `Retry-After`.',
      security: [],
      body: loginBodySchema,
      response: { 200: sessionResponseSchema },
    },
  }, async (request, reply) => {
    const { email, password } = request.body;
    const limiterKey = loginLimiterKey(email, request.ip);

    const retryAfterMs = limiter.retryAfterMs(limiterKey);
    if (retryAfterMs > 0) {
      const minutes = Math.ceil(retryAfterMs / 60_000);
      reply.header('retry-after', Math.ceil(retryAfterMs / 1000));
      throw new AppError('rate_limited', messages.loginRateLimited(minutes), [
        { field: 'email', fix: messages.loginRateLimitedFix(minutes) },
      ]);
    }

    const agent = await authenticateAgent(context.db, email, password);
    if (!agent) {
      limiter.recordFailure(limiterKey);
      throw new AppError('unauthenticated', messages.loginFailed, [{ field: 'email, password', fix: messages.loginFailedFix }]);
    }

    limiter.reset(limiterKey);
    const session = await createSession(context.db, agent.id, context.config.CASEBOOK_SESSION_HOURS);
    reply.setCookie(sessionCookieName, session.token, { ...cookieOptions, expires: session.expiresAt });
    request.log.info({ agentId: agent.id }, 'login succeeded');

    return { agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role }, csrfToken: session.csrfToken };
  });

  routes.post('/api/v1/auth/logout', {
    schema: {
      tags: ['auth'],
      summary: 'Log out',
      description: 'Ends the session of the cookie sent, clears the cookie and returns 204. With a bearer token it only clears the cookie, and the token stays valid.',
      response: { 204: z.null().describe('Session ended') },
    },
  }, async (request, reply) => {
    requireRole(request, 'viewer');

    const session = sessionOf(request);
    if (session) {
      await deleteSession(context.db, session.tokenHash);
    }
    reply.clearCookie(sessionCookieName, cookieOptions);

    return reply.status(204).send(null);
  });

  routes.get('/api/v1/auth/me', {
    schema: {
      tags: ['auth'],
      summary: 'Get the current agent',
      description: 'Returns the authenticated agent and, for a cookie session, its CSRF token (null for bearer requests).',
      response: { 200: sessionResponseSchema },
    },
  }, async (request) => {
    const actor = requireRole(request, 'viewer');

    const agent = await findAgentById(context.db, actor.agentId);
    if (!agent) {
      throw notFound('Agent', actor.agentId);
    }

    return { agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role }, csrfToken: sessionOf(request)?.csrfToken ?? null };
  });
}
