import { t } from '../i18n/en.ts';

export const apiBase = '/api/v1';

interface ErrorDetail {
  field?: string;
  value?: unknown;
  fix?: string;
}

/** A failed API call, carrying the server's error code, message and field details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// The session's CSRF token, set at login and by GET /auth/me. The API requires
// it on every cookie-authenticated write.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

const writeMethods = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Sends a request with the session cookie and CSRF token; returns the parsed body or throws ApiError. */
export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (writeMethods.has(method) && csrfToken) {
    headers['x-csrf-token'] = csrfToken;
  }

  let response: Response;
  try {
    response = await fetch(`${apiBase}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', t.common.networkError);
  }

  if (response.status === 204) {
    return undefined as T;
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw toApiError(response.status, payload);
  }

  return payload as T;
}

/** Turns an error body `{ error: { code, message, details } }` into an ApiError whose message adds each fix the message lacks. */
function toApiError(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)?.error;
  if (!error?.message) {
    return new ApiError(status, 'unexpected', t.common.unexpectedError(status));
  }

  const details = error.details ?? [];

  return new ApiError(status, error.code ?? 'unexpected', describeError(error.message, details), details);
}

const normalise = (text: string) => text.toLowerCase().replace(/[\s.;:,!?]+/g, ' ').trim();

/**
 * Writes the message once, then each detail's fix as a sentence when it adds
 * something: a fix that repeats the message (query errors put the whole
 * message in the fix) is left out. Field names prefix the fixes only when
 * several fields have one, because a single fix belongs to the message.
 */
export function describeError(message: string, details: ErrorDetail[]): string {
  const shown = normalise(message);
  const fixes = details.filter((detail) => detail.fix && !shown.includes(normalise(detail.fix)));
  const sentences = fixes.map((detail) => {
    const fix = sentence(detail.fix!);
    return fixes.length > 1 && detail.field ? `${detail.field}: ${fix}` : fix;
  });

  return [sentence(message), ...sentences].join(' ');
}

/** Capitalises the first letter and ends the text with a full stop unless it already ends with punctuation. */
function sentence(text: string): string {
  const trimmed = text.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);

  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

export const api = {
  get: <T>(path: string) => apiRequest<T>('GET', path),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};

/**
 * The browser's IANA time zone, sent as `tz` with every query-language request
 * so that day terms such as `created:today` use the agent's calendar day
 * instead of the UTC one. Undefined when the browser does not report a zone.
 */
export function browserTimeZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
}

/** Builds a query string from the set, non-empty values. */
export function toQueryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();

  return text ? `?${text}` : '';
}
