/**
 * File readers for the public evaluation data sets. This folder is the only
 * part of the triage capability that touches the file system.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { AppError } from '../../core/errors.ts';

/** Streams a CSV file with a header row into records keyed by column name. */
export async function readCsv(path: string, options: { delimiter?: string; columns?: boolean | string[] } = {}): Promise<Record<string, string>[]> {
  const records: Record<string, string>[] = [];
  const parser = openStream(path).pipe(parse({ columns: options.columns ?? true, delimiter: options.delimiter ?? ',', relax_column_count: true, quote: options.delimiter === '\t' ? false : '"' }));

  for await (const record of parser) {
    records.push(record as Record<string, string>);
  }

  return records;
}

/** Reads a text file line by line, gunzipping it when the name ends in .gz. */
export async function readLines(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: openStream(path), crlfDelay: Infinity })) {
    if (line.length > 0) lines.push(line);
  }
  return lines;
}

export async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readText(path)) as T;
}

export async function readText(path: string): Promise<string> {
  if (path.endsWith('.gz')) {
    const chunks: Buffer[] = [];
    for await (const chunk of openStream(path)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  return readFile(path, 'utf8');
}

function openStream(path: string) {
  const stream = createReadStream(path);
  stream.on('error', () => undefined);
  return path.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
}

/** Resolves a file inside the data directory, failing with the expected name when it is missing. */
export async function requireFile(directory: string, name: string): Promise<string> {
  const path = join(directory, name);
  try {
    await readFile(path, { flag: 'r' }).then(() => undefined);
  } catch {
    throw new AppError('invalid_input', `Data file ${name} was not found in ${directory}`, [{ field: '--data', value: directory, fix: `Point --data at the folder that contains ${name}` }]);
  }
  return path;
}
