/** A value read from one cell of a source file: text for CSV, any JSON value otherwise. */
export type CellValue = unknown;

/** One data row as read from a file, keyed by column name (array rows use "0", "1", ...). */
export type SourceRow = Record<string, CellValue>;

export type ImportFormat = 'csv' | 'json' | 'jsonl';

/** Position of a row for rejects: `row` counts data rows from 1, `line` is the physical line (CSV and JSONL). */
export interface RowPosition {
  row: number;
  line?: number;
}

export interface RejectEntry extends RowPosition {
  file?: string;
  reason: string;
  field?: string;
  value?: unknown;
  fix: string;
}

/** A read result: the header (CSV), a row, or a row the reader could not parse. */
export type ReadItem =
  | { kind: 'header'; columns: string[] }
  | { kind: 'row'; position: RowPosition; row: SourceRow }
  | { kind: 'reject'; reject: RejectEntry };

/** Maps a target ticket field to one source column, or to several (tags and message lists). */
export type FieldMap = Record<string, string | string[]>;

/** Value maps per vocabulary field, applied case-insensitively before the vocabulary check. */
export type ValueMaps = Partial<Record<'status' | 'priority' | 'category' | 'channel' | 'team' | 'component', Record<string, string>>>;

export interface VocabularyTermSeed {
  key: string;
  label: string;
}

/** The full description of how one file's rows become tickets. */
export interface ImportMapping {
  fields: FieldMap;
  values: ValueMaps;
  /** Values used when a mapped column is empty or no column is mapped. */
  defaults: Record<string, string>;
  /** Columns whose content identifies a row when no externalId is mapped; all columns when absent. */
  idColumns?: string[];
  /** Fill an empty subject from the body, or an empty body from the subject, instead of rejecting the row. */
  fillSubjectFromBody?: boolean;
  fillBodyFromSubject?: boolean;
  createTeams?: boolean;
  createComponents?: boolean;
  /** Category terms inserted into the vocabulary before the rows. */
  categoryTerms?: VocabularyTermSeed[];
}

export interface ImportOptions {
  /** A file, or a directory when the preset names its files. */
  path: string;
  /** What each row becomes: a ticket (the default) or an account. */
  entity?: 'tickets' | 'accounts';
  format?: ImportFormat;
  preset?: string;
  /** Extra field=column pairs that override the preset or default mapping. */
  map?: Record<string, string>;
  /** A mapping document (JSON) with fields, values and defaults. */
  mappingFile?: string;
  source?: string;
  rejectsPath?: string;
  limit?: number;
  batchSize?: number;
  /** Called with the bytes read so far and the total size, for a progress bar. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface ImportSummary {
  imported: number;
  updated: number;
  rejected: number;
  seconds: number;
  source: string;
  file: string;
  rejectsFile?: string;
}

/** A team or component as the row names it: `key` is the record key, `name` the label for one created from it. */
export interface NamedKey {
  key: string;
  name: string;
}

/** A row that passed every check, with references still named by key, email or external id. */
export interface TicketDraft {
  externalId: string;
  subject: string;
  body: string;
  status: string;
  priority: string;
  category: string | null;
  channel: string;
  language: string | null;
  component: NamedKey | null;
  team: NamedKey | null;
  tags: string[];
  custom: Record<string, unknown>;
  createdAt: string | null;
  requesterEmail: string | null;
  requesterName: string | null;
  accountName: string | null;
  accountExternalId: string | null;
  reply: string | null;
  extraMessages: string[];
}
