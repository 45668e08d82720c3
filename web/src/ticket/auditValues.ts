/**
 * Turns the raw before/after values of a ticket's audit entry into text an
 * agent can read: vocabulary labels for keys, names for directory ids, and
 * lists for tags. Values the console has no name for fall back to "#id" or
 * to the stored key.
 */
import type { Agent, Ref, Vocabularies } from '../api/types.ts';
import { labelOf } from '../format.ts';
import { t } from '../i18n/en.ts';

export interface AuditDirectory {
  vocabularies?: Vocabularies;
  agents?: Agent[];
  teams?: Ref[];
  components?: Ref[];
}

/** Fields whose value is a vocabulary key. */
const vocabularyFields = new Set(['status', 'priority', 'category', 'channel']);

// A message change only repeats the action label ("Public reply added"), so it is not listed.
export const hiddenAuditFields = new Set(['message']);

export function auditFieldLabel(field: string): string {
  return t.auditFields[field] ?? humanise(field);
}

function humanise(key: string): string {
  const words = key.replace(/_id$/, '').replace(/_/g, ' ');

  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function refName(refs: Ref[] | undefined, value: unknown): string {
  const ref = refs?.find((item) => item.id === value || item.key === value);

  return ref?.name ?? (typeof value === 'number' ? `#${value}` : String(value));
}

function listText(value: unknown[]): string {
  return value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ');
}

function objectText(value: object): string {
  return Object.entries(value).map(([key, item]) => `${humanise(key)}: ${isEmpty(item) ? t.common.none : String(item)}`).join(', ');
}

/**
 * Formats one side of a change. `account_id` is not handled here because
 * its name needs its own request (see AuditHistory).
 */
export function auditValueText(field: string, value: unknown, directory: AuditDirectory): string {
  if (isEmpty(value)) {
    return t.common.none;
  }
  if (vocabularyFields.has(field) && typeof value === 'string') {
    return labelOf(directory.vocabularies?.[field as keyof Vocabularies], value);
  }

  switch (field) {
    case 'assignee_id':
      return directory.agents?.find((agent) => agent.id === value)?.name ?? `#${String(value)}`;
    case 'team_id':
    case 'team':
      return refName(directory.teams, value);
    case 'component_id':
    case 'component':
      return refName(directory.components, value);
    case 'language':
      return typeof value === 'string' ? languageName(value) : String(value);
  }

  if (Array.isArray(value)) {
    return listText(value);
  }
  return typeof value === 'object' ? objectText(value as object) : String(value);
}
