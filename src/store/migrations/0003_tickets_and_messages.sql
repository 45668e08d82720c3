create table product_components (
  id bigint generated always as identity primary key,
  key text not null unique check (key ~ '^[a-z0-9][a-z0-9_.-]*$'),
  name text not null,
  parent_id bigint references product_components (id),
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

create table tickets (
  id bigint generated always as identity primary key,
  source text not null default 'casebook',
  external_id text,
  subject text not null,
  status text not null default 'new',
  priority text not null default 'p3',
  category text,
  channel text not null default 'web',
  language text,
  component_id bigint references product_components (id),
  team_id bigint references teams (id),
  assignee_id bigint references agents (id),
  account_id bigint references accounts (id),
  requester_id bigint references contacts (id),
  tags text[] not null default '{}',
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  first_response_at timestamptz,
  solved_at timestamptz,
  closed_at timestamptz,
  version integer not null default 1,
  search tsvector generated always as (to_tsvector('english', subject)) stored,
  unique (source, external_id)
);
create index tickets_status_created on tickets (status, created_at desc, id desc);
create index tickets_priority_created on tickets (priority, created_at desc, id desc);
create index tickets_category on tickets (category, created_at desc);
create index tickets_created on tickets (created_at desc, id desc);
create index tickets_updated on tickets (updated_at desc, id desc);
create index tickets_account on tickets (account_id, created_at desc);
create index tickets_assignee on tickets (assignee_id, status);
create index tickets_team on tickets (team_id, status);
create index tickets_component on tickets (component_id, status);
create index tickets_requester on tickets (requester_id);
create index tickets_search on tickets using gin (search);

create table messages (
  id bigint generated always as identity primary key,
  ticket_id bigint not null references tickets (id) on delete cascade,
  external_id text,
  kind text not null check (kind in ('public', 'internal')),
  author_kind text not null check (author_kind in ('customer', 'agent', 'system')),
  author_agent_id bigint references agents (id),
  author_contact_id bigint references contacts (id),
  body text not null,
  body_html text,
  channel text not null default 'web',
  channel_meta jsonb not null default '{}'::jsonb,
  attachments jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  search tsvector generated always as (to_tsvector('english', body)) stored
);
create index messages_ticket on messages (ticket_id, created_at, id);
create index messages_search on messages using gin (search);
create unique index messages_ticket_external on messages (ticket_id, external_id) where external_id is not null;

create table audit_entries (
  id bigint generated always as identity primary key,
  entity text not null,
  entity_id bigint not null,
  action text not null,
  actor_kind text not null check (actor_kind in ('agent', 'token', 'contact', 'system', 'import')),
  actor_id bigint,
  changes jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index audit_entries_entity on audit_entries (entity, entity_id, created_at);
