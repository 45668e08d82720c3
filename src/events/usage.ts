/**
 * Per-account usage summary over the last 7 and 30 days, computed from the
 * account's track, page and screen events up to a given time `now`. A user is
 * its contact when resolved, else its userId, else its anonymousId. A session
 * is a run of one user's events with no gap over 30 minutes.
 */
import type { Queryable } from '../store/index.ts';
import { trendOf, type Trend } from './trend.ts';

export const sessionGapMinutes = 30;
const maxFeatures = 50;

export interface FeatureUsage {
  feature: string;
  count7d: number;
  countPrevious7d: number;
  count30d: number;
  trend: Trend;
}

export interface UsageSummary {
  accountId: number;
  asOf: string;
  activeUsers: { days7: number; days30: number };
  sessions: { days7: number; days30: number };
  events: { days7: number; previous7: number; days30: number; trend: Trend };
  features: FeatureUsage[];
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}

const interactive = `type in ('track', 'page', 'screen')`;
// Sorted by byte order so that the feature list is the same on every engine and locale.
const featureExpression = `coalesce(nullif(properties->>'feature', ''), name)`;
const userKey = `coalesce('c:' || contact_id::text, 'u:' || user_id, 'a:' || anonymous_id)`;

async function windowCounts(db: Queryable, accountId: number, now: string) {
  const [row] = await db.query<Record<string, number>>(
    `select
       count(distinct ${userKey}) filter (where occurred_at > $2::timestamptz - interval '7 days') as users7,
       count(distinct ${userKey}) filter (where occurred_at > $2::timestamptz - interval '30 days') as users30,
       count(*) filter (where occurred_at > $2::timestamptz - interval '7 days') as events7,
       count(*) filter (where occurred_at > $2::timestamptz - interval '14 days' and occurred_at <= $2::timestamptz - interval '7 days') as previous7,
       count(*) filter (where occurred_at > $2::timestamptz - interval '30 days') as events30
     from events
     where account_id = $1 and ${interactive} and occurred_at > $2::timestamptz - interval '30 days' and occurred_at <= $2::timestamptz`,
    [accountId, now],
  );
  return row;
}

async function sessionCounts(db: Queryable, accountId: number, now: string) {
  const [row] = await db.query<{ sessions7: number; sessions30: number }>(
    `select count(*) filter (where occurred_at > $2::timestamptz - interval '7 days') as sessions7, count(*) as sessions30
       from (
         select occurred_at, lag(occurred_at) over (partition by who order by occurred_at) as previous
           from (select ${userKey} as who, occurred_at from events
                  where account_id = $1 and ${interactive} and occurred_at > $2::timestamptz - interval '30 days' and occurred_at <= $2::timestamptz) scoped
       ) ordered
      where previous is null or occurred_at - previous > $3::int * interval '1 minute'`,
    [accountId, now, sessionGapMinutes],
  );
  return row;
}

async function featureCounts(db: Queryable, accountId: number, now: string): Promise<FeatureUsage[]> {
  const rows = await db.query<{ feature: string; count7: number; previous7: number; count30: number }>(
    `select ${featureExpression} as feature,
            count(*) filter (where occurred_at > $2::timestamptz - interval '7 days') as count7,
            count(*) filter (where occurred_at > $2::timestamptz - interval '14 days' and occurred_at <= $2::timestamptz - interval '7 days') as previous7,
            count(*) as count30
       from events
      where account_id = $1 and type = 'track' and occurred_at > $2::timestamptz - interval '30 days' and occurred_at <= $2::timestamptz
      group by 1 order by count30 desc, ${featureExpression} collate "C" limit $3`,
    [accountId, now, maxFeatures],
  );

  return rows.map((row) => ({
    feature: row.feature,
    count7d: row.count7,
    countPrevious7d: row.previous7,
    count30d: row.count30,
    trend: trendOf(row.count7, row.previous7),
  }));
}

async function seenBounds(db: Queryable, accountId: number, now: string) {
  const bound = (direction: 'asc' | 'desc') => db.query<{ occurred_at: Date }>(
    `select occurred_at from events where account_id = $1 and ${interactive} and occurred_at <= $2::timestamptz
      order by occurred_at ${direction} limit 1`,
    [accountId, now],
  );
  const [[first], [last]] = [await bound('asc'), await bound('desc')];
  return { firstSeenAt: first?.occurred_at.toISOString() ?? null, lastSeenAt: last?.occurred_at.toISOString() ?? null };
}

/** Computes an account's usage summary as of `now` (pass it explicitly, so results are reproducible). */
export async function computeUsage(db: Queryable, accountId: number, now: Date): Promise<UsageSummary> {
  const asOf = now.toISOString();
  const counts = await windowCounts(db, accountId, asOf);
  const sessions = await sessionCounts(db, accountId, asOf);
  const features = await featureCounts(db, accountId, asOf);
  const seen = await seenBounds(db, accountId, asOf);

  return {
    accountId,
    asOf,
    activeUsers: { days7: counts.users7, days30: counts.users30 },
    sessions: { days7: sessions.sessions7, days30: sessions.sessions30 },
    events: { days7: counts.events7, previous7: counts.previous7, days30: counts.events30, trend: trendOf(counts.events7, counts.previous7) },
    features,
    ...seen,
  };
}

/** Stores a summary in account_usage, replacing the account's previous one. */
export async function storeUsage(db: Queryable, summary: UsageSummary): Promise<void> {
  await db.query(
    `insert into account_usage (account_id, as_of, active_users_7d, active_users_30d, sessions_7d, sessions_30d,
                                events_7d, events_prev_7d, events_30d, first_seen_at, last_seen_at, features, computed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, now())
     on conflict (account_id) do update set
       as_of = excluded.as_of, active_users_7d = excluded.active_users_7d, active_users_30d = excluded.active_users_30d,
       sessions_7d = excluded.sessions_7d, sessions_30d = excluded.sessions_30d, events_7d = excluded.events_7d,
       events_prev_7d = excluded.events_prev_7d, events_30d = excluded.events_30d, first_seen_at = excluded.first_seen_at,
       last_seen_at = excluded.last_seen_at, features = excluded.features, computed_at = now()`,
    [
      summary.accountId, summary.asOf, summary.activeUsers.days7, summary.activeUsers.days30, summary.sessions.days7, summary.sessions.days30,
      summary.events.days7, summary.events.previous7, summary.events.days30, summary.firstSeenAt, summary.lastSeenAt, JSON.stringify(summary.features),
    ],
  );
}

/** Reads the stored summary of an account, or null when none was computed yet. */
export async function readUsage(db: Queryable, accountId: number): Promise<(UsageSummary & { computedAt: string }) | null> {
  const [row] = await db.query<Record<string, any>>('select * from account_usage where account_id = $1', [accountId]);
  if (!row) return null;

  return {
    accountId,
    asOf: row.as_of.toISOString(),
    activeUsers: { days7: row.active_users_7d, days30: row.active_users_30d },
    sessions: { days7: row.sessions_7d, days30: row.sessions_30d },
    events: { days7: row.events_7d, previous7: row.events_prev_7d, days30: row.events_30d, trend: trendOf(row.events_7d, row.events_prev_7d) },
    features: row.features,
    firstSeenAt: row.first_seen_at?.toISOString() ?? null,
    lastSeenAt: row.last_seen_at?.toISOString() ?? null,
    computedAt: row.computed_at.toISOString(),
  };
}
