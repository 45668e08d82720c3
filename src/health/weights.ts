/**
 * The health score's configuration: component weights and the thresholds of
 * each component's scale. Every default is documented in docs/events.md
 * ("Health score"); change them here, in one place. Raising formulaVersion
 * marks snapshots computed with the new values.
 */
export interface HealthWeights {
  formulaVersion: number;
  /** Relative weights; components with no data are left out and the rest re-weighted to sum to 1. */
  weights: {
    usageTrend: number;
    ticketSeverity: number;
    ticketVolume: number;
    satisfaction: number;
    renewal: number;
  };
  usage: {
    /** Events in the last 7 days over the previous 7 days at which the usage value reaches 100. */
    fullScoreRatio: number;
  };
  severity: {
    /** Points taken from 100 per open ticket of each priority. */
    pointsPerOpenP1: number;
    pointsPerOpenP2: number;
  };
  volume: {
    /** Tickets per seat per 30 days that count as normal when the account has no history of its own. */
    normalTicketsPerSeat: number;
    /** Tickets per 30 days that count as normal for an account with neither history nor seats. */
    normalTicketsWithoutSeats: number;
    /** Days before the last 30 whose tickets form the account's own baseline. */
    baselineDays: number;
    /** Points taken from 100 for each whole multiple of the normal volume above 1. */
    pointsPerExcessRatio: number;
  };
  renewal: {
    /** Days to renewal from which the renewal value is 100. */
    safeDays: number;
    /** Value on the renewal date itself; it rises linearly to 100 at safeDays. */
    valueAtRenewal: number;
    /** Value when the renewal date has passed and was not moved. */
    valueWhenOverdue: number;
  };
}

export const defaultHealthWeights: HealthWeights = {
  formulaVersion: 1,
  weights: { usageTrend: 0.35, ticketSeverity: 0.2, ticketVolume: 0.15, satisfaction: 0.15, renewal: 0.15 },
  usage: { fullScoreRatio: 1.25 },
  severity: { pointsPerOpenP1: 25, pointsPerOpenP2: 10 },
  volume: { normalTicketsPerSeat: 0.1, normalTicketsWithoutSeats: 5, baselineDays: 180, pointsPerExcessRatio: 25 },
  renewal: { safeDays: 180, valueAtRenewal: 40, valueWhenOverdue: 20 },
};
