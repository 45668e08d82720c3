import { defaultImpactSettings, impactFormulaVersion, type ImpactSettings, type ImpactWeights } from './weights.ts';

/** Inputs of the score: the ticket's priority and its account, as read on `today`. */
export interface ImpactInput {
  priority: string;
  account: {
    arr: number | null;
    tier: string | null;
    healthScore: number | null;
    /** Renewal date as YYYY-MM-DD. */
    renewalDate: string | null;
  } | null;
  /** The day the renewal distance is counted from, as YYYY-MM-DD. */
  today: string;
}

export type ImpactComponentName = keyof ImpactWeights;

export interface ImpactComponent {
  name: ImpactComponentName;
  weight: number;
  /** The input as read, such as the ARR or the days until renewal; null when unknown. */
  input: string | number | null;
  /** Normalised value between 0 and 1; null when the component is not configured. */
  value: number | null;
  /** Points this component adds to the 0-100 score. */
  points: number;
  note?: string;
}

export interface ImpactBreakdown {
  score: number;
  formulaVersion: number;
  components: ImpactComponent[];
}

const dayMs = 86_400_000;

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Whole days from `today` to `date`; negative when the date has passed. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / dayMs);
}

function arrValue(arr: number | null, settings: ImpactSettings): number {
  if (arr === null || arr <= 0) return 0;
  return clamp01(Math.log10(1 + arr) / Math.log10(1 + settings.arrCeiling));
}

// Lower health means more risk, so the value is the distance from a perfect 100.
function healthValue(health: number | null): number {
  return health === null ? 0 : clamp01((100 - health) / 100);
}

function renewalValue(days: number | null, settings: ImpactSettings): number {
  if (days === null) return 0;
  if (days < 0) return days >= -settings.renewalGraceDays ? 1 : 0;
  return clamp01(1 - days / settings.renewalWindowDays);
}

function componentValues(input: ImpactInput, settings: ImpactSettings) {
  const account = input.account;
  const days = account?.renewalDate ? daysBetween(input.today, account.renewalDate) : null;
  const priority = settings.priorityValues[input.priority] ?? settings.unknownPriorityValue;

  return [
    { name: 'priority', input: input.priority, value: priority },
    { name: 'arr', input: account?.arr ?? null, value: arrValue(account?.arr ?? null, settings) },
    { name: 'tier', input: account?.tier ?? null, value: account?.tier ? (settings.tierValues[account.tier] ?? 0) : 0 },
    { name: 'health', input: account?.healthScore ?? null, value: healthValue(account?.healthScore ?? null) },
    { name: 'renewal', input: days, value: renewalValue(days, settings) },
    { name: 'sla', input: null, value: null, note: 'not configured' },
  ] as const;
}

/**
 * Computes a ticket's business-impact score (0-100) and the points each
 * component contributes. Unknown inputs (no account, no ARR) count as 0, so a
 * ticket without an account is ranked by its priority alone.
 */
export function computeImpact(input: ImpactInput, settings: ImpactSettings = defaultImpactSettings): ImpactBreakdown {
  const weights = settings.weights;
  const totalWeight = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  if (totalWeight <= 0) throw new Error('Impact weights must add up to more than 0');

  const components: ImpactComponent[] = componentValues(input, settings).map((component) => {
    const weight = weights[component.name];
    const value = component.value === null ? null : round(component.value, 4);
    const points = value === null ? 0 : round((weight * value * 100) / totalWeight, 2);

    return { ...component, weight, value, points };
  });
  const score = round(components.reduce((sum, component) => sum + component.points, 0), 2);

  return { score: Math.min(100, score), formulaVersion: impactFormulaVersion, components };
}
