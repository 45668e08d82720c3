-- Saved ticket views: a name, a query-language string, a sort and the columns
-- the queue shows. owner_agent_id null marks a view shared with every agent.
create table saved_views (
  id bigint generated always as identity primary key,
  owner_agent_id bigint references agents (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  query text not null default '',
  sort text,
  columns text[] not null default '{}',
  position integer not null default 0,
  created_by bigint references agents (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index saved_views_owner on saved_views (owner_agent_id, position, id);
create unique index saved_views_owner_name on saved_views (coalesce(owner_agent_id, 0), lower(name));
