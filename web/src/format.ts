import type { Term } from './api/types.ts';
import { t } from './i18n/en.ts';

const locale = 'en';
const dayMs = 24 * 60 * 60 * 1000;
const dateOnlyPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses an API date value: a 'YYYY-MM-DD' date reads as midnight UTC, any
 * other value as an ISO timestamp. Returns null when the value is not a valid
 * date, so a formatter can show the raw text instead of throwing.
 */
function parseApiDate(value: string): Date | null {
  const date = new Date(dateOnlyPattern.test(value) ? `${value}T00:00:00Z` : value);

  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) {
    return t.common.none;
  }
  const date = parseApiDate(iso);
  if (!date) {
    return iso;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Formats a timestamp compactly for tables, with the year only when it is not the current one. */
export function formatShortDateTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) {
    return t.common.none;
  }
  const date = parseApiDate(iso);
  if (!date) {
    return iso;
  }
  const year = date.getFullYear() === now.getFullYear() ? undefined : 'numeric';

  return new Intl.DateTimeFormat(locale, { year, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(date);
}

/**
 * Formats the day of a 'YYYY-MM-DD' date or of an ISO timestamp. A plain date
 * is a calendar day, so it is not shifted into the browser's time zone. A
 * timestamp shows the day it falls on in the browser's time zone.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) {
    return t.common.none;
  }
  const date = parseApiDate(value);
  if (!date) {
    return value;
  }
  const timeZone = dateOnlyPattern.test(value) ? 'UTC' : undefined;

  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(date);
}

/** Counts whole calendar days from today (local date) to a date or timestamp's day, negative once it has passed. */
export function daysUntil(value: string, today: Date = new Date()): number {
  const date = parseApiDate(value);
  if (!date) {
    return Number.NaN;
  }
  const target = dateOnlyPattern.test(value)
    ? date.getTime()
    : Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());

  return Math.round((target - start) / dayMs);
}

export function formatMoney(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) {
    return t.common.none;
  }
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    // An unknown currency code makes Intl throw, so show the amount with the code instead.
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(amount)} ${currency}`;
  }
}

/** The vocabulary label of `key`, or the key itself when the term is unknown. */
export function labelOf(terms: Term[] | undefined, key: string | null | undefined): string {
  if (!key) {
    return t.common.none;
  }
  return terms?.find((term) => term.key === key)?.label ?? key;
}

/** Shortens a label such as "P1 - Urgent" to "P1" for a narrow column; a label without " - " stays whole. */
export function shortLabel(label: string): string {
  return label.split(' - ')[0];
}

export const priorityColors: Record<string, string> = { p1: 'red', p2: 'orange', p3: 'blue', p4: 'gray' };

export const statusColors: Record<string, string> = {
  new: 'grape', open: 'blue', pending: 'yellow', on_hold: 'gray', solved: 'teal', closed: 'dark',
};
