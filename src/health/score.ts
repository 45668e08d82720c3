/**
 * The health score as pure functions of an account's raw inputs, so it is
 * tested without a database. Each component maps its inputs to a value from 0
 * to 100; the score is the weighted mean of the components that have data,
 * their configured weights scaled to sum to 1.
 */
import { defaultHealthWeights, type HealthWeights } from './weights.ts';

export type ComponentKey = 'usage_trend' | 'ticket_severity' | 'ticket_volume' | 'satisfaction' | 'renewal';

export interface HealthInputs {
  usage: { hasEvents: boolean; events7d: number; eventsPrevious7d: number };
  tickets: {
    openP1: number;
    openP2: number;
    last30Days: number;
    /** Tickets created in the baseline period (the days before the last 30). */
    baselineTickets: number;
    /** Length of the baseline period in days; shorter than configured for a young account. */
    baselineDays: number;
    seats: number | null;
  };
  /** No satisfaction ratings are stored yet, so this is always null for now. */
  satisfaction: { averagePercent: number; ratings: number } | null;
  renewal: { renewalDate: string; daysToRenewal: number } | null;
}

export interface HealthComponent {
  key: ComponentKey;
  status: 'scored' | 'missing';
  /** Configured weight. */
  weight: number;
  /** Weight after leaving out missing components; 0 for a missing one. */
  effectiveWeight: number;
  value: number | null;
  /** effectiveWeight × value: the points this component adds to the score. */
  contribution: number;
  inputs: Record<string, unknown>;
  explanation: string;
}

export interface HealthResult {
  score: number;
  formulaVersion: number;
  components: HealthComponent[];
  /** Keys of the components left out for lack of data. */
  missing: ComponentKey[];
}

type Scored = { value: number | null; inputs: Record<string, unknown>; explanation: string };

const round2 = (value: number) => Math.round(value * 100) / 100;
const clamp = (value: number, low = 0, high = 100) => Math.min(high, Math.max(low, value));

export function scoreUsageTrend(usage: HealthInputs['usage'], config: HealthWeights): Scored {
  const inputs = { events7d: usage.events7d, eventsPrevious7d: usage.eventsPrevious7d };
  if (!usage.hasEvents) return { value: null, inputs, explanation: 'no product events were received for this account' };
  if (usage.eventsPrevious7d === 0) {
    const value = usage.events7d > 0 ? 100 : 0;
    return { value, inputs, explanation: value === 100 ? 'usage started in the last 7 days' : 'no usage in the last 14 days' };
  }

  const ratio = usage.events7d / usage.eventsPrevious7d;
  const value = round2((Math.min(ratio, config.usage.fullScoreRatio) / config.usage.fullScoreRatio) * 100);
  return { value, inputs: { ...inputs, ratio: round2(ratio) }, explanation: `events in the last 7 days are ${round2(ratio * 100)}% of the 7 days before` };
}

export function scoreTicketSeverity(tickets: HealthInputs['tickets'], config: HealthWeights): Scored {
  const penalty = tickets.openP1 * config.severity.pointsPerOpenP1 + tickets.openP2 * config.severity.pointsPerOpenP2;
  return {
    value: clamp(100 - penalty),
    inputs: { openP1: tickets.openP1, openP2: tickets.openP2, penalty },
    explanation: `${tickets.openP1} open P1 and ${tickets.openP2} open P2 tickets`,
  };
}

/** Returns the tickets per 30 days that count as normal: the account's own baseline, else per seat, else a default. */
export function normalTicketVolume(tickets: HealthInputs['tickets'], config: HealthWeights): { normal: number; basis: 'own_baseline' | 'seats' | 'default' } {
  if (tickets.baselineDays >= 30 && tickets.baselineTickets > 0) {
    return { normal: tickets.baselineTickets / (tickets.baselineDays / 30), basis: 'own_baseline' };
  }
  if (tickets.seats !== null && tickets.seats > 0) {
    return { normal: tickets.seats * config.volume.normalTicketsPerSeat, basis: 'seats' };
  }
  return { normal: config.volume.normalTicketsWithoutSeats, basis: 'default' };
}

export function scoreTicketVolume(tickets: HealthInputs['tickets'], config: HealthWeights): Scored {
  const { normal, basis } = normalTicketVolume(tickets, config);
  const ratio = tickets.last30Days / normal;
  const value = round2(clamp(100 - Math.max(0, ratio - 1) * config.volume.pointsPerExcessRatio));

  return {
    value,
    inputs: { last30Days: tickets.last30Days, baselineTickets: tickets.baselineTickets, baselineDays: tickets.baselineDays, seats: tickets.seats, normal: round2(normal), basis, ratio: round2(ratio) },
    explanation: `${tickets.last30Days} tickets in the last 30 days against ${round2(normal)} normal (${basis.replace('_', ' ')})`,
  };
}

export function scoreSatisfaction(satisfaction: HealthInputs['satisfaction']): Scored {
  if (!satisfaction) return { value: null, inputs: {}, explanation: 'no satisfaction ratings are stored yet' };
  return { value: clamp(satisfaction.averagePercent), inputs: { ...satisfaction }, explanation: `${satisfaction.ratings} ratings averaging ${satisfaction.averagePercent}%` };
}

export function scoreRenewal(renewal: HealthInputs['renewal'], config: HealthWeights): Scored {
  if (!renewal) return { value: null, inputs: {}, explanation: 'the account has no renewal date' };

  const { safeDays, valueAtRenewal, valueWhenOverdue } = config.renewal;
  const days = renewal.daysToRenewal;
  let value = 100;
  if (days < 0) value = valueWhenOverdue;
  else if (days < safeDays) value = round2(valueAtRenewal + ((100 - valueAtRenewal) * days) / safeDays);
  const explanation = days < 0 ? `the renewal date passed ${-days} days ago` : `${days} days to renewal`;

  return { value, inputs: { ...renewal }, explanation };
}

/** Computes the score and every component's weight, value, inputs and contribution. */
export function computeHealth(inputs: HealthInputs, config: HealthWeights = defaultHealthWeights): HealthResult {
  const scored: Array<[ComponentKey, number, Scored]> = [
    ['usage_trend', config.weights.usageTrend, scoreUsageTrend(inputs.usage, config)],
    ['ticket_severity', config.weights.ticketSeverity, scoreTicketSeverity(inputs.tickets, config)],
    ['ticket_volume', config.weights.ticketVolume, scoreTicketVolume(inputs.tickets, config)],
    ['satisfaction', config.weights.satisfaction, scoreSatisfaction(inputs.satisfaction)],
    ['renewal', config.weights.renewal, scoreRenewal(inputs.renewal, config)],
  ];

  const availableWeight = scored.reduce((sum, [, weight, result]) => sum + (result.value === null ? 0 : weight), 0);
  if (availableWeight <= 0) throw new Error('Every health component with data has weight 0: give at least one a positive weight');

  let total = 0;
  const components = scored.map(([key, weight, result]): HealthComponent => {
    const effectiveWeight = result.value === null ? 0 : weight / availableWeight;
    const contribution = result.value === null ? 0 : effectiveWeight * result.value;
    total += contribution;
    return {
      key, status: result.value === null ? 'missing' : 'scored', weight, effectiveWeight: round2(effectiveWeight * 100) / 100,
      value: result.value, contribution: round2(contribution), inputs: result.inputs, explanation: result.explanation,
    };
  });

  return { score: round2(clamp(total)), formulaVersion: config.formulaVersion, components, missing: components.filter((c) => c.status === 'missing').map((c) => c.key) };
}
