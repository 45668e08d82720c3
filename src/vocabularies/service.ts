import { AppError, shortValue } from '../core/errors.ts';
import type { Queryable } from '../store/index.ts';
import { loadCustomFields, type CustomFieldDefinition, type CustomFieldEntity } from './custom-fields.ts';

export const vocabularyNames = ['status', 'priority', 'category', 'channel', 'tier'] as const;
export type VocabularyName = (typeof vocabularyNames)[number];

export interface Term {
  key: string;
  label: string;
  position: number;
  active: boolean;
}

export type Vocabularies = Record<string, Term[]>;

export async function loadVocabularies(db: Queryable): Promise<Vocabularies> {
  const rows = await db.query<Term & { vocabulary: string }>(
    'select vocabulary, key, label, position, active from vocabulary_terms order by vocabulary, position, key',
  );
  const vocabularies: Vocabularies = Object.fromEntries(vocabularyNames.map((name) => [name, []]));
  for (const row of rows) {
    (vocabularies[row.vocabulary] ??= []).push({ key: row.key, label: row.label, position: row.position, active: row.active });
  }
  return vocabularies;
}

/**
 * Resolves a user-supplied value to a vocabulary key: matches the key or the
 * label, case-insensitively, among active terms. Throws unknown_vocabulary_value
 * naming the field, the value and the allowed keys.
 */
/**
 * Returns the lower-case names that match a term: its key, its label, and the
 * part of a label after " - ", so "High" finds the priority labelled
 * "P2 - High" as other helpdesks' exports write it.
 */
export function termNames(term: { key: string; label: string }): string[] {
  const label = term.label.toLowerCase();
  const names = [term.key.toLowerCase(), label];
  const dash = label.indexOf(' - ');
  if (dash > 0) names.push(label.slice(dash + 3).trim());
  return names;
}

export function resolveTerm(vocabularies: Vocabularies, vocabulary: string, value: string, field = vocabulary): string {
  const terms = (vocabularies[vocabulary] ?? []).filter((term) => term.active);
  const wanted = value.trim().toLowerCase();
  const match = terms.find((term) => term.key === wanted) ?? terms.find((term) => termNames(term).includes(wanted));
  if (match) {
    return match.key;
  }

  const allowed = terms.map((term) => term.key).join(', ');
  throw new AppError('unknown_vocabulary_value', `${field} "${String(shortValue(value))}" is not in the ${vocabulary} vocabulary`, [
    { field, value: shortValue(value), fix: `use one of ${allowed}, or add the term to the ${vocabulary} vocabulary` },
  ]);
}

/**
 * A per-process cache of the vocabularies, refreshed after a short age so that
 * a term added through another node is seen within seconds.
 */
export class VocabularyCache {
  private cached: { at: number; value: Vocabularies } | null = null;
  private cachedFields: { at: number; value: CustomFieldDefinition[] } | null = null;

  constructor(private readonly maxAgeMs = 5_000) {}

  async get(db: Queryable): Promise<Vocabularies> {
    if (this.cached && Date.now() - this.cached.at < this.maxAgeMs) {
      return this.cached.value;
    }
    const value = await loadVocabularies(db);
    this.cached = { at: Date.now(), value };
    return value;
  }

  /** The custom field definitions of one entity, cached like the vocabularies. */
  async customFields(db: Queryable, entity: CustomFieldEntity): Promise<CustomFieldDefinition[]> {
    if (!this.cachedFields || Date.now() - this.cachedFields.at >= this.maxAgeMs) {
      this.cachedFields = { at: Date.now(), value: await loadCustomFields(db) };
    }
    return this.cachedFields.value.filter((definition) => definition.entity === entity);
  }

  invalidate() {
    this.cached = null;
    this.cachedFields = null;
  }
}
