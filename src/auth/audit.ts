import type { Queryable } from '../store/index.ts';
import type { Actor } from '../http/actor.ts';

/** Who an audit entry names: an agent, an API token, or the system (CLI and start-up tasks). */
export interface AuditActor {
  kind: 'agent' | 'token' | 'system';
  /** Agent id for kind agent, token id for kind token, null for system. */
  id: number | null;
}

export const systemActor: AuditActor = { kind: 'system', id: null };

/** Maps a request's actor to the columns an audit entry stores. */
export function auditActorOf(actor: Actor): AuditActor {
  if (actor.kind === 'token') {
    return { kind: 'token', id: Number(actor.credentialId.replace(/^token:/, '')) };
  }
  return { kind: 'agent', id: actor.agentId };
}

/** Field changes as `{ field: [before, after] }`; secrets are recorded as changed, never by value. */
export type AuditChanges = Record<string, [unknown, unknown]>;

export async function recordAudit(db: Queryable, entry: { entity: string; entityId: number; action: string; actor: AuditActor; changes: AuditChanges }) {
  await db.query(
    `insert into audit_entries (entity, entity_id, action, actor_kind, actor_id, changes)
     values ($1, $2, $3, $4, $5, $6::jsonb)`,
    [entry.entity, entry.entityId, entry.action, entry.actor.kind, entry.actor.id, JSON.stringify(entry.changes)],
  );
}
