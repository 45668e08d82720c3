/**
 * Segment's HTTP tracking API at the root of the server (/v1/track, /v1/identify,
 * /v1/group, /v1/page, /v1/screen, /v1/batch), so a Segment library or source
 * whose host is this server delivers events unchanged. The routes sit in their
 * own encapsulated scope: they authenticate with a write key instead of an
 * API token, accept text/plain and gzip bodies as Segment's clients send them,
 * and name Segment's size limits when a body is too large.
 */
import zlib from 'node:zlib';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { errorHandler } from '../http/errors.ts';
import { ingestEvents } from './ingest.ts';
import { messages } from './messages.ts';
import { maxBatchBytes, maxEventBytes, type EventType } from './segment.ts';
import { authenticateWriteKey, writeKeyFrom } from './write-keys.ts';

const singleEndpoints: EventType[] = ['track', 'identify', 'group', 'page', 'screen'];

function bodyTooLarge(error: unknown, request: FastifyRequest): unknown {
  if ((error as FastifyError).code !== 'FST_ERR_CTP_BODY_TOO_LARGE') return error;

  const limit = request.routeOptions.bodyLimit ?? maxBatchBytes;
  const message = limit >= maxBatchBytes ? messages.batchTooLarge(limit) : messages.singleTooLarge(limit);
  const fix = limit >= maxBatchBytes ? messages.batchTooLargeFix : messages.eventTooLargeFix;
  return new AppError('body_too_large', message, [{ field: 'body', value: request.headers['content-length'], fix }]);
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('malformed_body', 'The request body is not valid JSON', [{ field: 'body', fix: `fix the JSON syntax: ${(error as Error).message}` }]);
  }
}

function installIngestPlumbing(scope: FastifyInstance) {
  // Browser clients send JSON as text/plain to avoid a CORS preflight.
  scope.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonText(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  scope.addHook('preParsing', async (request, _reply, payload) => {
    if (request.headers['content-encoding'] !== 'gzip') return payload;
    delete request.headers['content-length'];
    return payload.pipe(zlib.createGunzip());
  });

  scope.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => errorHandler(bodyTooLarge(error, request), request, reply));
}

async function sourceOf(context: AppContext, request: FastifyRequest): Promise<number> {
  return authenticateWriteKey(context.db, writeKeyFrom(request.headers.authorization, request.body));
}

function batchOf(body: unknown): { events: unknown[]; sentAt?: string; context?: Record<string, unknown> } {
  const envelope = body as { batch?: unknown; sentAt?: unknown; context?: unknown } | null;
  if (!envelope || typeof envelope !== 'object' || !Array.isArray(envelope.batch)) {
    throw new AppError('invalid_input', 'The body has no batch array', [{ field: 'batch', fix: messages.batchEmptyFix }]);
  }
  if (envelope.batch.length === 0) {
    throw new AppError('invalid_input', messages.batchEmpty, [{ field: 'batch', value: [], fix: messages.batchEmptyFix }]);
  }

  const context = envelope.context && typeof envelope.context === 'object' && !Array.isArray(envelope.context) ? envelope.context as Record<string, unknown> : undefined;
  return { events: envelope.batch, sentAt: typeof envelope.sentAt === 'string' ? envelope.sentAt : undefined, context };
}

export async function registerIngestRoutes(app: FastifyInstance, context: AppContext) {
  await app.register(async (scope) => {
    installIngestPlumbing(scope);
    const config = { writeKeyAuth: true };

    for (const type of singleEndpoints) {
      scope.post(`/v1/${type}`, { bodyLimit: maxEventBytes, config, schema: {
        tags: ['events'],
        summary: `Segment-compatible ${type} call`,
        description: `Records one ${type} call as Segment's HTTP tracking API sends it. Authenticate with an event source's write key as the HTTP Basic user name and an empty password. A repeated messageId is stored once.`,
      } }, async (request) => {
        const sourceId = await sourceOf(context, request);
        const result = await ingestEvents(context.db, [request.body], { sourceId, receivedAt: new Date(), impliedType: type });
        const [rejection] = result.rejected;
        if (rejection) {
          throw new AppError('invalid_input', `${messages.invalidEvent}: ${rejection.reason}`, [{ field: rejection.field, fix: rejection.fix }]);
        }
        return { success: true };
      });
    }

    // Segment clients may send alias calls; they are rejected with advice, after the write key is checked.
    scope.post('/v1/alias', { bodyLimit: maxEventBytes, config, schema: {
      tags: ['events'],
      summary: 'Segment alias call (not supported)',
      description: 'Rejects alias calls with 400 after checking the write key, and advises an identify call with the new userId instead.',
    } }, async (request) => {
      await sourceOf(context, request);
      throw new AppError('invalid_input', messages.aliasUnsupported, [{ field: 'type', value: 'alias', fix: messages.aliasUnsupportedFix }]);
    });

    scope.post('/v1/batch', { bodyLimit: maxBatchBytes, config, schema: {
      tags: ['events'],
      summary: 'Segment-compatible batch of calls',
      description: 'Records a Segment batch of identify, track, page, screen and group calls, authenticated by an event source\'s write key. Good calls are stored even when others in the batch are rejected. The response counts accepted and duplicate calls and lists each rejected call with its index and reason.',
    } }, async (request) => {
      const sourceId = await sourceOf(context, request);
      const batch = batchOf(request.body);
      const result = await ingestEvents(context.db, batch.events, { sourceId, receivedAt: new Date(), batchSentAt: batch.sentAt, batchContext: batch.context });
      return { success: true, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected };
    });
  });
}
