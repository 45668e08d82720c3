import type { Db, Queryable } from '../store/index.ts';
import { applyGroup, applyIdentify, resolveBatch, type Resolved } from './identities.ts';
import { normalizeEvent, type EventRejection, type EventType, type NormalizedEvent } from './segment.ts';
import { enqueueUsageRecompute } from './usage-job.ts';

export interface IngestOptions {
  sourceId: number;
  receivedAt: Date;
  impliedType?: EventType;
  batchSentAt?: string;
  batchContext?: Record<string, unknown>;
}

export interface IngestResult {
  /** Valid events, including those already stored under the same messageId. */
  accepted: number;
  /** Accepted events that were not stored again because their messageId was already stored for this source. */
  duplicates: number;
  rejected: EventRejection[];
  /** Accounts whose usage summary was queued for recomputation. */
  accounts: number[];
}

/** Rows per INSERT: 14 parameters each keeps a statement well under PostgreSQL's 65,535 parameters. */
const insertChunkRows = 500;
const columnsPerRow = 14;

/**
 * Stores a list of Segment events: rejects invalid ones one by one, applies
 * identify and group calls, resolves the others' contact and account, and
 * inserts them in multi-row statements that skip messageIds already stored.
 */
export async function ingestEvents(db: Db, raws: unknown[], options: IngestOptions): Promise<IngestResult> {
  const rejected: EventRejection[] = [];
  const valid: NormalizedEvent[] = [];
  for (const [index, raw] of raws.entries()) {
    const outcome = normalizeEvent(raw, { index, impliedType: options.impliedType, receivedAt: options.receivedAt, batchSentAt: options.batchSentAt, batchContext: options.batchContext });
    if (outcome.ok) valid.push(outcome.event);
    else rejected.push(outcome.rejection);
  }

  const unique = dropRepeatedMessageIds(valid);
  const touched = new Set<number>();
  const applied = new Map<number, Resolved>();

  // identify and group run first so that track calls in the same batch resolve through them.
  for (const event of unique) {
    if (event.type !== 'identify' && event.type !== 'group') continue;
    const result = await db.transaction((tx) => (event.type === 'identify' ? applyIdentify(tx, event) : applyGroup(tx, event)));
    applied.set(event.index, result);
    for (const accountId of result.touched) touched.add(accountId);
  }

  const { identities, groups } = await resolveBatch(db, unique.filter((event) => !applied.has(event.index)));
  const resolve = (event: NormalizedEvent): Resolved => applied.get(event.index) ?? resolveEvent(event, identities, groups);

  let stored = 0;
  for (let start = 0; start < unique.length; start += insertChunkRows) {
    const rows = await insertEvents(db, unique.slice(start, start + insertChunkRows), resolve, options);
    stored += rows.length;
    for (const row of rows) if (row.account_id !== null) touched.add(row.account_id);
  }

  const accounts = [...touched].sort((a, b) => a - b);
  await enqueueUsageRecompute(db, accounts, options.receivedAt);

  return { accepted: valid.length, duplicates: valid.length - stored, rejected, accounts };
}

function dropRepeatedMessageIds(events: NormalizedEvent[]): NormalizedEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    if (seen.has(event.messageId)) return false;
    seen.add(event.messageId);
    return true;
  });
}

/** Resolves an event's contact, and its account: the one its groupId names, else the contact's. */
function resolveEvent(event: NormalizedEvent, identities: Map<string, Resolved>, groups: Map<string, number>): Resolved {
  const identity = (event.userId ? identities.get(`user:${event.userId}`) : undefined)
    ?? (event.anonymousId ? identities.get(`anonymous:${event.anonymousId}`) : undefined);
  const groupAccount = event.groupId ? groups.get(event.groupId) : undefined;

  return { contactId: identity?.contactId ?? null, accountId: groupAccount ?? identity?.accountId ?? null };
}

async function insertEvents(db: Queryable, events: NormalizedEvent[], resolve: (event: NormalizedEvent) => Resolved, options: IngestOptions): Promise<Array<{ account_id: number | null }>> {
  if (events.length === 0) return [];

  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const event of events) {
    const { contactId, accountId } = resolve(event);
    const base = params.length;
    params.push(
      options.sourceId, event.messageId, event.type, event.name, event.userId, event.anonymousId, event.groupId,
      accountId, contactId, JSON.stringify(event.properties), JSON.stringify(event.traits), JSON.stringify(event.context),
      event.occurredAt.toISOString(), options.receivedAt.toISOString(),
    );
    const placeholders = Array.from({ length: columnsPerRow }, (_, offset) => `$${base + offset + 1}`);
    tuples.push(`(${placeholders.join(', ')})`);
  }

  return db.query<{ account_id: number | null }>(
    `insert into events (source_id, message_id, type, name, user_id, anonymous_id, group_id, account_id, contact_id, properties, traits, context, occurred_at, received_at)
     select source_id::bigint, message_id, type, name, user_id, anonymous_id, group_id, account_id::bigint, contact_id::bigint,
            properties::jsonb, traits::jsonb, context::jsonb, occurred_at::timestamptz, received_at::timestamptz
       from (values ${tuples.join(', ')}) as v (source_id, message_id, type, name, user_id, anonymous_id, group_id, account_id, contact_id, properties, traits, context, occurred_at, received_at)
     on conflict (source_id, message_id) do nothing
     returning account_id`,
    params,
  );
}
