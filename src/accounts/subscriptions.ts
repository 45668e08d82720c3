import { z } from 'zod';
import { AppError, notFound } from '../core/errors.ts';
import type { Actor } from '../http/actor.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db, Queryable } from '../store/index.ts';

export const subscriptionStatuses = ['trial', 'active', 'past_due', 'cancelled', 'expired'] as const;

// Node's Intl list is the ISO 4217 set of the ICU data it ships, so no hand-kept copy can drift.
const currencyCodes = new Set(Intl.supportedValuesOf('currency'));

const isoDate = z.iso.date();
const subscriptionFields = {
  product: z.string().trim().min(1, 'a product cannot be empty').max(200),
  plan: z.string().max(100).nullable(),
  seats: z.number().int().nonnegative().nullable(),
  mrr: z.number().nonnegative('MRR cannot be negative').max(1e11).nullable(),
  currency: z.string().refine((code) => currencyCodes.has(code), 'use an ISO 4217 currency code such as USD or EUR'),
  startedOn: isoDate.nullable(),
  renewsOn: isoDate.nullable(),
  status: z.enum(subscriptionStatuses),
};

export const createSubscriptionBody = z.strictObject({
  product: subscriptionFields.product,
  plan: subscriptionFields.plan.optional(),
  seats: subscriptionFields.seats.optional(),
  mrr: subscriptionFields.mrr.optional(),
  currency: subscriptionFields.currency.default('USD'),
  startedOn: subscriptionFields.startedOn.optional(),
  renewsOn: subscriptionFields.renewsOn.optional(),
  status: subscriptionFields.status.default('active'),
});
export type CreateSubscriptionInput = z.infer<typeof createSubscriptionBody>;

export const updateSubscriptionBody = z.strictObject({
  product: subscriptionFields.product.optional(),
  plan: subscriptionFields.plan.optional(),
  seats: subscriptionFields.seats.optional(),
  mrr: subscriptionFields.mrr.optional(),
  currency: subscriptionFields.currency.optional(),
  startedOn: subscriptionFields.startedOn.optional(),
  renewsOn: subscriptionFields.renewsOn.optional(),
  status: subscriptionFields.status.optional(),
});
export type UpdateSubscriptionInput = z.infer<typeof updateSubscriptionBody>;

export const subscriptionParams = z.object({ id: z.coerce.number().int().positive(), subscriptionId: z.coerce.number().int().positive() });

/** API field name to column name. */
const columns = {
  product: 'product', plan: 'plan', seats: 'seats', mrr: 'mrr', currency: 'currency', startedOn: 'started_on', renewsOn: 'renews_on', status: 'status',
} as const;
type Field = keyof typeof columns;

type Row = Record<string, unknown>;

export interface Subscription {
  id: number;
  accountId: number;
  product: string;
  plan: string | null;
  seats: number | null;
  mrr: number | null;
  currency: string;
  startedOn: string | null;
  renewsOn: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
}

function toSubscription(row: Row): Subscription {
  const result: Row = { id: row.id, accountId: row.account_id };
  for (const [field, column] of Object.entries(columns)) result[field] = row[column];
  result.createdAt = new Date(row.created_at as Date).toISOString();
  result.updatedAt = new Date(row.updated_at as Date).toISOString();
  return result as unknown as Subscription;
}

function assertDateOrder(startedOn: string | null | undefined, renewsOn: string | null | undefined): void {
  if (startedOn && renewsOn && renewsOn < startedOn) {
    throw new AppError('invalid_input', `renewsOn ${renewsOn} is before startedOn ${startedOn}`, [
      { field: 'renewsOn', value: renewsOn, fix: `use a date on or after ${startedOn}` },
    ]);
  }
}

async function assertAccountExists(db: Queryable, accountId: number): Promise<void> {
  const rows = await db.query('select 1 from accounts where id = $1', [accountId]);
  if (!rows[0]) throw notFound('Account', accountId);
}

async function findRow(db: Queryable, accountId: number, id: number, forUpdate = false): Promise<Row> {
  const [row] = await db.query<Row>(
    `select * from subscriptions where id = $1 and account_id = $2${forUpdate ? ' for update' : ''}`, [id, accountId],
  );
  if (!row) throw notFound('Subscription', id);
  return row;
}

export async function listSubscriptions(db: Queryable, accountId: number): Promise<Subscription[]> {
  await assertAccountExists(db, accountId);
  const rows = await db.query<Row>('select * from subscriptions where account_id = $1 order by status = \'active\' desc, renews_on nulls last, id', [accountId]);
  return rows.map(toSubscription);
}

export async function getSubscription(db: Queryable, accountId: number, id: number): Promise<Subscription> {
  return toSubscription(await findRow(db, accountId, id));
}

export async function createSubscription(db: Db, actor: Actor, accountId: number, input: CreateSubscriptionInput): Promise<Subscription> {
  assertDateOrder(input.startedOn, input.renewsOn);
  await assertAccountExists(db, accountId);
  const fields = (Object.keys(columns) as Field[]).filter((field) => input[field] !== undefined);

  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx.query<Row>(
      `insert into subscriptions (account_id, ${fields.map((field) => columns[field]).join(', ')})
       values ($1, ${fields.map((_, index) => `$${index + 2}`).join(', ')}) returning *`,
      [accountId, ...fields.map((field) => input[field])],
    );
    await recordAudit(tx, { entity: 'subscription', entityId: inserted.id as number, action: 'created', actor, changes: { accountId: [null, accountId] } });
    return inserted;
  });
  return toSubscription(row);
}

export async function updateSubscription(db: Db, actor: Actor, accountId: number, id: number, input: UpdateSubscriptionInput): Promise<Subscription> {
  const row = await db.transaction(async (tx) => {
    const current = toSubscription(await findRow(tx, accountId, id, true));
    assertDateOrder(input.startedOn === undefined ? current.startedOn : input.startedOn, input.renewsOn === undefined ? current.renewsOn : input.renewsOn);

    const fields = (Object.keys(columns) as Field[]).filter((field) => input[field] !== undefined && input[field] !== current[field]);
    if (fields.length === 0) return findRow(tx, accountId, id);
    const [updated] = await tx.query<Row>(
      `update subscriptions set ${fields.map((field, index) => `${columns[field]} = $${index + 2}`).join(', ')}, updated_at = now()
       where id = $1 returning *`,
      [id, ...fields.map((field) => input[field])],
    );
    const changes = Object.fromEntries(fields.map((field) => [field, [current[field], input[field]] as [unknown, unknown]]));
    await recordAudit(tx, { entity: 'subscription', entityId: id, action: 'updated', actor, changes });
    return updated;
  });
  return toSubscription(row);
}

export async function deleteSubscription(db: Db, actor: Actor, accountId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    await findRow(tx, accountId, id, true);
    await tx.query('delete from subscriptions where id = $1', [id]);
    await recordAudit(tx, { entity: 'subscription', entityId: id, action: 'deleted', actor, changes: { accountId: [accountId, null] } });
  });
}
