import { describe, expect, it } from 'vitest';
import { computeImpact, daysBetween, defaultImpactSettings, type ImpactInput } from '../../src/impact/index.ts';

const today = '2026-01-01';
const account = { arr: 250_000, tier: 'enterprise', healthScore: 45, renewalDate: '2026-01-31' };

function points(input: ImpactInput) {
  return Object.fromEntries(computeImpact(input).components.map((component) => [component.name, component.points]));
}

describe('computeImpact', () => {
  it('scores the documented example exactly', () => {
    const result = computeImpact({ priority: 'p1', account, today });

    // 35 + 25 * log10(250001) / log10(1000001) + 15 + 15 * 0.55 + 10 * (1 - 30 / 90)
    expect(points({ priority: 'p1', account, today })).toEqual({ priority: 35, arr: 22.49, tier: 15, health: 8.25, renewal: 6.67, sla: 0 });
    expect(result.score).toBe(87.41);
    expect(result.formulaVersion).toBe(1);
  });

  it('reports SLA risk as not configured', () => {
    const sla = computeImpact({ priority: 'p1', account, today }).components.find((component) => component.name === 'sla');

    expect(sla).toEqual({ name: 'sla', weight: 0, input: null, value: null, points: 0, note: 'not configured' });
  });

  it('ranks a ticket without account by priority alone', () => {
    expect(computeImpact({ priority: 'p4', account: null, today }).score).toBe(3.5);
    expect(computeImpact({ priority: 'p2', account: null, today }).score).toBe(24.5);
    expect(computeImpact({ priority: 'unknown', account: null, today }).score).toBe(12.25);
  });

  it('caps ARR at the ceiling and ignores zero', () => {
    const base = { tier: null, healthScore: null, renewalDate: null };

    expect(points({ priority: 'p4', account: { ...base, arr: 5_000_000 }, today }).arr).toBe(25);
    expect(points({ priority: 'p4', account: { ...base, arr: 1_000_000 }, today }).arr).toBe(25);
    expect(points({ priority: 'p4', account: { ...base, arr: 0 }, today }).arr).toBe(0);
    expect(points({ priority: 'p4', account: { ...base, arr: 9 }, today }).arr).toBe(4.17);
  });

  it('raises renewal points inside the window and the grace period', () => {
    const at = (renewalDate: string) => points({ priority: 'p4', account: { arr: null, tier: null, healthScore: null, renewalDate }, today }).renewal;

    expect(at('2026-04-02')).toBe(0);
    expect(at('2026-04-01')).toBe(0);
    expect(at('2026-03-02')).toBe(3.33);
    expect(at('2026-01-01')).toBe(10);
    expect(at('2025-12-02')).toBe(10);
    expect(at('2025-12-01')).toBe(0);
  });

  it('maps health inversely', () => {
    const at = (healthScore: number) => points({ priority: 'p4', account: { arr: null, tier: null, healthScore, renewalDate: null }, today }).health;

    expect(at(100)).toBe(0);
    expect(at(0)).toBe(15);
    expect(at(80)).toBe(3);
  });

  it('scores the maximum as 100', () => {
    const result = computeImpact({ priority: 'p1', account: { arr: 2_000_000, tier: 'enterprise', healthScore: 0, renewalDate: today }, today });

    expect(result.score).toBe(100);
  });

  it('rescales when weights change', () => {
    const settings = { ...defaultImpactSettings, weights: { priority: 1, arr: 0, tier: 0, health: 0, renewal: 0, sla: 0 } };

    expect(computeImpact({ priority: 'p2', account, today }, settings).score).toBe(70);
  });
});

describe('daysBetween', () => {
  it('counts whole days both ways', () => {
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
  });
});
