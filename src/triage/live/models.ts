/**
 * Storage of trained model versions (table triage_models). Per field, one
 * version is active, the one it replaced is kept as previous for rollback,
 * and older ones are retired.
 */
import { AppError, notFound } from '../../core/errors.ts';
import type { Db, Queryable } from '../../store/index.ts';
import type { TriageModel } from '../model.ts';
import { modelFromJson, modelToJson, type TriageModelJson } from '../serialize.ts';
import type { ScopeGuard } from './scope.ts';

export interface StoredModelJson {
  triage: TriageModelJson;
  scope: ScopeGuard;
}

export interface LiveModel {
  id: number;
  field: string;
  version: number;
  model: TriageModel;
  scope: ScopeGuard;
}

export interface FieldMetrics {
  accuracy: number;
  macroF1: number;
  /** Share of held-out tickets whose confidence reached the threshold. */
  coverage: number;
  /** Precision of the held-out tickets at or above the threshold. */
  precision: number;
  targetPrecision: number;
  heldOut: number;
  trainSeconds: number;
}

export interface NewModelVersion {
  field: string;
  exampleCount: number;
  labelCounts: Record<string, number>;
  metrics: FieldMetrics;
  model: TriageModel;
  scope: ScopeGuard;
}

/** Stores a new version as active, demotes the active one to previous and retires the older previous one. */
export async function storeModelVersion(db: Db, input: NewModelVersion): Promise<{ id: number; version: number }> {
  const text = JSON.stringify({ triage: modelToJson(input.model), scope: input.scope } satisfies StoredModelJson);
  const threshold = Number.isFinite(input.model.threshold) ? input.model.threshold : null;

  return db.transaction(async (tx) => {
    await tx.query("update triage_models set status = 'retired' where field = $1 and status = 'previous'", [input.field]);
    await tx.query("update triage_models set status = 'previous' where field = $1 and status = 'active'", [input.field]);
    const [row] = await tx.query<{ id: number; version: number }>(
      `insert into triage_models (field, version, status, example_count, label_counts, metrics, threshold, model)
       select $1, coalesce(max(version), 0) + 1, 'active', $2, $3, $4, $5, $6 from triage_models where field = $1
       returning id, version`,
      [input.field, input.exampleCount, JSON.stringify(input.labelCounts), JSON.stringify(input.metrics), threshold, text],
    );
    return row;
  });
}

/** Makes a stored version active again (a rollback); the version it replaces becomes previous. */
export async function activateModel(db: Db, id: number): Promise<{ id: number; field: string; version: number }> {
  return db.transaction(async (tx) => {
    const [target] = await tx.query<{ id: number; field: string; version: number; status: string }>(
      'select id, field, version, status from triage_models where id = $1 for update', [id],
    );
    if (!target) throw notFound('Model', id);
    if (target.status === 'active') return target;

    await tx.query("update triage_models set status = 'retired' where field = $1 and status = 'previous' and id <> $2", [target.field, id]);
    await tx.query("update triage_models set status = 'previous' where field = $1 and status = 'active'", [target.field]);
    await tx.query("update triage_models set status = 'active' where id = $1", [id]);
    return { ...target, status: 'active' };
  });
}

// Model versions never change once stored, so a parsed model is cached by id.
const parsedModels = new Map<number, LiveModel>();
const maxCachedModels = 32;

/** Loads the active model of every field, parsing only versions not yet cached. */
export async function loadActiveModels(db: Queryable): Promise<LiveModel[]> {
  const active = await db.query<{ id: number }>("select id from triage_models where status = 'active' order by field");
  const models: LiveModel[] = [];

  for (const { id } of active) {
    models.push(parsedModels.get(id) ?? (await loadModel(db, id)));
  }

  return models;
}

async function loadModel(db: Queryable, id: number): Promise<LiveModel> {
  const [row] = await db.query<{ id: number; field: string; version: number; model: string }>(
    'select id, field, version, model from triage_models where id = $1', [id],
  );
  if (!row) throw new AppError('internal', `Model ${id} disappeared while loading`);

  const stored = JSON.parse(row.model) as StoredModelJson;
  const live = { id: row.id, field: row.field, version: row.version, model: modelFromJson(stored.triage), scope: stored.scope };
  if (parsedModels.size >= maxCachedModels) parsedModels.delete(parsedModels.keys().next().value!);
  parsedModels.set(id, live);

  return live;
}

export interface ModelVersionSummary {
  id: number;
  field: string;
  version: number;
  status: string;
  trainedAt: string;
  exampleCount: number;
  labelCounts: Record<string, number>;
  metrics: FieldMetrics;
  threshold: number | null;
}

/** Lists the active and previous versions of every field, newest first, without the model bodies. */
export async function listModelVersions(db: Queryable): Promise<ModelVersionSummary[]> {
  const rows = await db.query<{ id: number; field: string; version: number; status: string; trained_at: Date; example_count: number; label_counts: Record<string, number>; metrics: FieldMetrics; threshold: number | null }>(
    `select id, field, version, status, trained_at, example_count, label_counts, metrics, threshold
     from triage_models where status in ('active', 'previous') order by field, version desc`,
  );

  return rows.map((row) => ({
    id: row.id,
    field: row.field,
    version: row.version,
    status: row.status,
    trainedAt: new Date(row.trained_at).toISOString(),
    exampleCount: row.example_count,
    labelCounts: row.label_counts,
    metrics: row.metrics,
    threshold: row.threshold,
  }));
}
