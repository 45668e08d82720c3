/**
 * Marks auto-applied predictions as corrected when a person later changes
 * the field by hand. Ticket updates call this inside their transaction, so
 * this file imports nothing from the tickets capability.
 */
import type { AuditChanges } from '../../audit/index.ts';
import type { Queryable } from '../../store/index.ts';

const columnFields: Record<string, string> = {
  category: 'category',
  priority: 'priority',
  component_id: 'component',
  team_id: 'team',
  language: 'language',
};

/** Lists the triage field names touched by a ticket update's audit changes. */
export function changedTriageFields(changes: AuditChanges): string[] {
  const fields: string[] = [];

  for (const [column, [before, after]] of Object.entries(changes)) {
    if (columnFields[column]) {
      fields.push(columnFields[column]);
    } else if (column === 'custom') {
      const previous = (before ?? {}) as Record<string, unknown>;
      const next = (after ?? {}) as Record<string, unknown>;
      for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
        if (JSON.stringify(previous[key] ?? null) !== JSON.stringify(next[key] ?? null)) fields.push(`custom.${key}`);
      }
    }
  }

  return fields;
}

/** Marks the applied predictions of the changed fields as corrected by agentId (null for an integration without an agent). */
export async function markOverriddenPredictions(tx: Queryable, ticketId: number, changes: AuditChanges, agentId: number | null): Promise<void> {
  const fields = changedTriageFields(changes);
  if (fields.length === 0) return;

  await tx.query(
    `update triage_predictions set status = 'corrected', decided_by = $3, decided_at = now()
     where ticket_id = $1 and field = any($2::text[]) and status = 'applied'`,
    [ticketId, fields, agentId],
  );
}
