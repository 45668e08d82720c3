-- Triage models trained on this database's own ticket history, one row per
-- trained version of one field. The active version predicts; the previous one
-- is kept so an admin can roll back; older versions are retired.
create table triage_models (
  id bigint generated always as identity primary key,
  field text not null,
  version integer not null,
  status text not null check (status in ('active', 'previous', 'retired')),
  trained_at timestamptz not null default now(),
  example_count integer not null,
  label_counts jsonb not null,
  metrics jsonb not null,
  -- Calibrated confidence at or above which a prediction is applied; null abstains on everything.
  threshold double precision,
  -- Serialised model (src/triage/serialize.ts); text because it is only ever read whole.
  model text not null,
  unique (field, version)
);
create unique index triage_models_one_active on triage_models (field) where status = 'active';

-- Every inferred value with its provenance and what a human decided about it.
create table triage_predictions (
  id bigint generated always as identity primary key,
  ticket_id bigint not null references tickets (id) on delete cascade,
  field text not null,
  value text,
  confidence double precision not null,
  score double precision,
  model_id bigint references triage_models (id),
  model_version integer,
  method text not null,
  alternatives jsonb not null default '[]'::jsonb,
  explanation jsonb not null default '[]'::jsonb,
  status text not null check (status in ('applied', 'suggested', 'accepted', 'corrected', 'rejected', 'abstained')),
  corrected_value text,
  created_at timestamptz not null default now(),
  decided_by bigint references agents (id),
  decided_at timestamptz
);
create index triage_predictions_ticket on triage_predictions (ticket_id, field, created_at desc);
create index triage_predictions_decided on triage_predictions (decided_at) where decided_at is not null;
create index triage_predictions_applied on triage_predictions (field, ticket_id) where status = 'applied';

-- An admin marks a vocabulary-typed custom ticket field as predicted to get a model for it.
alter table custom_field_definitions add column predicted boolean not null default false;
