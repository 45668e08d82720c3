import type { Queryable } from '../store/index.ts';

export interface StoredEvent {
  id: number;
  type: string;
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  contactId: number | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  occurredAt: string;
  receivedAt: string;
  messageId: string;
  sourceId: number;
}

export interface EventPage {
  items: StoredEvent[];
  /** Query parameters that fetch the next older page, or null on the last page. */
  next: { before: string; beforeId: number } | null;
}

/**
 * Lists an account's events newest first, strictly before (before, beforeId)
 * in (occurred_at, id) order, so paging never skips or repeats events that
 * share a timestamp.
 */
export async function listAccountEvents(db: Queryable, accountId: number, options: { before?: Date; beforeId?: number; limit: number }): Promise<EventPage> {
  const rows = await db.query<Record<string, any>>(
    `select * from events
      where account_id = $1
        and ($2::timestamptz is null or (occurred_at, id) < ($2::timestamptz, coalesce($3::bigint, 9223372036854775807)))
      order by occurred_at desc, id desc
      limit $4`,
    [accountId, options.before?.toISOString() ?? null, options.beforeId ?? null, options.limit + 1],
  );

  const items = rows.slice(0, options.limit).map((row): StoredEvent => ({
    id: row.id,
    type: row.type,
    name: row.name,
    userId: row.user_id,
    anonymousId: row.anonymous_id,
    contactId: row.contact_id,
    properties: row.properties,
    traits: row.traits,
    context: row.context,
    occurredAt: row.occurred_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    messageId: row.message_id,
    sourceId: row.source_id,
  }));
  const last = items.at(-1);

  return { items, next: rows.length > options.limit && last ? { before: last.occurredAt, beforeId: last.id } : null };
}
