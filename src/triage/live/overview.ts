/**
 * The admin overview of the models: per field, the active version with the
 * metrics of its last evaluation, the previous version, how agents decided
 * on its predictions, and decisions per week.
 */
import type { Queryable } from '../../store/index.ts';
import { allowedValues, listTriageFields } from './fields.ts';
import { listModelVersions, type ModelVersionSummary } from './models.ts';

export interface WeeklyDecisions {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  accepted: number;
  corrected: number;
  rejected: number;
}

export interface FieldOverview {
  field: string;
  active: ModelVersionSummary | null;
  previous: ModelVersionSummary | null;
  /** Stored predictions of this field by status. */
  statusCounts: Record<string, number>;
  weekly: WeeklyDecisions[];
  values: string[];
}

const weeksShown = 12;

export async function getModelsOverview(db: Queryable): Promise<{ fields: FieldOverview[] }> {
  const fields = await listTriageFields(db);
  const versions = await listModelVersions(db);
  const counts = await db.query<{ field: string; status: string; count: number }>(
    'select field, status, count(*)::int as count from triage_predictions group by field, status',
  );
  const weekly = await db.query<{ field: string; week: string; accepted: number; corrected: number; rejected: number }>(
    `select field, date_trunc('week', decided_at)::date as week,
       count(*) filter (where status = 'accepted')::int as accepted,
       count(*) filter (where status = 'corrected')::int as corrected,
       count(*) filter (where status = 'rejected')::int as rejected
     from triage_predictions
     where decided_at > now() - make_interval(weeks => $1)
     group by 1, 2 order by 2`,
    [weeksShown],
  );

  const overview: FieldOverview[] = [];
  for (const field of fields) {
    overview.push({
      field: field.name,
      active: versions.find((version) => version.field === field.name && version.status === 'active') ?? null,
      previous: versions.find((version) => version.field === field.name && version.status === 'previous') ?? null,
      statusCounts: Object.fromEntries(counts.filter((row) => row.field === field.name).map((row) => [row.status, row.count])),
      weekly: weekly.filter((row) => row.field === field.name).map(({ week, accepted, corrected, rejected }) => ({ week: String(week), accepted, corrected, rejected })),
      values: await allowedValues(db, field),
    });
  }

  return { fields: overview };
}
