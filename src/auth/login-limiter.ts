/**
 * Counts failed logins per key (email and client address) in a sliding window,
 * in memory. Each server process keeps its own counts, so behind several
 * nodes the effective limit is the per-node limit times the node count.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly maxFailures = 10,
    readonly windowMs = 15 * 60 * 1000,
    /** Keys tracked at once; the oldest key is dropped beyond this, bounding memory. */
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the milliseconds until the key may try again, or 0 when it is not blocked. */
  retryAfterMs(key: string): number {
    const recent = this.recentFailures(key);
    if (recent.length < this.maxFailures) {
      return 0;
    }

    return recent[recent.length - this.maxFailures] + this.windowMs - this.now();
  }

  recordFailure(key: string) {
    const recent = this.recentFailures(key);
    recent.push(this.now());
    this.failures.delete(key);
    this.failures.set(key, recent.slice(-this.maxFailures));

    if (this.failures.size > this.maxKeys) {
      const oldestKey = this.failures.keys().next().value as string;
      this.failures.delete(oldestKey);
    }
  }

  reset(key: string) {
    this.failures.delete(key);
  }

  private recentFailures(key: string): number[] {
    const cutoff = this.now() - this.windowMs;

    return (this.failures.get(key) ?? []).filter((time) => time > cutoff);
  }
}

export function loginLimiterKey(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}|${ip}`;
}
