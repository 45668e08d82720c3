/**
 * Business-impact priority: a 0-100 score per ticket from its priority and
 * its account's ARR, tier, health and renewal date, stored on the ticket and
 * recomputed when any of those inputs changes. docs/business-impact.md gives
 * the formula.
 */
export { computeImpact, daysBetween, type ImpactBreakdown, type ImpactComponent, type ImpactInput } from './score.ts';
export { defaultImpactSettings, impactFormulaVersion, type ImpactSettings, type ImpactWeights } from './weights.ts';
export { impactOfNewTicket, recomputeAccountsImpact, recomputeAllImpact, recomputeTicketImpact } from './recompute.ts';
export { ensureImpactSchedule, impactJobs, recomputeAfterAccountChange, scheduleRenewalRecompute } from './jobs.ts';
export { registerImpactRoutes } from './routes.ts';
