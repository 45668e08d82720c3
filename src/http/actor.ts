import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';

export type Role = 'admin' | 'agent' | 'viewer';

/** Who is making a request: an agent through a session cookie, or an integration through an API token. */
export interface Actor {
  kind: 'agent' | 'token';
  agentId: number;
  role: Role;
  /** Session or token id, for audit and idempotency scoping. */
  credentialId: string;
}

const roleRank: Record<Role, number> = { viewer: 1, agent: 2, admin: 3 };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Returns the request's actor, or throws unauthenticated/forbidden when it lacks the minimum role. */
export function requireRole(request: FastifyRequest, minimum: Role): Actor {
  const actor = request.actor;
  if (!actor) {
    throw new AppError('unauthenticated', 'Sign in or send an API token', [
      { field: 'authorization', fix: 'log in at POST /api/v1/auth/login or send "Authorization: Bearer <token>"' },
    ]);
  }
  if (roleRank[actor.role] < roleRank[minimum]) {
    throw new AppError('forbidden', `This operation needs the ${minimum} role`, [
      { field: 'role', value: actor.role, fix: `ask an admin for the ${minimum} role` },
    ]);
  }
  return actor;
}
