import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import type { Queryable } from '../store/index.ts';
import type { Actor } from './actor.ts';

/** Keys are kept this long; a retry after that creates a new record. */
const keyLifetimeHours = 24;

function hashRequest(request: FastifyRequest): string {
  return crypto.createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex');
}

/**
 * Runs a create operation at most once per (actor, Idempotency-Key). A retry
 * with the same body replays the stored response; a different body gets 409.
 * A placeholder row (status 0) is claimed first, so two concurrent retries
 * cannot both create.
 */
export async function withIdempotency<T>(
  db: Queryable,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  status: number,
  create: () => Promise<T>,
): Promise<T> {
  const key = request.headers['idempotency-key'];
  if (key === undefined) {
    reply.status(status);
    return create();
  }
  if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
    throw new AppError('invalid_input', 'Idempotency-Key must be 1 to 255 characters', [{ field: 'Idempotency-Key', value: key, fix: 'send a unique string such as a UUID' }]);
  }

  const actorKey = `${actor.kind}:${actor.agentId}`;
  const requestHash = hashRequest(request);
  await db.query(`delete from idempotency_keys where actor = $1 and key = $2 and created_at < now() - interval '${keyLifetimeHours} hours'`, [actorKey, key]);
  const claimed = await db.query(
    `insert into idempotency_keys (actor, key, method, path, request_hash, status, response)
     values ($1, $2, $3, $4, $5, 0, 'null'::jsonb) on conflict do nothing returning key`,
    [actorKey, key, request.method, request.routeOptions.url ?? request.url, requestHash],
  );

  if (claimed.length === 0) {
    const [stored] = await db.query<{ request_hash: string; status: number; response: T }>(
      'select request_hash, status, response from idempotency_keys where actor = $1 and key = $2', [actorKey, key],
    );
    if (stored.request_hash !== requestHash) {
      throw new AppError('idempotency_mismatch', 'This Idempotency-Key was used with a different request body', [
        { field: 'Idempotency-Key', value: key, fix: 'use a new key for a different request' },
      ]);
    }
    if (stored.status === 0) {
      throw new AppError('duplicate', 'A request with this Idempotency-Key is still in progress', [
        { field: 'Idempotency-Key', value: key, fix: 'retry in a moment to get the stored response' },
      ]);
    }
    reply.header('idempotent-replayed', 'true');
    reply.status(stored.status);
    return stored.response;
  }

  try {
    const result = await create();
    await db.query('update idempotency_keys set status = $3, response = $4 where actor = $1 and key = $2', [actorKey, key, status, JSON.stringify(result)]);
    reply.status(status);
    return result;
  } catch (error) {
    await db.query('delete from idempotency_keys where actor = $1 and key = $2', [actorKey, key]);
    throw error;
  }
}
