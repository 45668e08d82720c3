import type { ComparisonOperator, ValueNode } from './ast.ts';
import {
  formatDay,
  formatWall,
  namedPeriod,
  parseAbsolute,
  parseRelative,
  shiftWall,
  startOfDay,
  type DateOperand,
} from './dates.ts';
import { queryError } from './errors.ts';
import { messages } from './messages.ts';
import type { FieldDef } from './registry.ts';
import type { SqlBuilder } from './sql.ts';

export interface DateEnv {
  sql: SqlBuilder;
  now: Date;
  /** `now` as wall-clock time in the query's time zone. */
  wallNow: Date;
}

type Bound = (value: Date) => string;

/**
 * Compiles one comparison of a timestamp or date field with one value. The
 * value becomes either a period [start, end), such as a day or this_month, or a
 * point. Periods: `:` inside, `<` before start, `<=` before end, `>` from end,
 * `>=` from start. Points compare directly, except relative amounts with `:`:
 * on past fields `created:7d` means since 7 days ago, and on future fields
 * `account.renewal:90d` (like `<=90d`) means from today up to 90 days ahead.
 */
export function compileDateComparison(field: FieldDef, operator: ComparisonOperator, value: ValueNode, env: DateEnv): string {
  const expr = field.expression(env.sql);
  const operand = resolveDate(field, value, env);
  const bound = boundFor(field, env.sql);
  const sqlOperator = operator === ':' ? '=' : operator;

  if (operand.kind === 'period') {
    // Bind only the bounds the operator uses: PostgreSQL rejects a parameter that no placeholder reads.
    const start = () => bound(operand.start);
    const end = () => bound(operand.end);
    if (sqlOperator === '<') return `${expr} < ${start()}`;
    if (sqlOperator === '<=') return `${expr} < ${end()}`;
    if (sqlOperator === '>') return `${expr} >= ${end()}`;
    if (sqlOperator === '>=') return `${expr} >= ${start()}`;

    return `(${expr} >= ${start()} and ${expr} < ${end()})`;
  }

  const point = operand.kind === 'instant' || operand.kind === 'relative_instant' ? instant(operand.at, env.sql) : bound(operand.at);
  const relative = operand.kind === 'relative_instant' || (operand.kind === 'local' && operand.relative);
  if (!relative) return `${expr} ${sqlOperator} ${point}`;
  if (field.direction === 'past') return `${expr} ${sqlOperator === '=' ? '>=' : sqlOperator} ${point}`;

  const today = () => bound(startOfDay(env.wallNow));
  if (sqlOperator === '=' || sqlOperator === '<=') return `(${expr} >= ${today()} and ${expr} <= ${point})`;
  if (sqlOperator === '<') return `(${expr} >= ${today()} and ${expr} < ${point})`;

  return `${expr} ${sqlOperator} ${point}`;
}

function resolveDate(field: FieldDef, value: ValueNode, env: DateEnv): DateOperand {
  const text = value.text;
  const bad = () => queryError(messages.badDate(text, field.name, value.column), text);
  const period = namedPeriod(text, env.wallNow);
  if (period) return { kind: 'period', ...period };

  const absolute = parseAbsolute(text);
  if (absolute) {
    if (field.kind === 'date' && absolute.kind !== 'period') throw bad();
    return absolute;
  }

  const relative = parseRelative(text);
  if (!relative) throw bad();

  const sign = field.direction === 'future' ? 1 : -1;
  if (relative.unit === 'h') {
    if (field.kind === 'date') throw queryError(messages.hoursOnDate(text, field.name, value.column), text);
    return { kind: 'relative_instant', at: new Date(env.now.getTime() + sign * relative.amount * 3_600_000) };
  }
  const origin = field.kind === 'date' ? startOfDay(env.wallNow) : env.wallNow;

  return { kind: 'local', at: shiftWall(origin, sign * relative.amount, relative.unit), relative: true };
}

// Timestamps compare with instants: a wall-clock time becomes one in the query's zone.
// Dates compare with calendar days, which need no zone.
function boundFor(field: FieldDef, sql: SqlBuilder): Bound {
  if (field.kind === 'date') return (value) => `${sql.bind(formatDay(value))}::date`;

  return (value) => `(${sql.bind(formatWall(value))}::timestamp at time zone ${sql.zone()})`;
}

function instant(value: Date, sql: SqlBuilder): string {
  return `${sql.bind(value.toISOString())}::timestamptz`;
}
