create table sessions (
  token_hash text primary key,
  agent_id bigint not null references agents (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_agent on sessions (agent_id);

create table api_tokens (
  id bigint generated always as identity primary key,
  agent_id bigint not null references agents (id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table idempotency_keys (
  actor text not null,
  key text not null,
  method text not null,
  path text not null,
  request_hash text not null,
  status integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (actor, key)
);
