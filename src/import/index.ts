import { performance } from 'node:perf_hooks';
import type { AppContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import type { Db } from '../store/index.ts';
import { readCsv } from './csv-reader.ts';
import { readJson, readJsonl } from './json-readers.ts';
import { assertColumns, assertRequiredFields, guessMapping, mappedColumns } from './mapping.ts';
import { errorText, rejectText } from './messages.ts';
import { RowProblem, toDraft } from './normalize.ts';
import { planImport, type ImportPlan, type PlannedFile } from './plan.ts';
import { ReferenceCache } from './references.ts';
import { RejectsFile } from './rejects.ts';
import type { ImportMapping, ImportOptions, ImportSummary, ReadItem, RowPosition, SourceRow, TicketDraft } from './types.ts';
import { writeBatch, writeReferences } from './writer.ts';
import { importAccounts } from './accounts/index.ts';

export type { ImportOptions, ImportSummary, ImportFormat, RejectEntry } from './types.ts';
export { presets } from './presets/index.ts';
export { parseMapOptions } from './mapping.ts';

export const defaultBatchSize = 500;

const readers = { csv: readCsv, json: readJson, jsonl: readJsonl };

interface RunState {
  db: Db;
  plan: ImportPlan;
  references: ReferenceCache;
  rejects: RejectsFile;
  batch: TicketDraft[];
  positions: RowPosition[];
  inFlight: Promise<void>[];
  maxInFlight: number;
  batchSize: number;
  batchNumber: number;
  rows: number;
  imported: number;
  updated: number;
  bytesRead: number;
  totalBytes: number;
  options: ImportOptions;
}

/** Picks the first candidate mapping whose columns the header has, applies overrides and checks it. */
function chooseMapping(state: RunState, file: PlannedFile, columns: string[], checkColumns: boolean): ImportMapping {
  const known = new Set(columns);
  const fitting = file.mappings.find((mapping) => mappedColumns(mapping).every((column) => known.has(column)));
  const mapping = state.plan.override(fitting ?? file.mappings[0] ?? guessMapping(columns));

  // JSON rows may leave out optional keys, so only a CSV header is checked column by column.
  if (checkColumns) assertColumns(mapping, columns, file.path);
  assertRequiredFields(mapping, columns);

  return mapping;
}

async function write(state: RunState, file: PlannedFile, drafts: TicketDraft[]) {
  state.batchNumber += 1;
  const result = await writeBatch(state.db, { source: state.plan.source, file: file.path, batch: state.batchNumber }, drafts, state.references);
  state.imported += result.imported;
  state.updated += result.updated;
}

/**
 * Writes a batch. When the database rejects it (a value too long for a text
 * index, say), its rows are written one by one so that only the offending
 * rows become rejects.
 */
async function writeWithFallback(state: RunState, file: PlannedFile, batch: TicketDraft[], positions: RowPosition[]) {
  try {
    await write(state, file, batch);
  } catch {
    for (const [index, draft] of batch.entries()) {
      try {
        await write(state, file, [draft]);
      } catch (error) {
        const problem = rejectText.databaseError((error as Error).message);
        await state.rejects.write({ ...positions[index], file: multiFile(state) ? file.path : undefined, ...problem });
      }
    }
  }
}

/**
 * Writes the pending batch's references, then starts its ticket write. On
 * PostgreSQL up to `maxInFlight` ticket writes overlap, so the server works
 * on one batch while the next is parsed and sent. References are written one
 * batch at a time, which keeps two batches from creating the same account.
 */
async function flush(state: RunState, file: PlannedFile) {
  const { batch, positions } = state;
  if (batch.length === 0) return;
  state.batch = [];
  state.positions = [];

  await writeReferences(state.db, batch, state.references);
  state.inFlight.push(writeWithFallback(state, file, batch, positions));
  if (state.inFlight.length >= state.maxInFlight) {
    await state.inFlight.shift();
  }
}

async function drain(state: RunState) {
  const pending = state.inFlight;
  state.inFlight = [];
  await Promise.all(pending);
}

async function handleRow(state: RunState, file: PlannedFile, mapping: ImportMapping, item: Extract<ReadItem, { kind: 'row' }>) {
  try {
    state.batch.push(toDraft(item.row, mapping, state.references.lookups));
    state.positions.push(item.position);
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    await state.rejects.write({ ...item.position, file: multiFile(state) ? file.path : undefined, ...error.problem });
  }

  if (state.batch.length >= state.batchSize) await flush(state, file);
}

function multiFile(state: RunState): boolean {
  return state.plan.files.length > 1;
}

async function prepareMapping(state: RunState, file: PlannedFile, columns: string[], checkColumns: boolean) {
  const mapping = chooseMapping(state, file, columns, checkColumns);
  await state.references.seed(state.db, mapping);
  await state.references.load(state.db);

  return mapping;
}

/**
 * Streams one file into the database; returns false once the row limit is reached.
 * Without a preset, a JSON file's mapping comes from the keys seen so far, since
 * a row may leave out keys, so a row with a new key widens it.
 */
async function importOne(state: RunState, file: PlannedFile): Promise<boolean> {
  let mapping: ImportMapping | null = null;
  const seenKeys = new Set<string>();
  const guessFromKeys = file.format !== 'csv' && file.mappings.length === 0;
  const onBytes = (bytes: number) => {
    state.bytesRead += bytes;
    state.options.onProgress?.(state.bytesRead, state.totalBytes);
  };
  let complete = true;

  for await (const item of readers[file.format](file.path, onBytes)) {
    if (item.kind === 'header') {
      mapping = await prepareMapping(state, file, item.columns, true);
      continue;
    }
    if (state.options.limit !== undefined && state.rows >= state.options.limit) {
      complete = false;
      break;
    }

    state.rows += 1;
    if (item.kind === 'reject') {
      await state.rejects.write({ ...item.reject, file: multiFile(state) ? file.path : undefined });
      continue;
    }

    const keys = Object.keys(item.row as SourceRow);
    if (!mapping || (guessFromKeys && keys.some((key) => !seenKeys.has(key)))) {
      keys.forEach((key) => seenKeys.add(key));
      mapping = await prepareMapping(state, file, [...seenKeys], false);
    }
    await handleRow(state, file, mapping, item);
  }
  await flush(state, file);
  await drain(state);

  return complete;
}

async function importFiles(state: RunState) {
  for (const file of state.plan.files) {
    try {
      if (!(await importOne(state, file))) break;
    } catch (error) {
      if (error instanceof AppError) throw error;
      // Rows already read stay imported: write them before reporting the unreadable rest.
      await flush(state, file);
      await drain(state);
      throw new AppError('malformed_body', errorText.unreadableFile(file.path, (error as Error).message), [
        { field: 'FILE', value: file.path, fix: `repair the file; ${state.imported + state.updated} rows before the error were imported` },
      ]);
    }
  }
}

/**
 * Imports a CSV, JSON or JSON Lines file (or a preset's directory) into
 * tickets and messages. Rows are written in batches, one transaction each;
 * rows that fail a check go to the rejects file and the import goes on.
 * Raises AppError when the file or mapping is unusable or every row was rejected.
 */
export async function importFile(target: AppContext | Db, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const db = 'db' in target ? target.db : target;
  if (options.entity === 'accounts') return importAccounts(db, options);
  const plan = planImport(options);
  const rejects = new RejectsFile(options.rejectsPath ?? `${options.path.replace(/[\\/]+$/, '')}.rejects.jsonl`);
  const references = new ReferenceCache();
  await references.load(db);

  const state: RunState = {
    db, plan, references, rejects, options,
    batch: [], positions: [], inFlight: [], maxInFlight: db.engine === 'postgres' ? 3 : 1, batchSize: options.batchSize ?? defaultBatchSize, batchNumber: 0,
    rows: 0, imported: 0, updated: 0, bytesRead: 0,
    totalBytes: plan.files.reduce((sum, file) => sum + file.size, 0),
  };

  try {
    await importFiles(state);
  } finally {
    await rejects.close();
  }

  return summarise(state, options, started);
}

/** The error of an import that rejected every row, with the summary a script still reads. */
export class AllRowsRejectedError extends AppError {
  constructor(readonly summary: ImportSummary) {
    super('invalid_input', errorText.allRejected(summary.file, summary.rejectsFile ?? ''), [
      { field: 'FILE', value: summary.file, fix: 'fix the rows or the mapping (--map, --mapping, --preset) and import again' },
    ]);
  }
}

function summarise(state: RunState, options: ImportOptions, started: number): ImportSummary {
  const rejected = state.rejects.count;
  if (state.rows === 0) {
    throw new AppError('invalid_input', errorText.emptyFile(options.path), [{ field: 'FILE', value: options.path, fix: 'give a file with a header and at least one data row' }]);
  }

  const summary: ImportSummary = {
    imported: state.imported,
    updated: state.updated,
    rejected,
    seconds: Math.round(performance.now() - started) / 1000,
    source: state.plan.source,
    file: options.path,
    ...(rejected > 0 ? { rejectsFile: state.rejects.path } : {}),
  };
  if (rejected === state.rows) throw new AllRowsRejectedError(summary);
  return summary;
}
