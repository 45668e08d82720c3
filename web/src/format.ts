import type { Term } from './api/types.ts';
import { t } from './i18n/en.ts';

const locale = 'en';
const dayMs = 24 * 60 * 60 * 1000;

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) {
    return t.common.none;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Formats a timestamp compactly for tables, with the year only when it is not the current one. */
export function formatShortDateTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) {
    return t.common.none;
  }
  const date = new Date(iso);
  const year = date.getFullYear() === now.getFullYear() ? undefined : 'numeric';

  return new Intl.DateTimeFormat(locale, { year, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(date);
}

/** Formats a 'YYYY-MM-DD' date without shifting it into the browser's time zone. */
export function formatDate(date: string | null | undefined): string {
  if (!date) {
    return t.common.none;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** Counts whole calendar days from today (local date) to a 'YYYY-MM-DD' date, negative once it has passed. */
export function daysUntil(date: string, today: Date = new Date()): number {
  const target = Date.parse(`${date}T00:00:00Z`);
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());

  return Math.round((target - start) / dayMs);
}

export function formatMoney(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) {
    return t.common.none;
  }
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

/** The vocabulary label of `key`, or the key itself when the term is unknown. */
export function labelOf(terms: Term[] | undefined, key: string | null | undefined): string {
  if (!key) {
    return t.common.none;
  }
  return terms?.find((term) => term.key === key)?.label ?? key;
}

export const priorityColors: Record<string, string> = { p1: 'red', p2: 'orange', p3: 'blue', p4: 'gray' };

export const statusColors: Record<string, string> = {
  new: 'grape', open: 'blue', pending: 'yellow', on_hold: 'gray', solved: 'teal', closed: 'dark',
};
