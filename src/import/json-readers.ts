import fs from 'node:fs';
import readline from 'node:readline';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { rejectText } from './messages.ts';
import type { ReadItem, RowPosition, SourceRow } from './types.ts';
import { decodeLatin1AsUtf8, hasReplacementChar } from './utf8.ts';

/** Column that carries the name of the top-level property whose array held the row. */
export const sectionColumn = '$section';

function toSourceRow(value: unknown): SourceRow | null {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((cell, index) => [String(index), cell]));
  }
  if (value && typeof value === 'object') {
    return value as SourceRow;
  }

  return null;
}

function findReplacementChar(row: SourceRow): string | undefined {
  return Object.keys(row).find((key) => typeof row[key] === 'string' && hasReplacementChar(row[key] as string));
}

function rowItem(value: unknown, position: RowPosition, section?: string): ReadItem {
  const row = toSourceRow(value);
  if (!row) {
    return { kind: 'reject', reject: { ...position, ...rejectText.notObject, value: JSON.stringify(value)?.slice(0, 80) } };
  }

  const badField = findReplacementChar(row);
  if (badField !== undefined) {
    return { kind: 'reject', reject: { ...position, ...rejectText.invalidUtf8, field: badField } };
  }

  return { kind: 'row', position, row: section === undefined ? row : { ...row, [sectionColumn]: section } };
}

/** True for the elements of a top-level array, or of an array that is a top-level property. */
function isRowPath(stack: (string | number | null)[]): boolean {
  if (stack.length === 1) return typeof stack[0] === 'number';

  return stack.length === 2 && typeof stack[0] === 'string' && typeof stack[1] === 'number';
}

/**
 * Streams the rows of a JSON document: the elements of a top-level array, or,
 * for an object of arrays (data set splits), the elements of each array with
 * the property name in the `$section` column. The parser turns invalid UTF-8
 * into U+FFFD, so a string holding U+FFFD is rejected as invalid UTF-8.
 */
export async function* readJson(path: string, onBytes: (bytes: number) => void): AsyncGenerator<ReadItem> {
  const file = fs.createReadStream(path);
  file.on('data', (chunk) => onBytes(chunk.length));

  let section: string | undefined;
  const rowFilter = (stack: (string | number | null)[]) => {
    const matches = isRowPath(stack);
    if (matches) section = stack.length === 2 ? String(stack[0]) : undefined;
    return matches;
  };
  // The last step runs as soon as a value is assembled, before the next value starts, so `section` is still its own.
  const pipeline = chain([file, parser(), pick({ filter: rowFilter }), streamValues(), (item: { value: unknown }) => ({ value: item.value, section })]);

  let row = 0;
  for await (const item of pipeline as AsyncIterable<{ value: unknown; section?: string }>) {
    row += 1;
    yield rowItem(item.value, { row }, item.section);
  }
}

/** Streams the rows of a JSON Lines file; a line that is not valid UTF-8 or JSON becomes a reject. */
export async function* readJsonl(path: string, onBytes: (bytes: number) => void): AsyncGenerator<ReadItem> {
  // latin1 keeps one char per byte, so each line can be checked as strict UTF-8.
  const file = fs.createReadStream(path, { encoding: 'latin1' });
  file.on('data', (chunk) => onBytes(chunk.length));
  const lines = readline.createInterface({ input: file, crlfDelay: Infinity });

  let line = 0;
  let row = 0;
  for await (const raw of lines) {
    line += 1;
    if (!raw.trim()) continue;
    row += 1;
    yield parseJsonLine(line === 1 ? raw.replace(/^\xef\xbb\xbf/, '') : raw, { row, line });
  }
}

function parseJsonLine(raw: string, position: RowPosition): ReadItem {
  let text: string;
  try {
    text = decodeLatin1AsUtf8(raw);
  } catch {
    return { kind: 'reject', reject: { ...position, ...rejectText.invalidUtf8 } };
  }

  try {
    return rowItem(JSON.parse(text), position);
  } catch (error) {
    return { kind: 'reject', reject: { ...position, ...rejectText.invalidJson, value: (error as Error).message } };
  }
}
