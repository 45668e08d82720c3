import { describe, expect, it } from 'vitest';
import { jitter, retryDelayMs } from '../../src/jobs/backoff.ts';

const options = { baseMs: 1_000, maxMs: 10_000 };

describe('retryDelayMs', () => {
  it('doubles the ceiling with each attempt', () => {
    expect(retryDelayMs(1, options, () => 1)).toBe(1_000);
    expect(retryDelayMs(2, options, () => 1)).toBe(2_000);
    expect(retryDelayMs(3, options, () => 1)).toBe(4_000);
  });

  it('draws from the upper half of the ceiling', () => {
    expect(retryDelayMs(3, options, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, options, () => 0.5)).toBe(3_000);
  });

  it('caps the delay at maxMs', () => {
    expect(retryDelayMs(10, options, () => 1)).toBe(10_000);
    expect(retryDelayMs(60, options, () => 0)).toBe(5_000);
  });
});

describe('jitter', () => {
  it('spreads an interval by at most the given fraction', () => {
    expect(jitter(1_000, 0.2, () => 0)).toBe(800);
    expect(jitter(1_000, 0.2, () => 0.5)).toBe(1_000);
    expect(jitter(1_000, 0.2, () => 1)).toBe(1_200);
  });
});
