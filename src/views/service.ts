import { AppError, notFound } from '../core/errors.ts';
import type { Actor } from '../http/actor.ts';
import type { Db, Queryable } from '../store/index.ts';
import { parseQuery, type FieldRegistry } from '../query/index.ts';
import { buildTicketFilters, totalCountCap } from '../tickets/index.ts';
import type { Vocabularies } from '../vocabularies/index.ts';
import type { CreateViewInput, SavedView, UpdateViewInput } from './schemas.ts';

interface ViewRow {
  id: number;
  owner_agent_id: number | null;
  name: string;
  query: string;
  sort: string | null;
  columns: string[];
  position: number;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** Vocabularies and field registry, for checking and counting a view's query. */
export interface QueryEnv {
  vocabularies: Vocabularies;
  registry: FieldRegistry;
  /** IANA zone for day boundaries in the views' queries; UTC when absent. */
  timeZone?: string;
}

function toView(row: ViewRow): SavedView {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    sort: row.sort,
    columns: row.columns,
    shared: row.owner_agent_id === null,
    ownerAgentId: row.owner_agent_id,
    position: row.position,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

function filtersFor(query: string, env: QueryEnv, actorId: number) {
  return buildTicketFilters({ q: query, limit: 1 }, env.vocabularies, env.registry, actorId, env.timeZone);
}

/** Checks that a view's query compiles as a ticket-list filter, reporting problems on the `query` field. */
function assertListQuery(query: string, env: QueryEnv, actorId: number): void {
  if (!query.trim()) return;
  try {
    if (parseQuery(query).aggregate) {
      throw new AppError('invalid_input', 'A saved view lists tickets and cannot aggregate', [
        { field: 'query', value: query, fix: 'remove the count/sum/avg clause, or run it at GET /api/v1/query' },
      ]);
    }
    filtersFor(query, env, actorId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(error.code, error.message, error.details.map((detail) => ({ ...detail, field: detail.field === 'q' ? 'query' : detail.field })));
  }
}

function rethrowDuplicateName(error: unknown, name: string): never {
  if ((error as { code?: string }).code === '23505') {
    throw new AppError('duplicate', `A view named ${name} already exists`, [{ field: 'name', value: name, fix: 'choose another name, or update the existing view' }]);
  }
  throw error;
}

/** Lists the shared views and the actor's personal ones, shared first. */
export async function listViews(db: Queryable, actor: Actor): Promise<SavedView[]> {
  const rows = await db.query<ViewRow>(
    `select * from saved_views where owner_agent_id is null or owner_agent_id = $1
     order by (owner_agent_id is not null), position, lower(name), id`,
    [actor.agentId],
  );
  return rows.map(toView);
}

/** Adds each view's matching ticket count, capped like the ticket list; a view whose query no longer compiles gets count null. */
export async function addCounts(db: Queryable, views: SavedView[], env: QueryEnv, actor: Actor): Promise<SavedView[]> {
  const counted: SavedView[] = [];
  for (const view of views) {
    try {
      const where = filtersFor(view.query, env, actor.agentId);
      const [{ total }] = await db.query<{ total: number }>(
        `select count(*)::bigint as total from (select 1 from tickets t ${where.where()} limit ${totalCountCap + 1}) capped`, where.params,
      );
      counted.push({ ...view, count: Math.min(total, totalCountCap), countCapped: total > totalCountCap });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      counted.push({ ...view, count: null, countCapped: false, countError: error.message });
    }
  }
  return counted;
}

/** Finds a view the actor may see; another agent's personal view reads as not found. */
export async function getView(db: Queryable, actor: Actor, id: number): Promise<SavedView> {
  const [row] = await db.query<ViewRow>('select * from saved_views where id = $1 and (owner_agent_id is null or owner_agent_id = $2)', [id, actor.agentId]);
  if (!row) throw notFound('View', id);
  return toView(row);
}

function assertMayChange(actor: Actor, view: SavedView): void {
  if (view.shared && actor.role !== 'admin') {
    throw new AppError('forbidden', 'Only an admin can change a shared view', [
      { field: 'shared', value: true, fix: 'ask an admin, or save a personal copy of the view' },
    ]);
  }
}

export async function createView(db: Db, actor: Actor, input: CreateViewInput, env: QueryEnv): Promise<SavedView> {
  if (input.shared && actor.role !== 'admin') {
    throw new AppError('forbidden', 'Only an admin can create a shared view', [{ field: 'shared', value: true, fix: 'send shared false to save a personal view' }]);
  }
  assertListQuery(input.query, env, actor.agentId);

  const [row] = await db.query<ViewRow>(
    `insert into saved_views (owner_agent_id, name, query, sort, columns, position, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning *`,
    [input.shared ? null : actor.agentId, input.name, input.query.trim(), input.sort ?? null, input.columns ?? [], input.position ?? 0, actor.agentId],
  ).catch((error) => rethrowDuplicateName(error, input.name));
  return toView(row);
}

export async function updateView(db: Db, actor: Actor, id: number, input: UpdateViewInput, env: QueryEnv): Promise<SavedView> {
  const current = await getView(db, actor, id);
  assertMayChange(actor, current);
  if (current.version !== input.version) {
    throw new AppError('version_conflict', `View ${id} changed since you read it`, [{ field: 'version', value: input.version, fix: `reload the view and apply your change to version ${current.version}` }]);
  }
  if (input.query !== undefined) assertListQuery(input.query, env, actor.agentId);

  const [row] = await db.query<ViewRow>(
    `update saved_views set name = $2, query = $3, sort = $4, columns = $5, position = $6, updated_at = now(), version = version + 1
     where id = $1 and version = $7 returning *`,
    [id, input.name ?? current.name, (input.query ?? current.query).trim(), input.sort === undefined ? current.sort : input.sort,
      input.columns ?? current.columns, input.position ?? current.position, input.version],
  ).catch((error) => rethrowDuplicateName(error, input.name ?? current.name));
  if (!row) throw notFound('View', id);
  return toView(row);
}

export async function deleteView(db: Db, actor: Actor, id: number): Promise<void> {
  const current = await getView(db, actor, id);
  assertMayChange(actor, current);
  await db.query('delete from saved_views where id = $1', [id]);
}
