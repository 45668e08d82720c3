/**
 * Validation and normalisation of events in Segment's HTTP tracking format
 * (track, identify, group, page, screen). Pure functions: no I/O.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { messages } from './messages.ts';

export const eventTypes = ['track', 'identify', 'group', 'page', 'screen'] as const;
export type EventType = (typeof eventTypes)[number];

/** Segment's limits: 32 KB per event, 500 KB per batch request. */
export const maxEventBytes = 32 * 1024;
export const maxBatchBytes = 500 * 1024;

export interface NormalizedEvent {
  index: number;
  type: EventType;
  messageId: string;
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  groupId: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  occurredAt: Date;
}

export interface EventRejection {
  index: number;
  messageId?: string;
  reason: string;
  field: string;
  fix: string;
}

export type EventOutcome = { ok: true; event: NormalizedEvent } | { ok: false; rejection: EventRejection };

const identifier = z.union([z.string().trim().min(1).max(200), z.number()]).transform(String);
const jsonObject = z.record(z.string(), z.unknown());
const dateTime = z.iso.datetime({ offset: true });

const segmentEvent = z.object({
  type: z.enum([...eventTypes, 'alias']),
  messageId: z.string().min(1).max(200).optional(),
  userId: identifier.nullish(),
  anonymousId: identifier.nullish(),
  groupId: identifier.nullish(),
  event: z.string().trim().min(1).max(200).optional(),
  name: z.string().max(200).nullish(),
  properties: jsonObject.optional(),
  traits: jsonObject.optional(),
  context: jsonObject.optional(),
  integrations: jsonObject.optional(),
  timestamp: dateTime.nullish(),
  sentAt: dateTime.nullish(),
});

/** The fix shown for each field that can fail validation. */
const fixes: Record<string, string> = {
  type: messages.unsupportedType,
  messageId: 'send a string of 1 to 200 characters that is unique per event',
  userId: 'send a userId or an anonymousId (a string of 1 to 200 characters)',
  anonymousId: 'send a userId or an anonymousId (a string of 1 to 200 characters)',
  groupId: 'send the groupId of the account (a string of 1 to 200 characters)',
  event: 'send the event name, such as "Report Exported" (1 to 200 characters)',
  name: 'send a page or screen name of at most 200 characters',
  properties: 'send properties as a JSON object',
  traits: 'send traits as a JSON object',
  context: 'send context as a JSON object',
  integrations: 'send integrations as a JSON object',
  timestamp: 'use an ISO 8601 date-time with a time zone, such as 2024-05-01T12:00:00Z',
  sentAt: 'use an ISO 8601 date-time with a time zone, such as 2024-05-01T12:00:00Z',
};

export interface NormalizeOptions {
  index: number;
  /** The type the endpoint implies (/v1/track...); the batch endpoint leaves it to each event. */
  impliedType?: EventType;
  receivedAt: Date;
  /** Batch-level sentAt and context, applied to events that do not set their own. */
  batchSentAt?: string;
  batchContext?: Record<string, unknown>;
}

/** Checks one raw event and returns it normalised, or the reason it is rejected. */
export function normalizeEvent(raw: unknown, options: NormalizeOptions): EventOutcome {
  const { index } = options;
  const rawMessageId = typeof (raw as { messageId?: unknown })?.messageId === 'string' ? (raw as { messageId: string }).messageId : undefined;
  const reject = (field: string, reason: string, fix = fixes[field] ?? 'see docs/events.md'): EventOutcome =>
    ({ ok: false, rejection: { index, ...(rawMessageId ? { messageId: rawMessageId } : {}), reason, field, fix } });

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return reject('(event)', 'the event is not a JSON object', 'send each event as a JSON object');

  const size = Buffer.byteLength(JSON.stringify(raw));
  if (size > maxEventBytes) return reject('(event)', messages.eventTooLarge(maxEventBytes, size), messages.eventTooLargeFix);

  const input = options.impliedType ? { ...raw, type: options.impliedType } : raw;
  const parsed = segmentEvent.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join('.') || '(event)';
    return reject(field, `${field}: ${issue.message}`, fixes[String(issue.path[0])]);
  }

  const event = parsed.data;
  if (event.type === 'alias') return reject('type', messages.aliasUnsupported, messages.aliasUnsupportedFix);
  if (!event.userId && !event.anonymousId) return reject('userId', 'userId or anonymousId is required');
  if (event.type === 'track' && !event.event) return reject('event', 'event is required for a track call');
  if (event.type === 'group' && !event.groupId) return reject('groupId', 'groupId is required for a group call');

  const context = { ...(options.batchContext ?? {}), ...(event.context ?? {}) };
  const properties = event.properties ?? {};

  return {
    ok: true,
    event: {
      index,
      type: event.type,
      messageId: event.messageId ?? crypto.randomUUID(),
      name: eventName(event.type, event.event, event.name, properties),
      userId: event.userId ?? null,
      anonymousId: event.anonymousId ?? null,
      groupId: event.type === 'group' ? event.groupId! : groupIdFrom(context, properties),
      properties,
      traits: event.traits ?? {},
      context,
      occurredAt: occurredAt(event.timestamp ?? undefined, event.sentAt ?? options.batchSentAt, options.receivedAt),
    },
  };
}

function eventName(type: EventType, event: string | undefined, name: string | null | undefined, properties: Record<string, unknown>): string | null {
  if (type === 'track') return event!;
  if (type === 'page' || type === 'screen') {
    const fromProperties = typeof properties.name === 'string' ? properties.name : null;
    return name || fromProperties;
  }
  return null;
}

function groupIdFrom(context: Record<string, unknown>, properties: Record<string, unknown>): string | null {
  for (const candidate of [context.groupId, properties.groupId]) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
    if (typeof candidate === 'number') return String(candidate);
  }
  return null;
}

/**
 * Returns when the event happened. Like Segment, a timestamp sent together
 * with sentAt is corrected for the sender's clock skew: the offset between
 * sentAt and the time we received the request is added to it.
 */
export function occurredAt(timestamp: string | undefined, sentAt: string | undefined, receivedAt: Date): Date {
  if (!timestamp) return receivedAt;

  const stamped = new Date(timestamp);
  if (!sentAt || Number.isNaN(Date.parse(sentAt))) return stamped;

  const skewMs = receivedAt.getTime() - new Date(sentAt).getTime();
  return new Date(stamped.getTime() + skewMs);
}
