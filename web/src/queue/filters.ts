/**
 * The queue's view (filters, search, sort and cursor) lives in the URL query
 * string, so a view can be bookmarked and survives a reload. The parameter
 * names are the API's, so the query string passes through unchanged.
 */

export const multiValueFilters = ['status', 'priority', 'category'] as const;
export const singleValueFilters = ['component', 'team', 'assignee', 'account', 'q'] as const;
export const sortableColumns = ['created_at', 'updated_at', 'priority', 'status'] as const;
export const defaultSort = '-created_at';
/** Rows per page unless the URL sets `limit` (the API accepts 1-200). */
export const defaultPageSize = 25;

export type MultiValueFilter = (typeof multiValueFilters)[number];
export type SingleValueFilter = (typeof singleValueFilters)[number];
export type SortableColumn = (typeof sortableColumns)[number];

export function readList(search: URLSearchParams, name: MultiValueFilter): string[] {
  const value = search.get(name);

  return value ? value.split(',').filter(Boolean) : [];
}

export function readSort(search: URLSearchParams): { column: SortableColumn; descending: boolean } {
  const value = search.get('sort') ?? defaultSort;
  const descending = value.startsWith('-');
  const column = value.replace(/^-/, '') as SortableColumn;
  if (!sortableColumns.includes(column)) {
    return { column: 'created_at', descending: true };
  }

  return { column, descending };
}

/** Returns a copy of `search` with one filter changed; any change of view goes back to the first page. */
export function withFilter(search: URLSearchParams, name: string, value: string | string[] | null): URLSearchParams {
  const next = new URLSearchParams(search);
  const text = Array.isArray(value) ? value.join(',') : value;
  if (text) {
    next.set(name, text);
  } else {
    next.delete(name);
  }
  next.delete('cursor');

  return next;
}

/** Sorts by `column` descending first; a second click on the same column flips the direction. */
export function withSort(search: URLSearchParams, column: SortableColumn): URLSearchParams {
  const current = readSort(search);
  const descending = current.column === column ? !current.descending : true;
  const value = `${descending ? '-' : ''}${column}`;

  return withFilter(search, 'sort', value === defaultSort ? null : value);
}

/** Builds the GET /tickets parameters for the view in `search`. */
export function toTicketQuery(search: URLSearchParams): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = { limit: search.get('limit') ?? String(defaultPageSize) };
  for (const name of [...multiValueFilters, ...singleValueFilters, 'sort', 'cursor']) {
    query[name] = search.get(name) ?? undefined;
  }

  return query;
}

/** Drops every filter and the cursor but keeps the sort order and page size. */
export function withoutFilters(search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  for (const name of ['sort', 'limit']) {
    const value = search.get(name);
    if (value) {
      next.set(name, value);
    }
  }

  return next;
}

export function hasFilters(search: URLSearchParams): boolean {
  return [...multiValueFilters, ...singleValueFilters].some((name) => search.has(name));
}
