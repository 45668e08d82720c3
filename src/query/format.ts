import type { QueryResult } from './run.ts';

export type OutputFormat = 'table' | 'json' | 'csv';

/** Renders a query result for a terminal: an aligned table, JSON or CSV, ending with a newline. */
export function formatQueryResult(result: QueryResult, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;

  const { header, rows } = toCells(result);
  if (format === 'csv') return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';

  const table = alignColumns([header, ...rows]);
  const footer = result.kind === 'tickets' ? `${result.items.length} of ${result.total} tickets\n` : `${result.rows.length} groups\n`;

  return `${table}\n${footer}`;
}

function toCells(result: QueryResult): { header: string[]; rows: string[][] } {
  if (result.kind === 'aggregate') {
    return { header: ['group', 'value'], rows: result.rows.map((row) => [text(row.group), text(row.value)]) };
  }

  return {
    header: ['id', 'subject', 'status', 'priority', 'account', 'assignee', 'created'],
    rows: result.items.map((item) => [
      String(item.id),
      item.subject,
      item.status,
      item.priority,
      item.account?.name ?? '',
      item.assignee?.email ?? '',
      item.createdAt,
    ]),
  };
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

const maxCellWidth = 48;

function alignColumns(rows: string[][]): string {
  const clipped = rows.map((row) => row.map((cell) => (cell.length > maxCellWidth ? `${cell.slice(0, maxCellWidth - 1)}…` : cell)));
  const widths = clipped[0].map((_, column) => Math.max(...clipped.map((row) => row[column].length)));

  return clipped.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

function csvCell(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
