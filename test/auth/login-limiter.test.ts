import { describe, expect, it } from 'vitest';
import { LoginLimiter, loginLimiterKey } from '../../src/auth/login-limiter.ts';

function limiterAt(start: number) {
  const clock = { now: start };
  const limiter = new LoginLimiter(3, 1000, 2, () => clock.now);

  return { clock, limiter };
}

describe('LoginLimiter', () => {
  it('blocks at the limit, then releases', () => {
    const { clock, limiter } = limiterAt(10_000);

    limiter.recordFailure('k');
    limiter.recordFailure('k');
    expect(limiter.retryAfterMs('k')).toBe(0);

    clock.now += 100;
    limiter.recordFailure('k');
    expect(limiter.retryAfterMs('k')).toBe(900);

    clock.now += 900;
    expect(limiter.retryAfterMs('k')).toBe(0);
  });

  it('forgets a key on reset', () => {
    const { limiter } = limiterAt(0);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      limiter.recordFailure('k');
    }

    limiter.reset('k');

    expect(limiter.retryAfterMs('k')).toBe(0);
  });

  it('drops the oldest key beyond the key limit', () => {
    const { limiter } = limiterAt(0);
    for (const key of ['a', 'b', 'c']) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        limiter.recordFailure(key);
      }
    }

    expect(limiter.retryAfterMs('a')).toBe(0);
    expect(limiter.retryAfterMs('b')).toBe(1000);
    expect(limiter.retryAfterMs('c')).toBe(1000);
  });

  it('keys by normalised email and address', () => {
    expect(loginLimiterKey(' Ana@Example.com ', '127.0.0.1')).toBe('ana@example.com|127.0.0.1');
  });
});
