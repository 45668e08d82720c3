-- Product events forwarded in Segment's tracking format, the write keys that
-- authenticate them, the identities they resolve through, and per-account usage.
create table event_sources (
  id bigint generated always as identity primary key,
  name text not null,
  key_hash text not null unique,
  prefix text not null,
  created_by bigint references agents (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- A Segment userId or anonymousId mapped to a contact. A separate table rather
-- than contacts.external_id, because that column holds ids from helpdesk
-- imports and a product's user ids could collide with them.
create table event_identities (
  kind text not null check (kind in ('user', 'anonymous')),
  value text not null,
  contact_id bigint not null references contacts (id) on delete cascade,
  traits jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (kind, value)
);
create index event_identities_contact on event_identities (contact_id);

-- The last traits a group call sent; the groupId itself is accounts.external_id.
create table event_groups (
  group_id text primary key,
  account_id bigint not null references accounts (id) on delete cascade,
  traits jsonb not null default '{}'::jsonb,
  updated_at timestamptz not null default now()
);

create table events (
  id bigint generated always as identity primary key,
  source_id bigint not null references event_sources (id),
  message_id text not null,
  type text not null check (type in ('track', 'identify', 'group', 'page', 'screen')),
  name text,
  user_id text,
  anonymous_id text,
  group_id text,
  account_id bigint references accounts (id) on delete set null,
  contact_id bigint references contacts (id) on delete set null,
  properties jsonb not null default '{}'::jsonb,
  traits jsonb not null default '{}'::jsonb,
  context jsonb not null default '{}'::jsonb,
  occurred_at timestamptz not null,
  received_at timestamptz not null,
  unique (source_id, message_id)
);
create index events_account_time on events (account_id, occurred_at desc, id desc);
-- Events that arrived before their user or group was identified, found again when it is.
create index events_unresolved_user on events (user_id) where contact_id is null and user_id is not null;
create index events_unresolved_anonymous on events (anonymous_id) where contact_id is null and anonymous_id is not null;
create index events_contact_without_account on events (contact_id) where account_id is null and contact_id is not null;
create index events_unresolved_group on events (group_id) where account_id is null and group_id is not null;

create table account_usage (
  account_id bigint primary key references accounts (id) on delete cascade,
  as_of timestamptz not null,
  active_users_7d integer not null,
  active_users_30d integer not null,
  sessions_7d integer not null,
  sessions_30d integer not null,
  events_7d integer not null,
  events_prev_7d integer not null,
  events_30d integer not null,
  first_seen_at timestamptz,
  last_seen_at timestamptz,
  features jsonb not null default '[]'::jsonb,
  computed_at timestamptz not null default now()
);
