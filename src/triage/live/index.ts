/**
 * Triage running inside the product: models trained per field on this
 * database's ticket history, predictions stored with their provenance,
 * auto-apply above a measured threshold, agent decisions that become labels,
 * and retraining.
 */
export { registerTriageRoutes } from './routes.ts';
export { triageJobs } from './jobs.ts';
export { enqueueTicketTriage, predictTicketJobSpec, trainModelsJobSpec } from './job-specs.ts';
export { markOverriddenPredictions } from './overrides.ts';
export { trainFields, targetPrecision, type FieldTrainingResult, type TrainFieldsOptions } from './train.ts';
export { triageTicket, type TriageOutcome } from './predict.ts';
export { activateModel, loadActiveModels } from './models.ts';
export { scheduleRetrainingIfDue, defaultRetrainPolicy } from './schedule.ts';
