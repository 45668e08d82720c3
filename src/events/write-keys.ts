import crypto from 'node:crypto';
import { recordAudit } from '../audit/index.ts';
import { AppError, notFound } from '../core/errors.ts';
import type { Actor } from '../http/actor.ts';
import type { Db, Queryable } from '../store/index.ts';
import { messages } from './messages.ts';

/** Prefix that marks a Casebook write key, so a leaked key is easy to recognise. */
const writeKeyPrefix = 'wk_';
const writeKeyDisplayLength = 10;

export interface EventSource {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface SourceRow {
  id: number;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

function hashWriteKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

function toSource(row: SourceRow): EventSource {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/**
 * Creates an event source and returns it with its write key. Only the key's
 * sha256 is stored (the key is 256-bit random), so this is the one time it can be read.
 */
export async function createEventSource(db: Db, name: string, actor: Actor | null): Promise<EventSource & { writeKey: string }> {
  const writeKey = writeKeyPrefix + crypto.randomBytes(32).toString('base64url');

  return db.transaction(async (tx) => {
    const [row] = await tx.query<SourceRow>(
      'insert into event_sources (name, key_hash, prefix, created_by) values ($1, $2, $3, $4) returning *',
      [name, hashWriteKey(writeKey), writeKey.slice(0, writeKeyDisplayLength), actor?.agentId ?? null],
    );
    await recordAudit(tx, { entity: 'event_source', entityId: row.id, action: 'create', actor, changes: { name: [null, name] } });

    return { ...toSource(row), writeKey };
  });
}

export async function listEventSources(db: Queryable): Promise<EventSource[]> {
  const rows = await db.query<SourceRow>('select * from event_sources order by id');
  return rows.map(toSource);
}

/** Revokes a write key; requests with it are rejected from then on. Revoking twice keeps the first time. */
export async function revokeEventSource(db: Db, id: number, actor: Actor | null): Promise<EventSource> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<SourceRow>(
      'update event_sources set revoked_at = coalesce(revoked_at, now()) where id = $1 returning *',
      [id],
    );
    if (!row) throw notFound(messages.sourceNotFound, id);
    await recordAudit(tx, { entity: 'event_source', entityId: id, action: 'revoke', actor });

    return toSource(row);
  });
}

/** Returns the id of the active source that owns a write key, or throws unauthenticated. */
export async function authenticateWriteKey(db: Queryable, writeKey: string | undefined): Promise<number> {
  if (!writeKey) {
    throw new AppError('unauthenticated', messages.writeKeyMissing, [{ field: 'writeKey', fix: messages.writeKeyMissingFix }]);
  }

  const [row] = await db.query<{ id: number; revoked_at: Date | null; stale: boolean }>(
    `select id, revoked_at, (last_used_at is null or last_used_at < now() - interval '1 minute') as stale
       from event_sources where key_hash = $1`,
    [hashWriteKey(writeKey)],
  );
  // The key is never echoed in an error because it is a credential.
  if (!row) throw new AppError('unauthenticated', messages.writeKeyUnknown, [{ field: 'writeKey', fix: messages.writeKeyUnknownFix }]);
  if (row.revoked_at) throw new AppError('unauthenticated', messages.writeKeyRevoked, [{ field: 'writeKey', fix: messages.writeKeyRevokedFix }]);

  // last_used_at is refreshed at most once a minute so that ingestion does not write it per request.
  if (row.stale) await db.query('update event_sources set last_used_at = now() where id = $1', [row.id]);

  return row.id;
}

/** Reads the write key from HTTP Basic credentials (the key is the username) or from the body's writeKey. */
export function writeKeyFrom(authorization: string | undefined, body: unknown): string | undefined {
  if (authorization !== undefined) {
    const match = /^Basic +([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
    if (!match) throw new AppError('unauthenticated', messages.basicMalformed, [{ field: 'authorization', fix: messages.basicMalformedFix }]);
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = colon === -1 ? decoded : decoded.slice(0, colon);
    if (username) return username;
  }

  const fromBody = (body as { writeKey?: unknown } | null)?.writeKey;
  return typeof fromBody === 'string' && fromBody !== '' ? fromBody : undefined;
}
