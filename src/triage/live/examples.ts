/**
 * Training labels. A ticket's field value is a label when a human set it:
 * an agent, an import, or an agent accepting or correcting a prediction.
 * A value a model applied stays out until an agent confirms it, so a model
 * never learns from its own unreviewed output.
 */
import type { Queryable } from '../../store/index.ts';
import type { TrainingExample } from '../model.ts';
import type { TicketDocument } from './documents.ts';
import { readFieldValue } from './fields.ts';

/** Loads the (ticket, field, value) triples that a model applied and no agent has reviewed yet. */
export async function loadUnreviewedValues(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ ticket_id: number; field: string; value: string }>(
    "select ticket_id, field, value from triage_predictions where status = 'applied' and value is not null",
  );

  return new Set(rows.map((row) => unreviewedKey(row.ticket_id, row.field, row.value)));
}

function unreviewedKey(ticketId: number, field: string, value: string): string {
  return `${ticketId}\u0000${field}\u0000${value}`;
}

/** Returns the labelled examples of one field. */
export function buildExamples(documents: TicketDocument[], field: string, unreviewed: Set<string>): TrainingExample[] {
  const examples: TrainingExample[] = [];

  for (const document of documents) {
    const label = readFieldValue(document.values, field);
    if (label === null || unreviewed.has(unreviewedKey(document.ticketId, field, label))) continue;
    examples.push({ ...document.input, label });
  }

  return examples;
}

export interface LabelCheck {
  ok: boolean;
  /** Reason the field is skipped; set only when ok is false. */
  reason?: string;
  labelCounts: Record<string, number>;
  /** Labels with enough examples to learn; rarer labels are left out of training. */
  keptLabels: string[];
}

export interface LabelRequirements {
  minExamples: number;
  minClassExamples: number;
}

export const defaultLabelRequirements: LabelRequirements = { minExamples: 50, minClassExamples: 5 };

/** Checks that a field has enough labels to train: minExamples in all and two classes with minClassExamples each. */
export function checkLabels(examples: TrainingExample[], requirements: LabelRequirements): LabelCheck {
  const labelCounts: Record<string, number> = {};
  for (const example of examples) {
    labelCounts[example.label] = (labelCounts[example.label] ?? 0) + 1;
  }

  const keptLabels = Object.keys(labelCounts).filter((label) => labelCounts[label] >= requirements.minClassExamples).sort();
  const keptCount = keptLabels.reduce((sum, label) => sum + labelCounts[label], 0);

  if (keptCount < requirements.minExamples) {
    return { ok: false, reason: `${keptCount} labelled examples, fewer than the ${requirements.minExamples} needed`, labelCounts, keptLabels };
  }
  if (keptLabels.length < 2) {
    return { ok: false, reason: `${keptLabels.length} class(es) with at least ${requirements.minClassExamples} examples, fewer than the 2 needed`, labelCounts, keptLabels };
  }

  return { ok: true, labelCounts, keptLabels };
}
