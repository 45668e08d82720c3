import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../core/errors.ts';
import { detailsForIssues, type SchemaIssue } from './validation-fixes.ts';

function validationError(error: FastifyError & { validation: SchemaIssue[] }, request: FastifyRequest): AppError {
  const context = error.validationContext ?? 'body';
  const parts = {
    querystring: { source: request.query, name: 'query string' },
    params: { source: request.params, name: 'path' },
  } as const;
  const { source, name: contextName } = parts[context as keyof typeof parts] ?? { source: request.body, name: 'request body' };
  const details = detailsForIssues(error.validation, source, contextName);
  const summary = details.map((detail) => `${detail.field}: ${detail.fix}`).join('; ');

  return new AppError('invalid_input', `Invalid ${contextName}: ${summary}`, details);
}

/** Translates Fastify's own errors (parsing, limits) into AppError codes. */
function fromFastifyError(error: FastifyError, request: FastifyRequest): AppError {
  if (hasZodFastifySchemaValidationErrors(error)) {
    return validationError(error as never, request);
  }

  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('body_too_large', 'The request body is larger than the server accepts', [
        { field: 'body', value: request.headers['content-length'], fix: 'send a smaller body or split the request' },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', `Unsupported Content-Type ${request.headers['content-type'] ?? '(none)'}`, [
        { field: 'content-type', value: request.headers['content-type'], fix: 'send application/json' },
      ]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('malformed_body', 'The request body is not valid JSON', [
        { field: 'body', fix: error.message },
      ]);
    default:
      break;
  }

  if (error.statusCode === 400 && error instanceof SyntaxError) {
    return new AppError('malformed_body', 'The request body is not valid JSON', [{ field: 'body', fix: error.message }]);
  }

  return new AppError('internal', 'Internal server error');
}

export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) {
    return error;
  }
  return fromFastifyError(error as FastifyError, request);
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error, request);

  if (appError.code === 'internal') {
    request.log.error({ err: error }, 'request failed');
  }

  return reply.status(appError.status).send({ error: appError.toJSON() });
}
