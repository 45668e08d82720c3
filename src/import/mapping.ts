import fs from 'node:fs';
import { AppError } from '../core/errors.ts';
import { errorText } from './messages.ts';
import type { FieldMap, ImportMapping, ValueMaps } from './types.ts';

export const plainTargets = [
  'externalId', 'subject', 'body', 'status', 'priority', 'category', 'channel', 'language', 'component', 'team',
  'tags', 'createdAt', 'requesterEmail', 'requesterName', 'accountName', 'accountExternalId', 'reply',
] as const;

const targetHelp = `${plainTargets.join(', ')}, custom.KEY or message.N`;

/** Header names (lower case, without spaces, "_" or "-") that map to a target when no mapping names it. */
const headerAliases: Record<string, string[]> = {
  externalId: ['externalid', 'id', 'ticketid'],
  subject: ['subject', 'title'],
  body: ['body', 'description', 'text', 'message'],
  status: ['status', 'state'],
  priority: ['priority'],
  category: ['category', 'type'],
  channel: ['channel', 'via'],
  language: ['language', 'lang', 'locale'],
  component: ['component', 'productcomponent'],
  team: ['team', 'queue', 'group'],
  tags: ['tags'],
  createdAt: ['createdat', 'created', 'date'],
  requesterEmail: ['requesteremail', 'email'],
  requesterName: ['requestername', 'name'],
  accountName: ['accountname', 'account', 'company', 'organization'],
  accountExternalId: ['accountexternalid', 'accountid'],
  reply: ['reply', 'answer'],
};

export function isTarget(target: string): boolean {
  return (plainTargets as readonly string[]).includes(target)
    || /^custom\.[a-z][a-z0-9_]*$/.test(target)
    || /^message\.[1-9][0-9]*$/.test(target);
}

function assertTargets(fields: FieldMap, origin: string) {
  for (const target of Object.keys(fields)) {
    if (!isTarget(target)) {
      throw new AppError('invalid_input', errorText.unknownTarget(target), [
        { field: origin, value: target, fix: `use one of ${targetHelp}` },
      ]);
    }
  }
}

/** Parses repeated `--map field=column` values into a field map. */
export function parseMapOptions(values: string[]): Record<string, string> {
  const fields: Record<string, string> = {};

  for (const value of values) {
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (!match) {
      throw new AppError('invalid_input', errorText.badMapOption(value), [
        { field: '--map', value, fix: 'write it as field=column, for example --map subject=Title' },
      ]);
    }
    fields[match[1].trim()] = match[2].trim();
  }

  return fields;
}

/** Reads a mapping document: {"fields": {...}, "values": {...}, "defaults": {...}} (each optional) or a bare field map. */
export function readMappingFile(path: string): Partial<ImportMapping> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AppError('invalid_input', errorText.badMappingFile(path, (error as Error).message), [
      { field: '--mapping', value: path, fix: 'give a readable JSON file such as {"fields": {"subject": "Title"}}' },
    ]);
  }

  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AppError('invalid_input', errorText.badMappingFile(path, 'not a JSON object'), [
      { field: '--mapping', value: path, fix: 'write a JSON object such as {"fields": {"subject": "Title"}}' },
    ]);
  }

  const document = parsed as Record<string, unknown>;
  if (!['fields', 'values', 'defaults'].some((key) => key in document)) {
    return { fields: document as FieldMap };
  }

  return document as Partial<ImportMapping>;
}

function mergeValues(base: ValueMaps, extra: ValueMaps | undefined): ValueMaps {
  const merged: ValueMaps = { ...base };
  for (const [field, map] of Object.entries(extra ?? {}) as [keyof ValueMaps, Record<string, string>][]) {
    merged[field] = { ...(merged[field] ?? {}), ...map };
  }

  return merged;
}

/** Combines a preset's mapping with a mapping file and --map options; later ones win field by field. */
export function combineMappings(base: ImportMapping, file: Partial<ImportMapping> | undefined, map: Record<string, string> | undefined): ImportMapping {
  const fields = { ...base.fields, ...(file?.fields ?? {}), ...(map ?? {}) };
  assertTargets(file?.fields ?? {}, '--mapping');
  assertTargets(map ?? {}, '--map');

  return {
    ...base,
    ...file,
    fields,
    values: mergeValues(base.values, file?.values),
    defaults: { ...base.defaults, ...(file?.defaults ?? {}) },
  };
}

/** Builds a mapping from header names alone, for files imported without a preset. */
export function guessMapping(columns: string[]): ImportMapping {
  const fields: FieldMap = {};
  const normalised = new Map(columns.map((column) => [column.toLowerCase().replace(/[\s_-]+/g, ''), column]));

  for (const [target, aliases] of Object.entries(headerAliases)) {
    const column = aliases.map((alias) => normalised.get(alias)).find((found) => found !== undefined);
    if (column !== undefined) fields[target] = column;
  }

  return { fields, values: {}, defaults: {} };
}

/** Lists every source column a mapping reads. */
export function mappedColumns(mapping: ImportMapping): string[] {
  return Object.values(mapping.fields).flatMap((column) => (Array.isArray(column) ? column : [column]));
}

/** Checks a CSV header against the mapping before any row is read, so a typo stops the import at once. */
export function assertColumns(mapping: ImportMapping, columns: string[], path: string) {
  const known = new Set(columns);
  const missing = mappedColumns(mapping).find((column) => !known.has(column));
  if (missing !== undefined) {
    throw new AppError('invalid_input', errorText.missingColumn(missing, path), [
      { field: 'column', value: missing, fix: `map the field to one of the columns: ${columns.join(', ')}` },
    ]);
  }
}

/** Checks that subject and body each come from a column, or may be filled from the other. */
export function assertRequiredFields(mapping: ImportMapping, columns: string[]) {
  for (const field of ['subject', 'body'] as const) {
    const fallback = field === 'subject' ? mapping.fillSubjectFromBody && mapping.fields.body : mapping.fillBodyFromSubject && mapping.fields.subject;
    if (!mapping.fields[field] && !fallback) {
      throw new AppError('invalid_input', errorText.noRequiredMapping(field), [
        { field, fix: `pass --map ${field}=COLUMN with one of the columns: ${columns.join(', ')}` },
      ]);
    }
  }
}
