-- Models of the agent-assist features (escalation risk first), stored as
-- JSON with one row per trained version. Serving reads the newest version of
-- a model name; older versions stay for comparison and rollback.
create table assist_models (
  name text not null check (name ~ '^[a-z][a-z0-9_-]*$'),
  version integer not null check (version > 0),
  model jsonb not null,
  metrics jsonb not null default '{}'::jsonb,
  trained_at timestamptz not null default now(),
  primary key (name, version)
);
