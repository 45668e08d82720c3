import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Replaces Fastify's JSON parser with one that rejects invalid UTF-8 instead of
 * silently turning bad bytes into U+FFFD, so no corrupted text is ever stored.
 */
export function registerStrictJsonParser(app: FastifyInstance) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'application/merge-patch+json'], { parseAs: 'buffer' }, (_request, body, done) => {
    const bytes = body as Buffer;
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      const offset = firstInvalidUtf8Offset(bytes);
      done(new AppError('malformed_body', `The request body is not valid UTF-8 (byte offset ${offset})`, [
        { field: 'body', value: `byte offset ${offset}`, fix: 'encode the body as UTF-8' },
      ]), undefined);
      return;
    }

    // Many HTTP clients send a JSON content type on every request, also on bodiless ones such as
    // a reject. An empty body is therefore no body: a route that needs one rejects it by its schema.
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }

    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new AppError('malformed_body', 'The request body is not valid JSON', [
        { field: 'body', fix: `fix the JSON syntax: ${(error as Error).message}` },
      ]), undefined);
    }
  });
}

function firstInvalidUtf8Offset(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    try {
      strictUtf8.decode(bytes.subarray(0, middle + 1));
      low = middle + 1;
    } catch {
      high = middle;
    }
  }
  return low;
}
