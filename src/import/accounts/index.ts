import { performance } from 'node:perf_hooks';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../store/index.ts';
import { loadVocabularies } from '../../vocabularies/index.ts';
import { readCsv } from '../csv-reader.ts';
import { readJson, readJsonl } from '../json-readers.ts';
import { errorText, rejectText } from '../messages.ts';
import { RowProblem } from '../normalize.ts';
import { planImport, type PlannedFile } from '../plan.ts';
import { RejectsFile } from '../rejects.ts';
import type { ImportOptions, ImportSummary, RowPosition, SourceRow } from '../types.ts';
import { accountMapping, assertAccountColumns, type AccountFieldMap } from './mapping.ts';
import { toAccountDraft, type AccountDraft, type AccountLookups } from './normalize.ts';
import { writeAccountBatch } from './writer.ts';

const readers = { csv: readCsv, json: readJson, jsonl: readJsonl };

interface AccountRun {
  db: Db;
  file: string;
  rejects: RejectsFile;
  agentIds: Map<string, number>;
  batch: AccountDraft[];
  positions: RowPosition[];
  batchNumber: number;
  imported: number;
  updated: number;
}

async function loadLookups(db: Db): Promise<{ lookups: AccountLookups; agentIds: Map<string, number> }> {
  const tiers = (await loadVocabularies(db)).tier?.filter((term) => term.active) ?? [];
  const agents = await db.query<{ id: number; email: string }>('select id, lower(email) as email from agents');
  const agentIds = new Map(agents.map((agent) => [agent.email, agent.id]));
  const lookups: AccountLookups = {
    tierKey: (value) => tiers.find((term) => term.key === value.toLowerCase() || term.label.toLowerCase() === value.toLowerCase())?.key,
    tierKeys: tiers.map((term) => term.key),
    agentId: (email) => agentIds.get(email.toLowerCase()),
  };
  return { lookups, agentIds };
}

/** Writes the pending batch; when the database rejects it, writes its rows one by one so only the offending rows become rejects. */
async function flush(run: AccountRun): Promise<void> {
  const { batch, positions } = run;
  if (batch.length === 0) return;
  run.batch = [];
  run.positions = [];

  const write = async (drafts: AccountDraft[]) => {
    run.batchNumber += 1;
    const result = await writeAccountBatch(run.db, drafts, run.agentIds, { file: run.file, batch: run.batchNumber });
    run.imported += result.imported;
    run.updated += result.updated;
  };
  try {
    await write(batch);
  } catch {
    for (const [index, draft] of batch.entries()) {
      await write([draft]).catch((error: Error) => run.rejects.write({ ...positions[index], ...rejectText.databaseError(error.message) }));
    }
  }
}

/** Reads the file row by row into batches; returns the number of data rows read. */
async function readAccountRows(run: AccountRun, file: PlannedFile, options: ImportOptions, lookups: AccountLookups): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let fields: AccountFieldMap | null = null;
  let rows = 0;
  let bytesRead = 0;
  const onBytes = (bytes: number) => {
    bytesRead += bytes;
    options.onProgress?.(bytesRead, file.size);
  };

  for await (const item of readers[file.format](file.path, onBytes)) {
    if (item.kind === 'header') {
      fields = accountMapping(item.columns, options);
      assertAccountColumns(fields, item.columns, file.path);
      continue;
    }
    if (options.limit !== undefined && rows >= options.limit) break;
    rows += 1;
    if (item.kind === 'reject') {
      await run.rejects.write(item.reject);
      continue;
    }

    // NOTE: a JSON file without a header takes its mapping from the first row's keys, so later rows' extra keys are not guessed.
    fields ??= accountMapping(Object.keys(item.row as SourceRow), options);
    try {
      run.batch.push(toAccountDraft(item.row, fields, lookups));
      run.positions.push(item.position);
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      await run.rejects.write({ ...item.position, ...error.problem });
    }
    if (run.batch.length >= batchSize) await flush(run);
  }
  return rows;
}

/**
 * Imports accounts from a CSV, JSON or JSON Lines file. A row updates the
 * account with its external id (or, without one, the account of the same
 * name that has no external id) and creates one otherwise, so importing the
 * same file twice changes nothing. An empty cell leaves the stored value as it is.
 */
export async function importAccounts(db: Db, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  if (options.preset) {
    throw new AppError('invalid_input', 'Presets describe ticket files and do not apply to accounts', [
      { field: '--preset', value: options.preset, fix: 'drop --preset and map the account columns with --map' },
    ]);
  }
  const [file] = planImport(options).files;
  const rejects = new RejectsFile(options.rejectsPath ?? `${options.path}.rejects.jsonl`);
  const { lookups, agentIds } = await loadLookups(db);
  const run: AccountRun = { db, file: file.path, rejects, agentIds, batch: [], positions: [], batchNumber: 0, imported: 0, updated: 0 };

  let rows: number;
  try {
    rows = await readAccountRows(run, file, options, lookups);
    await flush(run);
  } finally {
    await rejects.close();
  }

  if (rows === 0) throw new AppError('invalid_input', errorText.emptyFile(options.path), [{ field: 'FILE', value: options.path, fix: 'give a file with a header and at least one data row' }]);
  if (rejects.count === rows) {
    throw new AppError('invalid_input', errorText.allRejected(options.path, rejects.path), [{ field: 'FILE', value: options.path, fix: 'fix the rows or the mapping (--map, --mapping) and import again' }]);
  }
  return {
    imported: run.imported, updated: run.updated, rejected: rejects.count, seconds: Math.round(performance.now() - started) / 1000,
    source: 'accounts', file: options.path, ...(rejects.count > 0 ? { rejectsFile: rejects.path } : {}),
  };
}
