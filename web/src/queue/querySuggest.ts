import type { QueryField } from '../api/types.ts';
import { t } from '../i18n/en.ts';

export interface QuerySuggestion {
  /** The whole query text with the suggestion applied. */
  value: string;
  /** Text the suggestion adds, shown in the dropdown. */
  label: string;
  description: string;
}

const termPattern = /^(-?)([\w.]+)(!=|>=|<=|:|=|<|>)(.*)$/;
const maxSuggestions = 12;

/**
 * Suggests completions of the last word of a query: field names while a
 * field is typed, and the field's values after its operator. The query
 * text before the last word is kept as it is.
 */
export function suggestQuery(text: string, fields: QueryField[]): QuerySuggestion[] {
  const start = text.lastIndexOf(' ') + 1;
  const prefix = text.slice(0, start);
  const word = text.slice(start);
  const term = termPattern.exec(word);

  if (term) {
    const [, negation, name, operator, valueText] = term;
    if (name === 'sort') return sortSuggestions(prefix, valueText, fields);

    const field = fields.find((candidate) => candidate.name === name.toLowerCase());
    if (!field) return [];
    const earlier = valueText.slice(0, valueText.lastIndexOf(',') + 1);
    const typed = valueText.slice(earlier.length).toLowerCase();

    return field.values
      .filter((option) => option.value.toLowerCase().startsWith(typed) || option.label.toLowerCase().startsWith(typed))
      .slice(0, maxSuggestions)
      .map((option) => ({ value: `${prefix}${negation}${name}${operator}${earlier}${option.value} `, label: option.value, description: option.label }));
  }

  const typed = word.replace(/^-/, '').toLowerCase();
  if (!typed && text.trim()) return [];
  const named = fields
    .filter((field) => field.name.startsWith(typed))
    .map((field) => ({ value: `${prefix}${word.startsWith('-') ? '-' : ''}${field.name}${field.kind === 'number' ? '>=' : ':'}`, label: field.name, description: field.description }));
  const sort = 'sort'.startsWith(typed) ? [{ value: `${prefix}sort:`, label: 'sort', description: t.queue.sortSuggestion }] : [];

  return [...named, ...sort].slice(0, maxSuggestions);
}

function sortSuggestions(prefix: string, valueText: string, fields: QueryField[]): QuerySuggestion[] {
  const descending = valueText.startsWith('-');
  const typed = valueText.replace(/^-/, '').toLowerCase();

  return fields
    .filter((field) => field.sortable && field.name.startsWith(typed))
    .slice(0, maxSuggestions)
    .map((field) => ({ value: `${prefix}sort:${descending ? '-' : ''}${field.name} `, label: `${descending ? '-' : ''}${field.name}`, description: field.description }));
}
