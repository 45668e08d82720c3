/** Direction of a count over the last 7 days against the 7 days before. */
export type TrendDirection = 'up' | 'down' | 'flat' | 'new' | 'gone' | 'none';

export interface Trend {
  direction: TrendDirection;
  /** Change in percent against the previous 7 days; null when that period had no events. */
  changePercent: number | null;
}

/** A change smaller than this, in percent either way, counts as flat. */
export const flatTrendPercent = 10;

/** Compares a count with the count of the previous period of the same length. */
export function trendOf(current: number, previous: number): Trend {
  if (previous === 0) return { direction: current === 0 ? 'none' : 'new', changePercent: null };

  const changePercent = Math.round(((current - previous) / previous) * 1000) / 10;
  if (current === 0) return { direction: 'gone', changePercent };
  if (Math.abs(changePercent) < flatTrendPercent) return { direction: 'flat', changePercent };

  return { direction: changePercent > 0 ? 'up' : 'down', changePercent };
}
