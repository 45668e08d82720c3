import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorDetail, shortValue } from '../core/errors.ts';

/** Reads the value at a JSON pointer such as '/customer/email' so a 400 can echo what was sent. */
function valueAtPointer(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const segment of pointer.split('/').filter(Boolean)) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function fieldFromPointer(pointer: string): string {
  return pointer.split('/').filter(Boolean).join('.');
}

function validationError(error: FastifyError & { validation: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> }, request: FastifyRequest): AppError {
  const source = error.validationContext === 'querystring' ? request.query : error.validationContext === 'params' ? request.params : request.body;
  const details: ErrorDetail[] = error.validation.map((issue) => {
    const unknownKeys = issue.params?.keys as string[] | undefined;
    const field = fieldFromPointer(issue.instancePath) || (unknownKeys?.join(', ') ?? error.validationContext ?? 'body');
    if (unknownKeys?.length) {
      return { field, value: unknownKeys, fix: `remove the unknown field${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.join(', ')}` };
    }
    return {
      field,
      value: shortValue(valueAtPointer(source, issue.instancePath)),
      fix: issue.message ?? 'send a value of the documented type',
    };
  });
  const summary = details.map((detail) => `${detail.field}: ${detail.fix}`).join('; ');

  return new AppError('invalid_input', `Invalid ${error.validationContext ?? 'request'}: ${summary}`, details);
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
