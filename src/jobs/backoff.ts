export interface BackoffOptions {
  /** Delay before the first retry, in milliseconds. */
  baseMs: number;
  /** Upper bound on any delay, in milliseconds. */
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 5_000, maxMs: 60 * 60_000 };

/**
 * Returns the delay before the next run of a job that failed on its
 * `attempt`-th run: base * 2^(attempt-1), capped at max, then drawn uniformly
 * from its upper half so that jobs which failed together do not retry together.
 */
export function retryDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);

  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Returns intervalMs spread by up to ±spread (a fraction), so that workers started together drift apart. */
export function jitter(intervalMs: number, spread = 0.2, random: () => number = Math.random): number {
  return Math.max(0, Math.round(intervalMs * (1 + spread * (2 * random() - 1))));
}
