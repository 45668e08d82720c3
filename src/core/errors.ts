/**
 * The one error type that crosses capability boundaries. Each error carries a
 * stable machine code from the closed list below; the HTTP layer alone maps a
 * code to a status (see src/http/errors.ts). Codes are public API: never reuse
 * a retired one. docs/errors.md documents each code.
 */
export const errorCodes = {
  /** A request body or query parameter failed schema validation. */
  invalid_input: 400,
  /** The request body is not well-formed JSON, CSV or UTF-8. */
  malformed_body: 400,
  /** A value is not a key of its controlled vocabulary. */
  unknown_vocabulary_value: 400,
  /** A status change that the ticket lifecycle does not allow. */
  invalid_transition: 422,
  /** A referenced record (account, agent, team...) does not exist. */
  unknown_reference: 422,
  /** No valid session or API token was presented. */
  unauthenticated: 401,
  /** The caller's role does not permit this operation. */
  forbidden: 403,
  /** A state-changing request without a matching CSRF token. */
  csrf_mismatch: 403,
  /** The addressed record does not exist. */
  not_found: 404,
  /** The record changed since the caller read it (version mismatch). */
  version_conflict: 409,
  /** A record with the same unique key already exists. */
  duplicate: 409,
  /** An Idempotency-Key was reused with a different request body. */
  idempotency_mismatch: 409,
  /** The request body exceeds the size limit. */
  body_too_large: 413,
  /** The request media type is not supported. */
  unsupported_media_type: 415,
  /** Too many failed login attempts. */
  rate_limited: 429,
  /** A failure that the caller cannot fix. */
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface ErrorDetail {
  /** Dotted path of the offending field, or a row/column reference. */
  field?: string;
  /** The rejected value, shortened when long. */
  value?: unknown;
  /** What the caller should do instead. */
  fix?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorCodes[this.code];
  }

  toJSON() {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Shortens a rejected value so an error message stays readable. */
export function shortValue(value: unknown, maxLength = 80): unknown {
  if (typeof value === 'string' && value.length > maxLength) {
    return `${value.slice(0, maxLength)}…`;
  }
  return value;
}

export function invalidField(field: string, value: unknown, fix: string, message?: string): AppError {
  return new AppError('invalid_input', message ?? `Invalid value for ${field}: ${fix}`, [
    { field, value: shortValue(value), fix },
  ]);
}

export function notFound(entity: string, id: unknown): AppError {
  return new AppError('not_found', `${entity} ${String(id)} was not found`, [
    { field: 'id', value: id, fix: `use the id of an existing ${entity.toLowerCase()}` },
  ]);
}
