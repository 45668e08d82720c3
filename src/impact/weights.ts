/**
 * Weights and scales of the business-impact score. Each component maps its
 * input to a value between 0 and 1; the score is the weighted mean of those
 * values times 100. docs/business-impact.md explains each default.
 */
export interface ImpactWeights {
  priority: number;
  arr: number;
  tier: number;
  health: number;
  renewal: number;
  /** Weight of SLA risk; 0 until SLA policies exist, so the component reads "not configured". */
  sla: number;
}

export interface ImpactSettings {
  weights: ImpactWeights;
  /** Value of each priority key; a key not listed here gets `unknownPriorityValue`. */
  priorityValues: Record<string, number>;
  unknownPriorityValue: number;
  /** Value of each tier key; an account without a tier, or with an unlisted one, gets 0. */
  tierValues: Record<string, number>;
  /** ARR at and above which the ARR component is 1; below it the value grows with log10(1 + ARR). */
  arrCeiling: number;
  /** Days before renewal at which the renewal component starts to rise from 0 towards 1. */
  renewalWindowDays: number;
  /** Days after a missed renewal date during which the renewal component stays at 1. */
  renewalGraceDays: number;
}

export const defaultImpactSettings: ImpactSettings = {
  weights: { priority: 35, arr: 25, tier: 15, health: 15, renewal: 10, sla: 0 },
  priorityValues: { p1: 1, p2: 0.7, p3: 0.35, p4: 0.1 },
  unknownPriorityValue: 0.35,
  tierValues: { enterprise: 1, business: 0.6, starter: 0.3, free: 0 },
  arrCeiling: 1_000_000,
  renewalWindowDays: 90,
  renewalGraceDays: 30,
};

/** Version of the formula, stored in every breakdown so a reader knows which rules produced it. */
export const impactFormulaVersion = 1;
