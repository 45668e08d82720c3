/**
 * An agent's decision on a prediction: accept it, correct it to another
 * value, or reject it. Accept and correct write the value through the normal
 * ticket update, so the version check, vocabulary validation and audit entry
 * are the same as for any edit. The decision then becomes a training label.
 */
import { recordAudit } from '../../audit/index.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { Actor } from '../../http/actor.ts';
import type { Queryable } from '../../store/index.ts';
import { updateTicket, type Ticket, type TicketDeps } from '../../tickets/index.ts';
import { updateInputFor } from './fields.ts';
import type { PredictionStatus } from './predict.ts';

export interface StoredPrediction {
  id: number;
  ticketId: number;
  field: string;
  value: string | null;
  confidence: number;
  score: number | null;
  model: { id: number; version: number } | null;
  method: string;
  alternatives: { value: string; confidence: number }[];
  explanation: { term: string; kind: string; weight: number }[];
  status: PredictionStatus;
  correctedValue: string | null;
  createdAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
}

interface PredictionRow {
  id: number;
  ticket_id: number;
  field: string;
  value: string | null;
  confidence: number;
  score: number | null;
  model_id: number | null;
  model_version: number | null;
  method: string;
  alternatives: StoredPrediction['alternatives'];
  explanation: StoredPrediction['explanation'];
  status: PredictionStatus;
  corrected_value: string | null;
  created_at: Date;
  decided_by: number | null;
  decided_at: Date | null;
}

function toPrediction(row: PredictionRow): StoredPrediction {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    field: row.field,
    value: row.value,
    confidence: row.confidence,
    score: row.score,
    model: row.model_id === null ? null : { id: row.model_id, version: row.model_version! },
    method: row.method,
    alternatives: row.alternatives,
    explanation: row.explanation,
    status: row.status,
    correctedValue: row.corrected_value,
    createdAt: new Date(row.created_at).toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
  };
}

/** Lists a ticket's predictions, newest first. */
export async function listPredictions(db: Queryable, ticketId: number): Promise<StoredPrediction[]> {
  const exists = await db.query('select 1 from tickets where id = $1', [ticketId]);
  if (exists.length === 0) throw notFound('Ticket', ticketId);

  const rows = await db.query<PredictionRow>('select * from triage_predictions where ticket_id = $1 order by created_at desc, id desc', [ticketId]);
  return rows.map(toPrediction);
}

async function findPrediction(db: Queryable, ticketId: number, predictionId: number): Promise<StoredPrediction> {
  const rows = await db.query<PredictionRow>('select * from triage_predictions where id = $1 and ticket_id = $2', [predictionId, ticketId]);
  if (rows.length === 0) throw notFound('Prediction', predictionId);
  return toPrediction(rows[0]);
}

const decidable: PredictionStatus[] = ['applied', 'suggested'];

function assertDecidable(prediction: StoredPrediction, decision: string): void {
  if (!decidable.includes(prediction.status)) {
    throw new AppError('invalid_transition', `Prediction ${prediction.id} is already ${prediction.status}`, [
      { field: 'status', value: prediction.status, fix: `only an applied or suggested prediction can be ${decision}; reload the ticket's predictions` },
    ]);
  }
  if (prediction.field === 'sentiment') {
    throw new AppError('invalid_input', 'Sentiment is a score, not a ticket field', [{ field: 'predictionId', value: prediction.id, fix: 'accept or correct a field prediction instead' }]);
  }
}

/** Records the decision on the prediction and in the ticket's audit trail, naming the model version decided on. */
async function markDecision(db: Queryable, prediction: StoredPrediction, status: PredictionStatus, actor: Actor, correctedValue: string | null): Promise<void> {
  await db.query(
    'update triage_predictions set status = $2, corrected_value = $3, decided_by = $4, decided_at = now() where id = $1',
    [prediction.id, status, correctedValue, actor.agentId],
  );

  const source = prediction.model ? `model ${prediction.field} v${prediction.model.version}` : prediction.method;
  const correction = correctedValue === null ? '' : ` corrected to ${correctedValue}`;
  await recordAudit(db, {
    entity: 'ticket',
    entityId: prediction.ticketId,
    action: `triage_${status}`,
    actor,
    changes: { triage: [null, `${prediction.field} ${prediction.value ?? '(none)'}${correction} (${source}, prediction ${prediction.id})`] },
  });
}

export interface DecisionResult {
  prediction: StoredPrediction;
  ticket: Ticket | null;
}

/** Sets the predicted value on the ticket (a no-op when it is already there) and marks the prediction accepted. */
export async function acceptPrediction(deps: TicketDeps, actor: Actor, ticketId: number, predictionId: number, version: number): Promise<DecisionResult> {
  const prediction = await findPrediction(deps.db, ticketId, predictionId);
  assertDecidable(prediction, 'accepted');
  if (prediction.value === null) {
    throw new AppError('invalid_input', `Prediction ${predictionId} has no value to accept`, [{ field: 'predictionId', value: predictionId, fix: 'correct it with a value instead' }]);
  }

  const ticket = await updateTicket(deps, actor, ticketId, updateInputFor(prediction.field, prediction.value, version));
  await markDecision(deps.db, prediction, 'accepted', actor, null);

  return { prediction: await findPrediction(deps.db, ticketId, predictionId), ticket };
}

/** Sets another value on the ticket and marks the prediction corrected; the value becomes the label for the next training. */
export async function correctPrediction(deps: TicketDeps, actor: Actor, ticketId: number, predictionId: number, value: string, version: number): Promise<DecisionResult> {
  const prediction = await findPrediction(deps.db, ticketId, predictionId);
  if (prediction.status !== 'abstained') assertDecidable(prediction, 'corrected');

  const ticket = await updateTicket(deps, actor, ticketId, updateInputFor(prediction.field, value, version));
  await markDecision(deps.db, prediction, 'corrected', actor, value);

  return { prediction: await findPrediction(deps.db, ticketId, predictionId), ticket };
}

/** Marks a suggestion rejected without changing the ticket. */
export async function rejectPrediction(db: Queryable, actor: Actor, ticketId: number, predictionId: number): Promise<DecisionResult> {
  const prediction = await findPrediction(db, ticketId, predictionId);
  if (prediction.status !== 'suggested') {
    throw new AppError('invalid_transition', `Prediction ${predictionId} is ${prediction.status}, not suggested`, [
      { field: 'status', value: prediction.status, fix: 'reject only suggestions; correct an applied value instead' },
    ]);
  }

  await markDecision(db, prediction, 'rejected', actor, null);
  return { prediction: await findPrediction(db, ticketId, predictionId), ticket: null };
}
