import { AppError, notFound } from '../core/errors.ts';
import type { Db, Queryable } from '../store/index.ts';
import type { Actor, Role } from '../http/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { apiTokenDisplayLength, hashToken, newApiToken } from './credentials.ts';

/** An API token as listings show it: never the token itself or its hash. */
export interface ApiTokenSummary {
  id: number;
  agentId: number;
  agentEmail: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The result of looking up a presented token: the actor it stands for, or why it was rejected. */
export type TokenLookup =
  | { status: 'valid'; tokenId: number; agentId: number; role: Role }
  | { status: 'unknown' | 'revoked' | 'inactive' };

/**
 * Creates an API token for an agent and returns its id and the token itself.
 * Only the token's sha256 is stored, so this is the one time it can be read.
 */
export async function createApiToken(db: Db, input: { agentId: number; name: string }, actor: Actor | null = null): Promise<{ id: number; token: string }> {
  const token = newApiToken();

  return db.transaction(async (tx) => {
    const [agent] = await tx.query<{ id: number }>('select id from agents where id = $1', [input.agentId]);
    if (!agent) {
      throw new AppError('unknown_reference', `Agent ${input.agentId} does not exist`, [
        { field: 'agentId', value: input.agentId, fix: 'use the id of an existing agent (GET /api/v1/agents)' },
      ]);
    }

    const [row] = await tx.query<{ id: number }>(
      'insert into api_tokens (agent_id, name, token_hash, prefix) values ($1, $2, $3, $4) returning id',
      [input.agentId, input.name, hashToken(token), token.slice(0, apiTokenDisplayLength)],
    );
    await recordAudit(tx, {
      entity: 'api_token', entityId: row.id, action: 'create', actor,
      changes: { agentId: [null, input.agentId], name: [null, input.name] },
    });

    return { id: row.id, token };
  });
}

export async function listApiTokens(db: Queryable): Promise<ApiTokenSummary[]> {
  const rows = await db.query<Omit<ApiTokenSummary, 'createdAt' | 'lastUsedAt' | 'revokedAt'> & { createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }>(
    `select t.id, t.agent_id as "agentId", a.email as "agentEmail", t.name, t.prefix,
            t.created_at as "createdAt", t.last_used_at as "lastUsedAt", t.revoked_at as "revokedAt"
       from api_tokens t
       join agents a on a.id = t.agent_id
      order by t.id`,
  );

  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }));
}

/** Revokes a token. Revoking an already revoked token changes nothing and records no audit entry. */
export async function revokeApiToken(db: Db, id: number, actor: Actor | null = null): Promise<void> {
  await db.transaction(async (tx) => {
    const [token] = await tx.query<{ revoked: boolean }>('select revoked_at is not null as revoked from api_tokens where id = $1 for update', [id]);
    if (!token) {
      throw notFound('API token', id);
    }
    if (token.revoked) {
      return;
    }

    await tx.query('update api_tokens set revoked_at = now() where id = $1', [id]);
    await recordAudit(tx, { entity: 'api_token', entityId: id, action: 'revoke', actor, changes: { revoked: [false, true] } });
  });
}

/** Looks up a presented token and marks it used, writing last_used_at at most once a minute. */
export async function lookupApiToken(db: Queryable, token: string): Promise<TokenLookup> {
  const [row] = await db.query<{ id: number; agent_id: number; role: Role; active: boolean; revoked: boolean; stale: boolean }>(
    `select t.id, t.agent_id, a.role, a.active, t.revoked_at is not null as revoked,
            (t.last_used_at is null or t.last_used_at < now() - interval '1 minute') as stale
       from api_tokens t
       join agents a on a.id = t.agent_id
      where t.token_hash = $1`,
    [hashToken(token)],
    { prepare: true },
  );
  if (!row) {
    return { status: 'unknown' };
  }
  if (row.revoked) {
    return { status: 'revoked' };
  }
  if (!row.active) {
    return { status: 'inactive' };
  }

  if (row.stale) {
    // The condition is repeated so concurrent requests write at most once between them.
    await db.query(
      `update api_tokens set last_used_at = now()
        where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
      [row.id],
    );
  }

  return { status: 'valid', tokenId: row.id, agentId: row.agent_id, role: row.role };
}
