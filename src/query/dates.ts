/**
 * Date values of the query language, resolved against a fixed `now` and an
 * IANA time zone. Calendar arithmetic runs on wall-clock times, kept as Date
 * objects whose UTC fields hold the local fields, and the database converts a
 * wall-clock time to an instant with `timestamp at time zone`.
 */
export type DateOperand =
  /** A calendar period [start, end) in wall-clock time: an ISO date, today, this_month... */
  | { kind: 'period'; start: Date; end: Date }
  /** An exact instant, from an ISO timestamp with Z or an offset. */
  | { kind: 'instant'; at: Date }
  /** A wall-clock time without a zone, from an ISO timestamp or a relative amount in d, w, m or y. */
  | { kind: 'local'; at: Date; relative: boolean }
  /** An exact instant from a relative amount in hours. */
  | { kind: 'relative_instant'; at: Date };

export type RelativeUnit = 'h' | 'd' | 'w' | 'm' | 'y';

const unitNames: Record<string, RelativeUnit> = {
  h: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
  w: 'w', week: 'w', weeks: 'w',
  m: 'm', month: 'm', months: 'm',
  y: 'y', year: 'y', years: 'y',
};

export interface RelativeAmount {
  amount: number;
  unit: RelativeUnit;
}

export function parseRelative(text: string): RelativeAmount | undefined {
  const match = /^(\d{1,5})\s*([a-z]+)$/i.exec(text);
  const unit = match ? unitNames[match[2].toLowerCase()] : undefined;

  return match && unit ? { amount: Number(match[1]), unit } : undefined;
}

/** Returns the wall-clock time of `now` in `timeZone`, as a Date whose UTC fields are the local fields. */
export function wallClock(now: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(now);
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);

  return new Date(Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second')));
}

/** Throws a RangeError for a zone name that the runtime does not know. */
export function checkTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-CA', { timeZone });
}

export function startOfDay(wall: Date): Date {
  return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
}

export function addDays(wall: Date, days: number): Date {
  const result = new Date(wall);
  result.setUTCDate(result.getUTCDate() + days);

  return result;
}

/** Adds calendar months, clamping the day so that 31 March minus one month is 28 or 29 February. */
export function addMonths(wall: Date, months: number): Date {
  const target = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(wall.getUTCDate(), lastDay));
  target.setUTCHours(wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds());

  return target;
}

export function shiftWall(wall: Date, amount: number, unit: Exclude<RelativeUnit, 'h'>): Date {
  if (unit === 'd') return addDays(wall, amount);
  if (unit === 'w') return addDays(wall, amount * 7);
  if (unit === 'm') return addMonths(wall, amount);

  return addMonths(wall, amount * 12);
}

/** Resolves today, yesterday, this_week (from Monday), this_month, this_year and their last_ forms. */
export function namedPeriod(name: string, wallNow: Date): { start: Date; end: Date } | undefined {
  const today = startOfDay(wallNow);
  const monday = addDays(today, -((today.getUTCDay() + 6) % 7));
  const firstOfMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const firstOfYear = new Date(Date.UTC(today.getUTCFullYear(), 0, 1));
  const periods: Record<string, [Date, Date]> = {
    today: [today, addDays(today, 1)],
    yesterday: [addDays(today, -1), today],
    this_week: [monday, addDays(monday, 7)],
    last_week: [addDays(monday, -7), monday],
    this_month: [firstOfMonth, addMonths(firstOfMonth, 1)],
    last_month: [addMonths(firstOfMonth, -1), firstOfMonth],
    this_year: [firstOfYear, addMonths(firstOfYear, 12)],
    last_year: [addMonths(firstOfYear, -12), firstOfYear],
  };
  const period = periods[name.toLowerCase()];

  return period ? { start: period[0], end: period[1] } : undefined;
}

/** Parses 2026-11-01 (a day), 2026-11-01T09:30 (wall-clock) or 2026-11-01T09:30:00Z (an instant). */
export function parseAbsolute(text: string): DateOperand | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (!match) return undefined;

  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid = wall.getUTCMonth() === month - 1 && wall.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!valid) return undefined;

  if (match[4] === undefined) return { kind: 'period', start: wall, end: addDays(wall, 1) };
  if (match[7] === undefined) return { kind: 'local', at: wall, relative: false };

  const at = new Date(text.replace(' ', 'T'));
  return Number.isNaN(at.getTime()) ? undefined : { kind: 'instant', at };
}

/** Formats a wall-clock Date as 'YYYY-MM-DD HH:MM:SS' for a `::timestamp` parameter. */
export function formatWall(wall: Date): string {
  return wall.toISOString().slice(0, 19).replace('T', ' ');
}

export function formatDay(wall: Date): string {
  return wall.toISOString().slice(0, 10);
}
