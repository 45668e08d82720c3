create table teams (
  id bigint generated always as identity primary key,
  key text not null unique check (key ~ '^[a-z0-9][a-z0-9_-]*$'),
  name text not null,
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

create table agents (
  id bigint generated always as identity primary key,
  email text not null,
  name text not null,
  role text not null check (role in ('admin', 'agent', 'viewer')),
  password_hash text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create unique index agents_email_key on agents (lower(email));

create table agent_teams (
  agent_id bigint not null references agents (id) on delete cascade,
  team_id bigint not null references teams (id) on delete cascade,
  primary key (agent_id, team_id)
);

create table accounts (
  id bigint generated always as identity primary key,
  external_id text unique,
  name text not null,
  domains text[] not null default '{}',
  tier text,
  arr numeric(14, 2),
  currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  plan text,
  seats integer,
  renewal_date date,
  health_score numeric(5, 2) check (health_score between 0 and 100),
  csm_agent_id bigint references agents (id),
  segment text,
  region text,
  crm_ids jsonb not null default '{}'::jsonb,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index accounts_name_trgm on accounts using gin (name gin_trgm_ops);
create index accounts_domains on accounts using gin (domains);

create table subscriptions (
  id bigint generated always as identity primary key,
  account_id bigint not null references accounts (id) on delete cascade,
  product text not null,
  plan text,
  seats integer,
  mrr numeric(14, 2),
  currency text not null default 'USD',
  started_on date,
  renews_on date,
  status text not null default 'active' check (status in ('trial', 'active', 'past_due', 'cancelled', 'expired')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index subscriptions_account on subscriptions (account_id);

create table health_scores (
  id bigint generated always as identity primary key,
  account_id bigint not null references accounts (id) on delete cascade,
  score numeric(5, 2) not null check (score between 0 and 100),
  components jsonb not null default '[]'::jsonb,
  source text not null default 'computed',
  computed_at timestamptz not null default now()
);
create index health_scores_account_time on health_scores (account_id, computed_at desc);

create table contacts (
  id bigint generated always as identity primary key,
  external_id text unique,
  account_id bigint references accounts (id) on delete set null,
  email text,
  name text,
  phone text,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create unique index contacts_email_key on contacts (lower(email)) where email is not null;
create index contacts_account on contacts (account_id);
