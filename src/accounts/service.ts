import { AppError, notFound } from '../core/errors.ts';
import type { Actor } from '../http/actor.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import type { Db, Queryable } from '../store/index.ts';
import { recomputeAfterAccountChange } from '../impact/index.ts';
import { loadCustomFields, resolveTerm, validateCustomValues, type VocabularyCache } from '../vocabularies/index.ts';
import type { CreateAccountInput, CreateContactInput, UpdateAccountInput, UpdateContactInput } from './schemas.ts';

/** API field name to column name, for the fields a client may write. */
const accountColumns = {
  name: 'name', externalId: 'external_id', domains: 'domains', tier: 'tier', arr: 'arr', currency: 'currency', plan: 'plan',
  seats: 'seats', renewalDate: 'renewal_date', healthScore: 'health_score', csmAgentId: 'csm_agent_id', segment: 'segment',
  region: 'region', crmIds: 'crm_ids', custom: 'custom',
} as const;

const contactColumns = { email: 'email', name: 'name', phone: 'phone', accountId: 'account_id', externalId: 'external_id', custom: 'custom' } as const;

type Row = Record<string, unknown>;

function toApi(row: Row, columns: Record<string, string>): Row {
  const result: Row = { id: row.id };
  for (const [field, column] of Object.entries(columns)) result[field] = row[column];
  result.createdAt = new Date(row.created_at as Date).toISOString();
  result.updatedAt = new Date(row.updated_at as Date).toISOString();
  result.version = row.version;
  return result;
}

export const toAccount = (row: Row) => toApi(row, accountColumns);
export const toContact = (row: Row) => toApi(row, contactColumns);

function rethrowDuplicate(error: unknown, entity: string): never {
  if ((error as { code?: string }).code === '23505') {
    throw new AppError('duplicate', `An ${entity} with the same unique value already exists`, [
      { field: (error as { constraint?: string }).constraint ?? 'externalId', fix: 'use a different externalId or email, or update the existing record' },
    ]);
  }
  throw error;
}

async function normaliseAccount(db: Queryable, vocabularies: VocabularyCache, input: Partial<CreateAccountInput>, existingCustom: Row = {}): Promise<Row> {
  const values: Row = { ...input };
  const vocab = await vocabularies.get(db);
  if (typeof input.tier === 'string') values.tier = resolveTerm(vocab, 'tier', input.tier, 'tier');
  if (input.custom) values.custom = validateCustomValues(await loadCustomFields(db, 'account'), vocab, input.custom, existingCustom);
  if (input.csmAgentId) {
    const agents = await db.query('select 1 from agents where id = $1', [input.csmAgentId]);
    if (!agents[0]) throw new AppError('unknown_reference', `Agent ${input.csmAgentId} does not exist`, [{ field: 'csmAgentId', value: input.csmAgentId, fix: 'use an agent id from GET /api/v1/agents' }]);
  }
  return values;
}

function columnValue(field: string, value: unknown): unknown {
  return field === 'crmIds' || field === 'custom' ? JSON.stringify(value) : value;
}

async function insertRecord(tx: Queryable, table: string, columns: Record<string, string>, values: Row): Promise<Row> {
  const fields = Object.keys(values).filter((field) => field in columns && values[field] !== undefined);
  const sql = `insert into ${table} (${fields.map((field) => columns[field]).join(', ')})
    values (${fields.map((_, index) => `$${index + 1}`).join(', ')}) returning *`;
  const [row] = await tx.query<Row>(sql, fields.map((field) => columnValue(field, values[field])));
  return row;
}

async function updateRecord(tx: Queryable, table: string, entity: string, columns: Record<string, string>, id: number, version: number, values: Row, actor: Actor): Promise<Row> {
  const [current] = await tx.query<Row>(`select * from ${table} where id = $1 for update`, [id]);
  if (!current) throw notFound(entity, id);
  if (current.version !== version) {
    throw new AppError('version_conflict', `${entity} ${id} changed since you read it`, [{ field: 'version', value: version, fix: `reload and apply your change to version ${current.version}` }]);
  }

  const fields = Object.keys(values).filter((field) => field in columns && values[field] !== undefined);
  const before = toApi(current, columns);
  const changes = diffFields(before, values, fields);
  if (Object.keys(changes).length === 0) return current;

  const assignments = fields.map((field, index) => `${columns[field as keyof typeof columns]} = $${index + 2}`);
  const [row] = await tx.query<Row>(
    `update ${table} set ${assignments.join(', ')}, updated_at = now(), version = version + 1 where id = $1 returning *`,
    [id, ...fields.map((field) => columnValue(field, values[field]))],
  );
  await recordAudit(tx, { entity: entity.toLowerCase(), entityId: id, action: 'updated', actor, changes });
  return row;
}

