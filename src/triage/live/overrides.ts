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

interface FieldChange {
  field: string;
  /** The new value as predictions store it; null for a team or component, which is looked up by id. */
  value: string | null;
  team_id: number | null;
  component_id: number | null;
}

function storedForm(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Lists the triage fields touched by a ticket update's audit changes, with their new values. */
export function changedTriageFields(changes: AuditChanges): FieldChange[] {
  const fields: FieldChange[] = [];

  for (const [column, [before, after]] of Object.entries(changes)) {
    if (column === 'team_id') {
      fields.push({ field: 'team', value: null, team_id: (after ?? null) as number | null, component_id: null });
    } else if (column === 'component_id') {
      fields.push({ field: 'component', value: null, team_id: null, component_id: (after ?? null) as number | null });
    } else if (columnFields[column]) {
      fields.push({ field: columnFields[column], value: storedForm(after), team_id: null, component_id: null });
    } else if (column === 'custom') {
      const previous = (before ?? {}) as Record<string, unknown>;
      const next = (after ?? {}) as Record<string, unknown>;
      for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
        if (JSON.stringify(previous[key] ?? null) !== JSON.stringify(next[key] ?? null)) {
          fields.push({ field: `custom.${key}`, value: storedForm(next[key]), team_id: null, component_id: null });
        }
      }
    }
  }

  return fields;
}

/**
 * Closes the open predictions of the fields a person changed by hand, as
 * decided by agentId (null for an integration without an agent). A
 * prediction whose value the person chose counts as accepted, any other as
 * corrected to the new value, so a stale suggestion cannot later overwrite
 * the person's choice.
 */
export async function markOverriddenPredictions(tx: Queryable, ticketId: number, changes: AuditChanges, agentId: number | null): Promise<void> {
  const fields = changedTriageFields(changes);
  if (fields.length === 0) return;

  await tx.query(
    `update triage_predictions p
     set status = case when p.value = n.value then 'accepted' else 'corrected' end,
         corrected_value = case when p.value = n.value then null else n.value end,
         decided_by = $3, decided_at = now()
     from (
       select v.field, coalesce(v.value, (select key from teams where id = v.team_id),
         (select key from product_components where id = v.component_id)) as value
       from jsonb_to_recordset($2::jsonb) as v(field text, value text, team_id bigint, component_id bigint)
     ) n
     where p.ticket_id = $1 and p.field = n.field and p.status in ('applied', 'suggested')`,
    [ticketId, JSON.stringify(fields), agentId],
  );
}
