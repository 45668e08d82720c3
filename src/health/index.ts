export { registerHealthRoutes } from './routes.ts';
export { computeHealth, type HealthComponent, type HealthInputs, type HealthResult } from './score.ts';
export { defaultHealthWeights, type HealthWeights } from './weights.ts';
export { gatherHealthInputs, daysUntil } from './inputs.ts';
export { importAccountHealth, listHealthSnapshots, recomputeAccountHealth, type HealthSnapshot } from './snapshots.ts';
export { accountHealthJob, dailyHealthJob, enqueueDailyHealth, ensureHealthSchedule, dailyJobKey, accountJobKey } from './jobs.ts';