export async function createAccount(db: Db, vocabularies: VocabularyCache, actor: Actor, input: CreateAccountInput): Promise<Row> {
  const values = await normaliseAccount(db, vocabularies, input);
  const row = await db.transaction(async (tx) => {
    const inserted = await insertRecord(tx, 'accounts', accountColumns, values);
    await recordAudit(tx, { entity: 'account', entityId: inserted.id as number, action: 'created', actor, changes: { name: [null, input.name] } });
    return inserted;
  }).catch((error) => rethrowDuplicate(error, 'account'));
  return toAccount(row);
}

/** Account fields the business-impact score reads. */
const impactInputs = ['arr', 'tier', 'healthScore', 'renewalDate'] as const;

export async function updateAccount(db: Db, vocabularies: VocabularyCache, actor: Actor, id: number, input: UpdateAccountInput): Promise<Row> {
  const { version, ...fields } = input;
  const [existing] = await db.query<{ custom: Row }>('select custom from accounts where id = $1', [id]);
  if (!existing) throw notFound('Account', id);
  const values = await normaliseAccount(db, vocabularies, fields, existing.custom);
  const row = await db.transaction(async (tx) => {
    const updated = await updateRecord(tx, 'accounts', 'Account', accountColumns, id, version, values, actor);
    if (impactInputs.some((field) => fields[field] !== undefined)) await recomputeAfterAccountChange(tx, id);
    return updated;
  }).catch((error) => rethrowDuplicate(error, 'account'));
  return toAccount(row);
}

async function accountForEmail(db: Queryable, email: string | undefined): Promise<number | undefined> {
  if (!email) return undefined;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const rows = await db.query<{ id: number }>('select id from accounts where $1 = any(domains) limit 2', [domain]);
  return rows.length === 1 ? rows[0].id : undefined;
}

/** Creates a contact, linking it to the account whose domains hold its email domain when no account is given. */
export async function createContact(db: Db, vocabularies: VocabularyCache, actor: Actor, input: CreateContactInput): Promise<Row> {
  if (!input.email && !input.name && !input.phone) {
    throw new AppError('invalid_input', 'A contact needs an email, a name or a phone number', [{ field: 'email', fix: 'send at least one of email, name, phone' }]);
  }
  const values: Row = { ...input, accountId: input.accountId ?? (await accountForEmail(db, input.email)) };
  if (input.custom) values.custom = validateCustomValues(await loadCustomFields(db, 'contact'), await vocabularies.get(db), input.custom);

  const row = await db.transaction(async (tx) => {
    const inserted = await insertRecord(tx, 'contacts', contactColumns, values);
    await recordAudit(tx, { entity: 'contact', entityId: inserted.id as number, action: 'created', actor });
    return inserted;
  }).catch((error) => rethrowDuplicate(error, 'contact'));
  return toContact(row);
}

export async function updateContact(db: Db, vocabularies: VocabularyCache, actor: Actor, id: number, input: UpdateContactInput): Promise<Row> {
  const { version, ...fields } = input;
  const [existing] = await db.query<{ custom: Row }>('select custom from contacts where id = $1', [id]);
  if (!existing) throw notFound('Contact', id);
  const values: Row = { ...fields };
  if (fields.custom) values.custom = validateCustomValues(await loadCustomFields(db, 'contact'), await vocabularies.get(db), fields.custom, existing.custom);
  const row = await db.transaction((tx) => updateRecord(tx, 'contacts', 'Contact', contactColumns, id, version, values, actor))
    .catch((error) => rethrowDuplicate(error, 'contact'));
  return toContact(row);
}
