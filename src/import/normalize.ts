import { createHash } from 'node:crypto';
import { rejectText } from './messages.ts';
import type { ImportMapping, NamedKey, RejectEntry, SourceRow, TicketDraft } from './types.ts';

/** Known keys for each vocabulary field and for teams and components, by lower-case key and label. */
export interface Lookups {
  vocabulary: Map<string, Map<string, string>>;
  teams: Map<string, string>;
  components: Map<string, string>;
}

type Problem = Omit<RejectEntry, 'row' | 'line'>;

export class RowProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.reason);
  }
}

const subjectLength = 80;
const maxSubjectLength = 500;

// PostgreSQL text and jsonb cannot store U+0000, and it carries no text, so it is dropped.
const nulChars = /\u0000/g;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(nulChars, '').trim();
  if (typeof value === 'object') return JSON.stringify(value).replace(/\\u0000/g, '');

  return String(value).trim();
}

/** Shortens text to one line of at most `max` characters, cut at a word boundary. */
export function summarise(text: string, max = subjectLength): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');

  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** Turns a name into a record key: lower case, runs of other characters become "-". */
export function slugify(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Derives a stable external id from the row's content, so re-importing a row without an id finds it again. */
export function contentId(row: SourceRow, columns: string[] | undefined): string {
  const keys = columns ?? Object.keys(row);
  const content = JSON.stringify(keys.map((key) => row[key] ?? null));

  return `sha1:${createHash('sha1').update(content).digest('hex').slice(0, 24)}`;
}

/** Parses a date or timestamp; a time without a zone is taken as UTC. Returns ISO 8601 or null when unparseable. */
export function parseTimestamp(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!match) return null;

  const zone = match[7] ?? 'Z';
  const time = match[4] ? `${match[4]}:${match[5]}:${match[6] ?? '00'}` : '00:00:00';
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${time}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  if (Number.isNaN(date.getTime())) return null;

  // Date rolls 2024-02-30 over to March; a day that does not exist in its month is an error instead.
  const dayCheck = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (dayCheck.getUTCMonth() !== Number(match[2]) - 1 || dayCheck.getUTCDate() !== Number(match[3])) return null;

  return date.toISOString();
}

class RowReader {
  constructor(private readonly row: SourceRow, private readonly mapping: ImportMapping) {}

  column(target: string): string | undefined {
    const column = this.mapping.fields[target];
    return Array.isArray(column) ? column[0] : column;
  }

  text(target: string): string {
    const columns = this.mapping.fields[target];
    const value = columns === undefined ? '' : cellText(this.row[Array.isArray(columns) ? columns[0] : columns]);

    return value || (this.mapping.defaults[target] ?? '');
  }

  list(target: string): string[] {
    const columns = this.mapping.fields[target];
    if (columns === undefined) return [];
    if (Array.isArray(columns)) return columns.map((column) => cellText(this.row[column])).filter(Boolean);

    const value = this.row[columns];
    if (Array.isArray(value)) return value.map(cellText).filter(Boolean);

    return cellText(value).split(/[,;|]/).map((part) => part.trim()).filter(Boolean);
  }

  problem(target: string, value: unknown, text: { reason: string; fix: string }): RowProblem {
    return new RowProblem({ field: this.column(target) ?? target, value: typeof value === 'string' ? summarise(value, 120) : value, ...text });
  }
}

function vocabularyKey(reader: RowReader, mapping: ImportMapping, lookups: Lookups, field: 'status' | 'priority' | 'category' | 'channel'): string | null {
  const value = reader.text(field);
  if (!value) return null;

  const mapped = mapValue(mapping.values[field], value);
  const terms = lookups.vocabulary.get(field) ?? new Map<string, string>();
  const key = terms.get(mapped.toLowerCase());
  if (key === undefined) {
    throw reader.problem(field, value, rejectText.unknownTerm(field, [...new Set(terms.values())]));
  }

  return key;
}

function mapValue(map: Record<string, string> | undefined, value: string): string {
  if (!map) return value;
  const lower = value.toLowerCase();
  const entry = Object.entries(map).find(([from]) => from.toLowerCase() === lower);

  return entry ? entry[1] : value;
}

