/** Versioned storage of assist models in the assist_models table, and a short-lived cache of the newest one. */
import type { Queryable } from '../../store/index.ts';
import type { EscalationMetrics, EscalationModel } from './escalation-model.ts';

export const escalationModelName = 'escalation';

export interface StoredEscalationModel {
  model: EscalationModel;
  version: number;
  /** "escalation@<version>", the value predictions report as modelVersion. */
  modelVersion: string;
  trainedAt: string;
}

/** Stores a new version of the escalation model and returns its version number. */
export async function saveEscalationModel(db: Queryable, model: EscalationModel, metrics: EscalationMetrics): Promise<number> {
  const [row] = await db.query<{ version: number }>(
    `insert into assist_models (name, version, model, metrics)
     select $1, coalesce(max(version), 0) + 1, $2::jsonb, $3::jsonb from assist_models where name = $1
     returning version`,
    [escalationModelName, JSON.stringify(model), JSON.stringify(metrics)],
  );

  return row.version;
}

/** Returns the newest escalation model, or null when none has been trained. */
export async function loadEscalationModel(db: Queryable): Promise<StoredEscalationModel | null> {
  const [row] = await db.query<{ version: number; model: EscalationModel; trained_at: Date }>(
    'select version, model, trained_at from assist_models where name = $1 order by version desc limit 1',
    [escalationModelName],
  );
  if (!row) {
    return null;
  }

  return { model: row.model, version: row.version, modelVersion: `${escalationModelName}@${row.version}`, trainedAt: new Date(row.trained_at).toISOString() };
}

/** Keeps the newest model in memory for ttlMs, so a retrained model is served within that time on every node. */
export class EscalationModelCache {
  private entry: { loadedAt: number; stored: StoredEscalationModel | null } | null = null;

  constructor(private readonly db: Queryable, private readonly ttlMs = 60_000, private readonly clock: () => number = Date.now) {}

  async get(): Promise<StoredEscalationModel | null> {
    if (!this.entry || this.clock() - this.entry.loadedAt >= this.ttlMs) {
      this.entry = { loadedAt: this.clock(), stored: await loadEscalationModel(this.db) };
    }

    return this.entry.stored;
  }
}
