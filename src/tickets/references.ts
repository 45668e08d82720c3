import { AppError } from '../core/errors.ts';
import type { Queryable } from '../store/index.ts';

/** The fix of each unknown or unusable reference, shared by ticket creation and update. */
export const referenceFixes = {
  component: 'use the key or id of a component from GET /api/v1/components',
  team: 'use the key or id of a team from GET /api/v1/teams',
  assigneeId: 'use the id of an agent from GET /api/v1/agents',
  deactivatedAgent: 'this agent is deactivated; assign an active agent',
  accountId: 'use the id of an account from GET /api/v1/accounts',
  requesterId: 'use the id of a contact from GET /api/v1/contacts, or send requester.email',
} as const;

export function unknownReference(field: string, value: unknown, fix: string): AppError {
  return new AppError('unknown_reference', `${field} ${JSON.stringify(value)} does not exist`, [{ field, value, fix }]);
}

/** Resolves a product component given by key or id. */
export async function resolveComponentId(db: Queryable, value: string | number): Promise<number> {
  const rows = await db.query<{ id: number }>('select id from product_components where key = $1 or id::text = $1', [String(value)]);
  if (!rows[0]) throw unknownReference('component', value, referenceFixes.component);
  return rows[0].id;
}

export async function resolveTeamId(db: Queryable, value: string | number): Promise<number> {
  const rows = await db.query<{ id: number }>('select id from teams where key = $1 or id::text = $1', [String(value)]);
  if (!rows[0]) throw unknownReference('team', value, referenceFixes.team);
  return rows[0].id;
}

export async function assertActiveAgent(db: Queryable, id: number, field = 'assigneeId'): Promise<void> {
  const rows = await db.query<{ active: boolean }>('select active from agents where id = $1', [id]);
  if (!rows[0]) throw unknownReference(field, id, referenceFixes.assigneeId);
  if (!rows[0].active) throw unknownReference(field, id, referenceFixes.deactivatedAgent);
}

export async function assertAccount(db: Queryable, id: number): Promise<void> {
  const rows = await db.query('select 1 from accounts where id = $1', [id]);
  if (!rows[0]) throw unknownReference('accountId', id, referenceFixes.accountId);
}

export async function findContact(db: Queryable, id: number): Promise<{ id: number; accountId: number | null }> {
  const rows = await db.query<{ id: number; account_id: number | null }>('select id, account_id from contacts where id = $1', [id]);
  if (!rows[0]) throw unknownReference('requesterId', id, referenceFixes.requesterId);
  return { id: rows[0].id, accountId: rows[0].account_id };
}

/** Returns the domain part of an email address, lower-cased. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Finds or creates the contact for an email address. A new contact is linked
 * to the account whose domains include the email's domain, when exactly one does.
 */
export async function upsertContactByEmail(db: Queryable, email: string, name: string | undefined): Promise<{ id: number; accountId: number | null }> {
  const existing = await db.query<{ id: number; account_id: number | null }>(
    'select id, account_id from contacts where lower(email) = lower($1)', [email],
  );
  if (existing[0]) {
    return { id: existing[0].id, accountId: existing[0].account_id };
  }

  const accounts = await db.query<{ id: number }>('select id from accounts where $1 = any(domains) limit 2', [emailDomain(email)]);
  const accountId = accounts.length === 1 ? accounts[0].id : null;
  const inserted = await db.query<{ id: number; account_id: number | null }>(
    `insert into contacts (email, name, account_id) values ($1, $2, $3)
     on conflict (lower(email)) where email is not null do update set name = coalesce(contacts.name, excluded.name)
     returning id, account_id`,
    [email, name ?? null, accountId],
  );
  return { id: inserted[0].id, accountId: inserted[0].account_id };
}
