/**
 * Agent assist: similar resolved tickets, suggested replies and escalation
 * risk for a ticket. docs/assist.md describes the routes, the index's
 * staleness bound and how the escalation model is trained.
 */
export { registerAssistRoutes, draftEndpointFromConfig, type AssistRouteOptions } from './routes.ts';
export { ResolvedTicketIndex, defaultResolvedIndexOptions, type ResolvedIndexOptions, type TicketText } from './resolved-index.ts';
export { findSimilarTickets, type SimilarTicket } from './similar.ts';
export { draftReply, type AnswerSource, type DraftReply } from './draft.ts';
export { loadEscalationRecords } from './escalation-data.ts';
export { trainEscalationModel, predictEscalation, type EscalationMetrics, type EscalationModel } from './escalation-model.ts';
export { saveEscalationModel, loadEscalationModel } from './model-store.ts';
export type { LabelSource } from './escalation-labels.ts';
