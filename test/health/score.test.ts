import { describe, expect, it } from 'vitest';
import { computeHealth, type HealthInputs } from '../../src/health/index.ts';
import { daysUntil } from '../../src/health/index.ts';

const steady: HealthInputs = {
  usage: { hasEvents: true, events7d: 10, eventsPrevious7d: 8 },
  tickets: { openP1: 1, openP2: 2, last30Days: 12, baselineTickets: 36, baselineDays: 180, seats: 40 },
  satisfaction: null,
  renewal: { renewalDate: '2024-09-13', daysToRenewal: 90 },
};

function byKey(inputs: HealthInputs) {
  const result = computeHealth(inputs);
  return { result, component: Object.fromEntries(result.components.map((component) => [component.key, component])) };
}

describe('health score', () => {
  it('re-weights without satisfaction', () => {
    const { result, component } = byKey(steady);

    expect(result.score).toBe(79.71);
    expect(result.missing).toEqual(['satisfaction']);
    expect(component.satisfaction).toMatchObject({ status: 'missing', weight: 0.15, effectiveWeight: 0, value: null, contribution: 0 });
  });

  it('scores each component exactly', () => {
    const { component } = byKey(steady);

    expect(component.usage_trend).toMatchObject({ value: 100, effectiveWeight: 0.4118, contribution: 41.18, inputs: { events7d: 10, eventsPrevious7d: 8, ratio: 1.25 } });
    expect(component.ticket_severity).toMatchObject({ value: 55, effectiveWeight: 0.2353, contribution: 12.94, inputs: { openP1: 1, openP2: 2, penalty: 45 } });
    expect(component.ticket_volume).toMatchObject({ value: 75, contribution: 13.24, inputs: { normal: 6, basis: 'own_baseline', ratio: 2 } });
    expect(component.renewal).toMatchObject({ value: 70, contribution: 12.35, inputs: { daysToRenewal: 90 } });
  });

  it('uses seats when the account has no baseline', () => {
    const inputs: HealthInputs = {
      usage: { hasEvents: false, events7d: 0, eventsPrevious7d: 0 },
      tickets: { openP1: 0, openP2: 0, last30Days: 8, baselineTickets: 0, baselineDays: 10, seats: 50 },
      satisfaction: null,
      renewal: null,
    };
    const { result, component } = byKey(inputs);

    expect(result.score).toBe(93.57);
    expect(result.missing).toEqual(['usage_trend', 'satisfaction', 'renewal']);
    expect(component.ticket_volume).toMatchObject({ value: 85, inputs: { normal: 5, basis: 'seats', ratio: 1.6 } });
    expect(component.ticket_severity.effectiveWeight).toBe(0.5714);
  });

  it('falls to the floor for a failing account', () => {
    const inputs: HealthInputs = {
      usage: { hasEvents: true, events7d: 0, eventsPrevious7d: 10 },
      tickets: { openP1: 3, openP2: 5, last30Days: 40, baselineTickets: 0, baselineDays: 0, seats: null },
      satisfaction: null,
      renewal: { renewalDate: '2024-06-12', daysToRenewal: -3 },
    };
    const { result, component } = byKey(inputs);

    expect(component.usage_trend.value).toBe(0);
    expect(component.ticket_severity.value).toBe(0);
    expect(component.ticket_volume).toMatchObject({ value: 0, inputs: { basis: 'default', ratio: 8 } });
    expect(component.renewal.value).toBe(20);
    expect(result.score).toBe(3.53);
  });

  it('scores new usage as 100 and no usage as 0', () => {
    const started = byKey({ ...steady, usage: { hasEvents: true, events7d: 3, eventsPrevious7d: 0 } });
    const stopped = byKey({ ...steady, usage: { hasEvents: true, events7d: 0, eventsPrevious7d: 0 } });

    expect(started.component.usage_trend.value).toBe(100);
    expect(stopped.component.usage_trend.value).toBe(0);
  });

  it('sums contributions to the score', () => {
    const { result } = byKey(steady);
    const sum = result.components.reduce((total, component) => total + component.contribution, 0);

    expect(Math.abs(sum - result.score)).toBeLessThan(0.03);
  });
});

describe('daysUntil', () => {
  it('counts whole UTC days', () => {
    expect(daysUntil('2024-06-20', new Date('2024-06-15T23:59:00Z'))).toBe(5);
    expect(daysUntil('2024-06-15', new Date('2024-06-15T00:00:00Z'))).toBe(0);
    expect(daysUntil('2024-06-10', new Date('2024-06-15T12:00:00Z'))).toBe(-5);
  });
});