function namedKey(reader: RowReader, mapping: ImportMapping, known: Map<string, string>, field: 'team' | 'component', create: boolean | undefined): NamedKey | null {
  const value = reader.text(field);
  if (!value) return null;

  const mapped = mapValue(mapping.values[field], value);
  const key = known.get(mapped.toLowerCase());
  if (key !== undefined) return { key, name: mapped };

  if (!create) {
    throw reader.problem(field, value, field === 'team' ? rejectText.unknownTeam : rejectText.unknownComponent);
  }
  const slug = slugify(mapped);
  if (!slug) throw reader.problem(field, value, rejectText.badKey(field));

  return { key: slug, name: mapped };
}

function requiredTexts(reader: RowReader, mapping: ImportMapping) {
  let subject = reader.text('subject');
  let body = reader.text('body');

  if (!subject && mapping.fillSubjectFromBody && body) subject = summarise(body);
  if (!body && mapping.fillBodyFromSubject && subject) body = subject;

  if (!subject) throw reader.problem('subject', '', rejectText.missing('subject'));
  if (!body) throw reader.problem('body', '', rejectText.missing('body'));

  return { subject: subject.length > maxSubjectLength ? summarise(subject, maxSubjectLength) : subject, body };
}

function optionalChecked(reader: RowReader, target: string, pattern: RegExp, text: { reason: string; fix: string }, lower = true): string | null {
  const value = reader.text(target);
  if (!value) return null;
  const normalised = lower ? value.toLowerCase() : value;
  if (!pattern.test(normalised)) throw reader.problem(target, value, text);

  return normalised;
}

function customFields(row: SourceRow, mapping: ImportMapping): Record<string, unknown> {
  const custom: Record<string, unknown> = {};

  for (const [target, column] of Object.entries(mapping.fields)) {
    if (!target.startsWith('custom.')) continue;
    const value = row[Array.isArray(column) ? column[0] : column];
    if (value === undefined || value === null || value === '') continue;
    custom[target.slice('custom.'.length)] = typeof value === 'string' ? cellText(value) : value;
  }
  for (const [target, value] of Object.entries(mapping.defaults)) {
    if (target.startsWith('custom.') && !(target.slice(7) in custom)) custom[target.slice(7)] = value;
  }

  return custom;
}

function extraMessages(reader: RowReader, mapping: ImportMapping): string[] {
  return Object.keys(mapping.fields)
    .filter((target) => target.startsWith('message.'))
    .sort((a, b) => Number(a.slice(8)) - Number(b.slice(8)))
    .map((target) => reader.text(target))
    .filter(Boolean);
}

/** Turns one source row into a ticket draft, or throws RowProblem naming the column, value and fix. */
export function toDraft(row: SourceRow, mapping: ImportMapping, lookups: Lookups): TicketDraft {
  const reader = new RowReader(row, mapping);
  const { subject, body } = requiredTexts(reader, mapping);

  const createdText = reader.text('createdAt');
  const createdAt = createdText ? parseTimestamp(createdText) : null;
  if (createdText && !createdAt) throw reader.problem('createdAt', createdText, rejectText.badDate);

  return {
    externalId: reader.text('externalId') || contentId(row, mapping.idColumns),
    subject,
    body,
    status: vocabularyKey(reader, mapping, lookups, 'status') ?? 'new',
    priority: vocabularyKey(reader, mapping, lookups, 'priority') ?? 'p3',
    category: vocabularyKey(reader, mapping, lookups, 'category'),
    channel: vocabularyKey(reader, mapping, lookups, 'channel') ?? 'import',
    language: optionalChecked(reader, 'language', /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, rejectText.badLanguage),
    component: namedKey(reader, mapping, lookups.components, 'component', mapping.createComponents),
    team: namedKey(reader, mapping, lookups.teams, 'team', mapping.createTeams),
    tags: [...new Set(reader.list('tags'))],
    custom: customFields(row, mapping),
    createdAt,
    requesterEmail: optionalChecked(reader, 'requesterEmail', /^[^\s@]+@[^\s@]+\.[^\s@]+$/, rejectText.badEmail),
    requesterName: reader.text('requesterName') || null,
    accountName: reader.text('accountName') || null,
    accountExternalId: reader.text('accountExternalId') || null,
    reply: reader.text('reply') || null,
    extraMessages: extraMessages(reader, mapping),
  };
}
