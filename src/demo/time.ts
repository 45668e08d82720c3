const msPerMinute = 60_000;
const msPerDay = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * msPerDay);
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * msPerMinute);
}

/** Formats a date as 'YYYY-MM-DD' in UTC, the form date columns use. */
export function toDateString(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function daysBetween(earlier: Date, later: Date): number {
  return (later.getTime() - earlier.getTime()) / msPerDay;
}
