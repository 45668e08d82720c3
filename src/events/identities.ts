/**
 * Resolution of Segment identities to Casebook records. identify upserts a
 * contact and maps its userId and anonymousId to it in event_identities.
 * group upserts the account whose external_id is the groupId and links the
 * user's contact to it. Events stored before their user or group was known
 * are linked when it becomes known.
 */
import type { Queryable } from '../store/index.ts';
import type { NormalizedEvent } from './segment.ts';

export interface Resolved {
  contactId: number | null;
  accountId: number | null;
}

type Traits = Record<string, unknown>;

function text(value: unknown, maxLength = 200): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value.trim().slice(0, maxLength);
}

function emailFrom(traits: Traits): string | null {
  const email = text(traits.email, 320);
  return email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

function nameFrom(traits: Traits): string | null {
  const full = text(traits.name);
  if (full) return full;
  const parts = [text(traits.firstName), text(traits.lastName)].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** Returns the contact mapped from the event's userId, else from its anonymousId. */
async function findContact(tx: Queryable, event: NormalizedEvent): Promise<number | null> {
  const rows = await tx.query<{ contact_id: number; kind: string }>(
    `select contact_id, kind from event_identities
      where (kind = 'user' and value = $1) or (kind = 'anonymous' and value = $2)
      order by kind desc limit 1`,
    [event.userId, event.anonymousId],
  );
  return rows[0]?.contact_id ?? null;
}

async function mapIdentities(tx: Queryable, event: NormalizedEvent, contactId: number, traits: Traits): Promise<void> {
  const identities: Array<['user' | 'anonymous', string]> = [];
  if (event.userId) identities.push(['user', event.userId]);
  if (event.anonymousId) identities.push(['anonymous', event.anonymousId]);

  for (const [kind, value] of identities) {
    await tx.query(
      `insert into event_identities (kind, value, contact_id, traits) values ($1, $2, $3, $4::jsonb)
       on conflict (kind, value) do update
         set contact_id = excluded.contact_id, traits = event_identities.traits || excluded.traits, updated_at = now()`,
      [kind, value, contactId, JSON.stringify(traits)],
    );
  }
}

/**
 * Returns the contact for the event's user, creating it when no identity maps
 * to one: matched by traits.email first, else a new contact.
 */
async function ensureContact(tx: Queryable, event: NormalizedEvent, traits: Traits): Promise<number> {
  const email = emailFrom(traits);
  const name = nameFrom(traits);
  const phone = text(traits.phone, 50);

  let contactId = await findContact(tx, event);
  if (contactId === null && email) {
    const [byEmail] = await tx.query<{ id: number }>('select id from contacts where lower(email) = lower($1)', [email]);
    contactId = byEmail?.id ?? null;
  }

  if (contactId === null) {
    const [inserted] = await tx.query<{ id: number }>(
      'insert into contacts (email, name, phone) values ($1, $2, $3) returning id',
      [email, name, phone],
    );
    contactId = inserted.id;
  } else if (email || name || phone) {
    // An email already held by another contact is left alone rather than failing the event.
    await tx.query(
      `update contacts set
         name = coalesce($2, name),
         phone = coalesce($3, phone),
         email = case when $4::text is not null and not exists (select 1 from contacts other where lower(other.email) = lower($4) and other.id <> $1) then $4 else email end,
         updated_at = now(), version = version + 1
       where id = $1 and (name is distinct from coalesce($2, name) or phone is distinct from coalesce($3, phone) or email is distinct from coalesce($4, email))`,
      [contactId, name, phone, email],
    );
  }

  await mapIdentities(tx, event, contactId, traits);
  return contactId;
}

async function accountOfContact(tx: Queryable, contactId: number): Promise<number | null> {
  const [row] = await tx.query<{ account_id: number | null }>('select account_id from contacts where id = $1', [contactId]);
  return row?.account_id ?? null;
}

async function accountOfGroup(tx: Queryable, groupId: string | null): Promise<number | null> {
  if (!groupId) return null;
  const [row] = await tx.query<{ id: number }>('select id from accounts where external_id = $1', [groupId]);
  return row?.id ?? null;
}

/**
 * Links the user's earlier events that have no contact (matched by userId or
 * anonymousId) to the contact, and its events with no account to the account.
 * Returns the accounts touched.
 */
async function backfillUserEvents(tx: Queryable, event: NormalizedEvent, contactId: number, accountId: number | null): Promise<number[]> {
  await tx.query(
    `update events set contact_id = $3
      where contact_id is null and ((user_id = $1 and user_id is not null) or (anonymous_id = $2 and anonymous_id is not null))`,
    [event.userId, event.anonymousId, contactId],
  );
  if (accountId === null) return [];

  const rows = await tx.query('update events set account_id = $2 where contact_id = $1 and account_id is null returning id', [contactId, accountId]);
  return rows.length > 0 ? [accountId] : [];
}

/** Applies an identify call; returns the resolved contact and account and the accounts whose usage changed. */
export async function applyIdentify(tx: Queryable, event: NormalizedEvent): Promise<Resolved & { touched: number[] }> {
  const contactId = await ensureContact(tx, event, event.traits);
  const groupAccount = await accountOfGroup(tx, event.groupId);
  if (groupAccount !== null) {
    await tx.query('update contacts set account_id = $2 where id = $1 and account_id is null', [contactId, groupAccount]);
  }

  const accountId = groupAccount ?? (await accountOfContact(tx, contactId));
  const touched = await backfillUserEvents(tx, event, contactId, accountId);

  return { contactId, accountId, touched };
}

/** Upserts the account whose external_id is the groupId; name and plan come from traits. */
async function upsertGroupAccount(tx: Queryable, groupId: string, traits: Traits): Promise<number> {
  const name = text(traits.name);
  const plan = text(traits.plan, 100);
  const [changed] = await tx.query<{ id: number }>(
    `insert into accounts (external_id, name, plan) values ($1, coalesce($2, $1), $3)
     on conflict (external_id) do update
       set name = coalesce($2, accounts.name), plan = coalesce($3, accounts.plan), updated_at = now(), version = accounts.version + 1
       where accounts.name is distinct from coalesce($2, accounts.name) or accounts.plan is distinct from coalesce($3, accounts.plan)
     returning id`,
    [groupId, name, plan],
  );
  if (changed) return changed.id;

  const [existing] = await tx.query<{ id: number }>('select id from accounts where external_id = $1', [groupId]);
  return existing.id;
}

/**
 * Applies a group call: upserts the account, keeps every trait (industry,
 * employees...) in event_groups, links the user's contact to the account and
 * the group's earlier events to it.
 */
export async function applyGroup(tx: Queryable, event: NormalizedEvent): Promise<Resolved & { touched: number[] }> {
  const groupId = event.groupId!;
  const accountId = await upsertGroupAccount(tx, groupId, event.traits);
  await tx.query(
    `insert into event_groups (group_id, account_id, traits) values ($1, $2, $3::jsonb)
     on conflict (group_id) do update set account_id = excluded.account_id, traits = event_groups.traits || excluded.traits, updated_at = now()`,
    [groupId, accountId, JSON.stringify(event.traits)],
  );

  const contactId = await ensureContact(tx, event, {});
  await tx.query('update contacts set account_id = $2 where id = $1 and account_id is distinct from $2', [contactId, accountId]);

  await tx.query('update events set account_id = $2 where group_id = $1 and account_id is null', [groupId, accountId]);
  await backfillUserEvents(tx, event, contactId, accountId);

  return { contactId, accountId, touched: [accountId] };
}

/** Looks up, in two queries, the contacts and accounts for a batch of track, page and screen events. */
export async function resolveBatch(tx: Queryable, events: NormalizedEvent[]): Promise<{ identities: Map<string, Resolved>; groups: Map<string, number> }> {
  const userIds = [...new Set(events.flatMap((event) => (event.userId ? [event.userId] : [])))];
  const anonymousIds = [...new Set(events.flatMap((event) => (event.anonymousId ? [event.anonymousId] : [])))];
  const groupIds = [...new Set(events.flatMap((event) => (event.groupId ? [event.groupId] : [])))];

  const identities = new Map<string, Resolved>();
  if (userIds.length > 0 || anonymousIds.length > 0) {
    const rows = await tx.query<{ kind: string; value: string; contact_id: number; account_id: number | null }>(
      `select i.kind, i.value, i.contact_id, c.account_id from event_identities i join contacts c on c.id = i.contact_id
        where (i.kind = 'user' and i.value = any($1::text[])) or (i.kind = 'anonymous' and i.value = any($2::text[]))`,
      [userIds, anonymousIds],
    );
    for (const row of rows) identities.set(`${row.kind}:${row.value}`, { contactId: row.contact_id, accountId: row.account_id });
  }

  const groups = new Map<string, number>();
  if (groupIds.length > 0) {
    const rows = await tx.query<{ id: number; external_id: string }>('select id, external_id from accounts where external_id = any($1::text[])', [groupIds]);
    for (const row of rows) groups.set(row.external_id, row.id);
  }

  return { identities, groups };
}
