create table jobs (
  id bigint generated always as identity primary key,
  name text not null,
  payload jsonb not null default '{}'::jsonb,
  payload_version integer not null default 1,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  run_at timestamptz not null default now(),
  locked_at timestamptz,
  locked_by text,
  last_error text,
  unique_key text unique,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_ready on jobs (run_at, id) where status = 'queued';
create index jobs_running on jobs (locked_at) where status = 'running';
