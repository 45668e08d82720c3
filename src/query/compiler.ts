import type { AggregateNode, QueryAst, SortKey } from './ast.ts';
import { checkTimeZone, wallClock } from './dates.ts';
import { queryError } from './errors.ts';
import { compileFilter, lookupField, type FilterEnv } from './filter.ts';
import { messages } from './messages.ts';
import { referenceGroup, referenceLabel } from './references.ts';
import type { FieldDef, FieldRegistry } from './registry.ts';
import { SqlBuilder } from './sql.ts';

export interface CompileContext {
  /** The acting agent's id, which `assignee:me` stands for. */
  actorId?: number;
  /** IANA zone for day boundaries (today, 2026-11-01, 7d); UTC when absent. */
  timeZone?: string;
  /** The moment relative dates count from; the current time when absent. */
  now?: Date;
  /** Number of the first $n placeholder, so the fragment can follow the caller's own parameters. */
  firstParam?: number;
  /** Alias of the tickets table in the caller's statement; `t` when absent. */
  ticketAlias?: string;
}

export interface CompiledQuery {
  kind: 'tickets' | 'aggregate';
  /** Condition over the tickets alias; `true` when the query has no filter. */
  where: string;
  /** ORDER BY list ending with the id as tie-breaker; empty for an aggregation. */
  orderBy: string;
  /** Values of the placeholders in where, orderBy and sql, numbered from firstParam. */
  params: unknown[];
  /**
   * How many leading entries of params belong to `where`: a statement that uses
   * the condition without orderBy (a count) passes params.slice(0, whereParamCount).
   */
  whereParamCount: number;
  /** A whole statement: ticket ids in order, or rows {group, value} for an aggregation. */
  sql: string;
}

/** Compiles a parsed query to parameterised SQL; field names and types come only from the registry. */
export function compileQuery(ast: QueryAst, registry: FieldRegistry, context: CompileContext = {}): CompiledQuery {
  const timeZone = context.timeZone ?? 'UTC';
  try {
    checkTimeZone(timeZone);
  } catch {
    throw queryError(messages.badTimeZone(timeZone), timeZone, 'timeZone');
  }

  const now = context.now ?? new Date();
  const sql = new SqlBuilder(context.ticketAlias ?? 't', context.firstParam ?? 1, timeZone);
  const env: FilterEnv = { sql, registry, actorId: context.actorId, now, wallNow: wallClock(now, timeZone) };
  const where = ast.filter ? compileFilter(ast.filter, env) : 'true';
  const whereParamCount = sql.params.length;

  if (ast.aggregate) {
    if (ast.sort.length > 0) throw queryError(messages.sortWithAggregate(ast.sort[0].column), ast.sort[0].field);
    return { kind: 'aggregate', where, orderBy: '', params: sql.params, whereParamCount, sql: compileAggregate(ast.aggregate, env, where) };
  }

  const orderBy = compileOrder(ast.sort, env);
  return { kind: 'tickets', where, orderBy, params: sql.params, whereParamCount, sql: `select ${sql.alias}.id from tickets ${sql.alias} where ${where} order by ${orderBy}` };
}

function compileOrder(keys: SortKey[], env: FilterEnv): string {
  const alias = env.sql.alias;
  if (keys.length === 0) return `${alias}.created_at desc, ${alias}.id desc`;

  const parts = keys.map((key) => {
    const field = lookupField(env.registry, key.field, key.column);
    const expr = sortExpression(field, env);
    if (!expr) throw queryError(messages.notSortable(field.name, key.column), key.field);

    return `${expr} ${key.descending ? 'desc' : 'asc'} nulls last`;
  });

  return [...parts, `${alias}.id desc`].join(', ');
}

// Vocabulary fields sort and group in vocabulary order (p1 before p2), not alphabetically.
function sortExpression(field: FieldDef, env: FilterEnv): string | undefined {
  if (field.kind === 'tags') return undefined;
  if (field.kind === 'reference') return referenceLabel(field, env.sql);
  if (field.kind === 'vocabulary') return vocabularyPosition(field, env, field.expression(env.sql));

  return field.expression(env.sql);
}

function vocabularyPosition(field: FieldDef, env: FilterEnv, expr: string): string {
  const keys = (field.terms ?? []).map((term) => term.key);

  return `array_position(${env.sql.bind(keys)}::text[], ${expr})`;
}

function compileAggregate(aggregate: AggregateNode, env: FilterEnv, where: string): string {
  const by = lookupField(env.registry, aggregate.by, aggregate.byColumn);
  const { group, join } = groupExpression(by, env) ?? {};
  if (!group) throw queryError(messages.notGroupable(by.name, aggregate.byColumn), aggregate.by);
  const from = `from tickets ${env.sql.alias}${join ? ` ${join}` : ''} where ${where}`;

  let value = 'count(*)';
  if (aggregate.fn !== 'count') {
    const measured = lookupField(env.registry, aggregate.field!, aggregate.fieldColumn!);
    if (measured.kind !== 'number') {
      throw queryError(messages.notMeasurable(aggregate.fn, measured.name, aggregate.fieldColumn!), aggregate.field!);
    }
    const expr = measured.expression(env.sql);
    value = aggregate.fn === 'avg' ? `round(avg(${expr})::numeric, 2)` : `${aggregate.fn}(${expr})`;
  }

  const order =
    by.kind === 'vocabulary'
      ? `${vocabularyPosition(by, env, 'grouped.g')} asc nulls last`
      : by.kind === 'timestamp' || by.kind === 'date'
        ? 'grouped.g asc nulls last'
        : 'grouped.v desc nulls last, grouped.g asc nulls last';

  return `select grouped.g as "group", grouped.v as value from (select ${group} as g, ${value} as v ${from} group by 1) grouped order by ${order}`;
}

// Timestamps group by calendar day in the query's zone. A reference groups by its label
// through a left join on the referenced id. The join matches at most one row, so every
// ticket is counted once, and the planner can hash the small referenced table instead
// of looking up the label once per ticket.
function groupExpression(field: FieldDef, env: FilterEnv): { group: string; join?: string } | undefined {
  if (field.kind === 'tags') return undefined;
  if (field.kind === 'reference') return referenceGroup(field, env.sql);
  if (field.kind === 'timestamp') return { group: `to_char(${field.expression(env.sql)} at time zone ${env.sql.zone()}, 'YYYY-MM-DD')` };

  return { group: field.expression(env.sql) };
}
