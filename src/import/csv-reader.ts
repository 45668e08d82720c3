import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse, type CsvError, type Info, type Options } from 'csv-parse';
import { AppError } from '../core/errors.ts';
import { rejectText } from './messages.ts';
import type { ReadItem } from './types.ts';
import { decodeLatin1AsUtf8 } from './utf8.ts';

interface Skip {
  seq: number;
  line: number;
  error: CsvError;
  remainder?: string;
}

interface ParsedRecord {
  seq: number;
  line: number;
  fields: string[];
}

/**
 * Parses one CSV text stream. Records and skipped records share one sequence
 * number, so the caller can put rejects in file order. The file is read as
 * latin1 (one char per byte) so each field can be decoded as strict UTF-8 later.
 */
function parseStream(input: Readable, firstLine: number) {
  let seq = 0;
  let lastEndLine = firstLine - 1;
  const skips: Skip[] = [];

  const parser = input.pipe(parse({
    // The byte-order mark is removed from the header instead: csv-parse would switch to UTF-8
    // on seeing it, and the fields would then be decoded twice.
    encoding: 'latin1',
    bom: false,
    raw: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record: { record: string[]; info: Info; raw: string }) => {
      const innerNewlines = record.raw.replace(/\r?\n$/, '').split('\n').length - 1;
      const endLine = firstLine - 1 + record.info.lines;
      const parsed: ParsedRecord = { seq, line: endLine - innerNewlines, fields: record.record };
      seq += 1;
      lastEndLine = endLine;

      return parsed;
    },
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      if (!error) return;
      const remainder = error.code === 'CSV_QUOTE_NOT_CLOSED' ? raw : undefined;
      skips.push({ seq, line: lastEndLine + 1, error, remainder });
      seq += 1;
    },
  } as unknown as Options));

  return { records: parser as AsyncIterable<ParsedRecord>, skips };
}

function rejectForSkip(skip: Skip, row: number): ReadItem {
  const text = skip.error.code.includes('QUOTE') ? rejectText.brokenQuote : rejectText.csvError;

  return { kind: 'reject', reject: { row, line: skip.line, reason: text.reason, value: skip.error.message, fix: text.fix } };
}

/**
 * Reads a CSV file: yields the header, then one item per data record. A
 * broken record becomes a reject and reading goes on. An unclosed quote
 * swallows the rest of the file, so the text after its line is parsed
 * again and the good rows that follow are kept.
 */
export async function* readCsv(path: string, onBytes: (bytes: number) => void): AsyncGenerator<ReadItem> {
  const file = fs.createReadStream(path);
  file.on('data', (chunk) => onBytes(chunk.length));

  let input: Readable = file;
  let firstLine = 1;
  let header: string[] | null = null;
  let row = 0;

  while (input) {
    const { records, skips } = parseStream(input, firstLine);
    let pending: Skip | undefined;
    let skipIndex = 0;

    const flushSkips = function* (beforeSeq: number): Generator<ReadItem> {
      while (skipIndex < skips.length && skips[skipIndex].seq < beforeSeq) {
        const skip = skips[skipIndex++];
        row += 1;
        yield rejectForSkip(skip, row);
        if (skip.remainder !== undefined) pending = skip;
      }
    };

    for await (const record of records) {
      yield* flushSkips(record.seq);

      if (!header) {
        header = readHeader(record.fields);
        yield { kind: 'header', columns: header };
        continue;
      }

      row += 1;
      yield toRowItem(header, record, row);
    }
    yield* flushSkips(Number.POSITIVE_INFINITY);

    if (!pending?.remainder) break;
    const rest = pending.remainder.replace(/^[^\n]*\n?/, '');
    if (!rest) break;
    input = Readable.from([Buffer.from(rest, 'latin1')]);
    firstLine = pending.line + 1;
  }
}

const utf8ByteOrderMark = '\u00ef\u00bb\u00bf';
const utf16ByteOrderMarks = ['\u00ff\u00fe', '\u00fe\u00ff'];

/** Decodes the header row, without the UTF-8 byte-order mark that spreadsheet programs write. */
function readHeader(fields: string[]): string[] {
  const [first = '', ...rest] = fields;
  if (utf16ByteOrderMarks.some((mark) => first.startsWith(mark))) {
    throw new AppError('invalid_input', rejectText.utf16File.reason, [{ field: 'FILE', fix: rejectText.utf16File.fix }]);
  }

  const names = [first.startsWith(utf8ByteOrderMark) ? first.slice(utf8ByteOrderMark.length) : first, ...rest];
  try {
    return names.map((name) => decodeLatin1AsUtf8(name).trim());
  } catch {
    throw new AppError('invalid_input', rejectText.invalidUtf8Header.reason, [{ field: 'FILE', fix: rejectText.invalidUtf8Header.fix }]);
  }
}

function toRowItem(header: string[], record: ParsedRecord, row: number): ReadItem {
  const position = { row, line: record.line };

  if (record.fields.length !== header.length) {
    const { reason, fix } = rejectText.fieldCount;
    return { kind: 'reject', reject: { ...position, reason: `${reason}: expected ${header.length}, got ${record.fields.length}`, fix } };
  }

  const values: Record<string, string> = {};
  for (let index = 0; index < header.length; index += 1) {
    try {
      values[header[index]] = decodeLatin1AsUtf8(record.fields[index]);
    } catch {
      const { reason, fix } = rejectText.invalidUtf8;
      return { kind: 'reject', reject: { ...position, reason, field: header[index], fix } };
    }
  }

  return { kind: 'row', position, row: values };
}
