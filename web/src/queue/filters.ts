/**
 * The queue's view (filters, search, sort and cursor) lives in the URL query
 * string, so a view can be bookmarked and survives a reload. The parameter
 * names are the API's, so the query string passes through unchanged.
 */

export const multiValueFilters = ['status', 'priority', 'category'] as const;
export const singleValueFilters = ['component', 'team', 'assignee', 'account', 'q'] as const;
export const sortableColumns = ['created_at', 'updated_at', 'priority', 'status', 'impact'] as const;
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

// A `sort:` or `order_by:` clause of the query language, outside double quotes, with its comma-separated keys.
const sortClausePattern = /"(?:[^"\\]|\\.)*"|(?<![\w.])(?:sort|order_by)\s*[:=]\s*(-?[\w.]+(?:,-?[\w.]+)*)/gi;

// Query-language sort names and the list sort each stands for.
const querySortColumns: Record<string, string> = {
  created: 'created_at', updated: 'updated_at', priority: 'priority', status: 'status', impact: 'impact', id: 'id',
};

/** Finds the first key of a sort clause in query text, as a list sort such as '-impact'; null when there is none. */
export function sortInQuery(q: string | null): string | null {
  for (const match of (q ?? '').matchAll(sortClausePattern)) {
    const key = match[1]?.split(',')[0];
    if (key) {
      const descending = key.startsWith('-');
      const name = key.replace(/^-/, '').toLowerCase();
      return `${descending ? '-' : ''}${querySortColumns[name] ?? name}`;
    }
  }
  return null;
}

/** Removes every sort clause from query text, keeping the rest of the query. */
function withoutSortClause(q: string): string {
  return q.replace(sortClausePattern, (whole, keys: string | undefined) => (keys === undefined ? whole : '')).replace(/\s{2,}/g, ' ').trim();
}

/**
 * Reads the sort the API applies: a sort clause in `q` takes precedence over
 * the `sort` parameter. A sort the table has no column for (such as `id`)
 * marks no column.
 */
export function readSort(search: URLSearchParams): { column: SortableColumn | null; descending: boolean } {
  const value = sortInQuery(search.get('q')) ?? search.get('sort') ?? defaultSort;
  const descending = value.startsWith('-');
  const column = value.replace(/^-/, '') as SortableColumn;
  if (!sortableColumns.includes(column)) {
    return { column: null, descending };
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
  // Changing a filter leaves the saved view; re-sorting stays in it.
  if (name !== 'sort') {
    next.delete('view');
  }

  return next;
}

// Priority keys sort p1 < p4, so the most urgent come first in ascending order; other columns start descending.
const firstClickDescending: Record<SortableColumn, boolean> = {
  created_at: true, updated_at: true, priority: false, status: true, impact: true,
};

/**
 * Sorts by `column` most important first (newest, P1, highest impact); a
 * second click on the same column flips the direction. A sort clause in the
 * query would override the new order, so it is removed from `q`.
 */
export function withSort(search: URLSearchParams, column: SortableColumn): URLSearchParams {
  const current = readSort(search);
  const descending = current.column === column ? !current.descending : firstClickDescending[column];
  const value = `${descending ? '-' : ''}${column}`;
  const next = withFilter(search, 'sort', value === defaultSort ? null : value);
  const q = next.get('q');
  if (q && sortInQuery(q)) {
    const rest = withoutSortClause(q);
    if (rest) {
      next.set('q', rest);
    } else {
      next.delete('q');
    }
  }

  return next;
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

// Quotes a value for the query language unless it contains only letters, digits and . @ - _.
function queryValue(value: string): string {
  return /^[\w.@-]+$/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** Writes the view in `search` (filters and the search text) as one query-language string, for saving as a view. */
export function toQueryLanguage(search: URLSearchParams): string {
  const terms: string[] = [];
  for (const name of multiValueFilters) {
    const values = readList(search, name);
    if (values.length > 0) terms.push(`${name}:${values.map(queryValue).join(',')}`);
  }
  for (const name of ['component', 'team', 'assignee', 'account'] as const) {
    const value = search.get(name);
    if (value) terms.push(`${name}:${queryValue(value)}`);
  }
  const text = search.get('q')?.trim();
  if (text) terms.push(text);

  return terms.join(' ');
}

/** Opens a saved view: its query and sort replace every filter; `view` marks it as the active one. */
export function withSavedView(search: URLSearchParams, view: { id: number; query: string; sort: string | null }): URLSearchParams {
  const next = new URLSearchParams();
  next.set('view', String(view.id));
  if (view.query) next.set('q', view.query);
  if (view.sort && view.sort !== defaultSort) next.set('sort', view.sort);
  const limit = search.get('limit');
  if (limit) next.set('limit', limit);

  return next;
}

const queryKeywords = new Set(['and', 'or', 'not']);

/**
 * Lists the free-text words of query text: tokens outside double quotes that
 * are not field terms (with `:`, `=`, `<` or `>`), sort clauses or the
 * keywords AND, OR and NOT.
 */
export function bareWords(q: string | null): string[] {
  const unquoted = (q ?? '').replace(/"(?:[^"\\]|\\.)*"/g, ' ');

  return unquoted
    .split(/\s+/)
    .map((token) => token.replace(/^[(-]+|[)]+$/g, ''))
    .filter((token) => token && !/[:=<>]/.test(token) && !queryKeywords.has(token.toLowerCase()));
}
