import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import type { Actor } from '../http/actor.ts';
import type { Db } from '../store/index.ts';
import { lookupApiToken } from './api-tokens.ts';
import { apiTokenPattern, safeEqual } from './credentials.ts';
import { messages } from './messages.ts';
import { lookupSession, type SessionLookup } from './sessions.ts';

export const sessionCookieName = 'casebook_session';
export const csrfHeaderName = 'x-csrf-token';

/** Routes that a cookie-authenticated client may call without a CSRF token. */
const csrfExemptRoutes = new Set(['/api/v1/auth/login']);
const stateChangingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sessionsByRequest = new WeakMap<FastifyRequest, SessionLookup>();

/** Returns the session behind a cookie-authenticated request, or undefined for bearer and anonymous requests. */
export function sessionOf(request: FastifyRequest): SessionLookup | undefined {
  return sessionsByRequest.get(request);
}

/**
 * Sets request.actor from a bearer token or the session cookie before routing.
 * A bearer header wins over a cookie. A bad bearer header ends the request
 * with 401. An unknown or expired cookie leaves the actor null, so the route's
 * requireRole decides. Cookie-authenticated state changes must echo the
 * session's CSRF token.
 */
export function registerActorHook(app: FastifyInstance, context: AppContext) {
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request, reply) => {
    request.actor = null;

    // Segment-compatible ingestion routes check their own write key, sent as HTTP Basic credentials.
    if ((request.routeOptions.config as { writeKeyAuth?: boolean } | undefined)?.writeKeyAuth) return;

    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      request.actor = await actorFromBearer(context.db, authorization);
      bindActorToLog(request, reply, request.actor);
      return;
    }

    const cookieToken = request.cookies[sessionCookieName];
    const session = cookieToken ? await lookupSession(context.db, cookieToken) : null;
    if (!session) {
      return;
    }

    sessionsByRequest.set(request, session);
    request.actor = { kind: 'agent', agentId: session.agentId, role: session.role, credentialId: `session:${session.tokenHash.slice(0, 16)}` };
    bindActorToLog(request, reply, request.actor);
    assertCsrfToken(request, session);
  });
}

async function actorFromBearer(db: Db, authorization: string): Promise<Actor> {
  const match = /^Bearer +(\S+)$/i.exec(authorization.trim());
  if (!match || !apiTokenPattern.test(match[1])) {
    throw unauthenticated(messages.bearerMalformed, messages.bearerMalformedFix);
  }

  const lookup = await lookupApiToken(db, match[1]);
  switch (lookup.status) {
    case 'valid':
      return { kind: 'token', agentId: lookup.agentId, role: lookup.role, credentialId: `token:${lookup.tokenId}` };
    case 'revoked':
      throw unauthenticated(messages.bearerRevoked, messages.bearerRevokedFix);
    case 'inactive':
      throw unauthenticated(messages.agentInactive, messages.agentInactiveFix);
    default:
      throw unauthenticated(messages.bearerUnknown, messages.bearerUnknownFix);
  }
}

function assertCsrfToken(request: FastifyRequest, session: SessionLookup) {
  if (!stateChangingMethods.has(request.method) || csrfExemptRoutes.has(request.routeOptions.url ?? '')) {
    return;
  }

  const presented = request.headers[csrfHeaderName];
  if (typeof presented !== 'string' || !safeEqual(presented, session.csrfToken)) {
    throw new AppError('csrf_mismatch', messages.csrfMismatch, [{ field: csrfHeaderName, fix: messages.csrfMismatchFix }]);
  }
}

function unauthenticated(message: string, fix: string): AppError {
  // The header is never echoed because it contains a credential.
  return new AppError('unauthenticated', message, [{ field: 'authorization', fix }]);
}

/** Binds the actor to the request's logger, and to the reply's so the completion line carries it too. */
function bindActorToLog(request: FastifyRequest, reply: FastifyReply, actor: Actor) {
  const log = request.log.child({ actorKind: actor.kind, agentId: actor.agentId });
  request.log = log;
  reply.log = log;
}
