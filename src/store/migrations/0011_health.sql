-- Health snapshots record how they were made: the formula version, and for
-- scheduled runs a key that makes a retried job insert its snapshot only once.
alter table health_scores add column formula_version integer;
alter table health_scores add column run_key text;
alter table health_scores add column recorded_by bigint references agents (id) on delete set null;
create unique index health_scores_run_key on health_scores (account_id, run_key) where run_key is not null;
