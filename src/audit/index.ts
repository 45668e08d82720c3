import type { Queryable } from '../store/index.ts';
import type { Actor } from '../http/actor.ts';

export type AuditActorKind = 'agent' | 'token' | 'contact' | 'system' | 'import';

/** Before and after values of each changed field. */
export type AuditChanges = Record<string, [unknown, unknown]>;

export interface AuditInput {
  entity: string;
  entityId: number;
  action: string;
  actor: Actor | null;
  actorKind?: AuditActorKind;
  changes?: AuditChanges;
}

/** Writes one audit entry; call it inside the transaction that made the change. */
export async function recordAudit(tx: Queryable, input: AuditInput): Promise<void> {
  const actorKind = input.actorKind ?? (input.actor ? input.actor.kind : 'system');

  await tx.query(
    `insert into audit_entries (entity, entity_id, action, actor_kind, actor_id, changes)
     values ($1, $2, $3, $4, $5, $6)`,
    [input.entity, input.entityId, input.action, actorKind, input.actor?.agentId ?? null, JSON.stringify(input.changes ?? {})],
  );
}

/** Lists the changes between two records over the given fields, comparing by JSON value. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>, fields: Array<keyof T & string>): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    if (!(field in after)) continue;
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) {
      changes[field] = [before[field] ?? null, after[field] ?? null];
    }
  }
  return changes;
}

export interface AuditEntry {
  id: number;
  entity: string;
  entityId: number;
  action: string;
  actorKind: string;
  actorId: number | null;
  actorName: string | null;
  changes: AuditChanges;
  createdAt: string;
}

export async function listAudit(db: Queryable, entity: string, entityId: number): Promise<AuditEntry[]> {
  const rows = await db.query<{ id: number; entity: string; entity_id: number; action: string; actor_kind: string; actor_id: number | null; actor_name: string | null; changes: AuditChanges; created_at: Date }>(
    `select e.*, a.name as actor_name from audit_entries e
     left join agents a on a.id = e.actor_id and e.actor_kind in ('agent', 'token')
     where e.entity = $1 and e.entity_id = $2 order by e.created_at, e.id`,
    [entity, entityId],
  );

  return rows.map((row) => ({
    id: row.id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    changes: row.changes,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}
