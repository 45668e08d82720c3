-- Business-impact priority stored on each ticket: the score (0-100), the
-- components it was computed from, and when. Old rows keep null until the
-- backfill runs; the queue sorts null as -1 so keyset paging stays total.
alter table tickets add column impact_score numeric(5, 2) check (impact_score between 0 and 100);
alter table tickets add column impact_breakdown jsonb;
alter table tickets add column impact_computed_at timestamptz;
create index tickets_impact on tickets ((coalesce(impact_score, -1)) desc, id desc);
