create extension if not exists pg_trgm;

-- Controlled vocabularies are data: every write of a vocabulary field is checked against these terms.
create table vocabulary_terms (
  vocabulary text not null,
  key text not null,
  label text not null,
  position integer not null default 0,
  active boolean not null default true,
  meta jsonb not null default '{}'::jsonb,
  primary key (vocabulary, key),
  constraint vocabulary_terms_key_format check (key ~ '^[a-z0-9][a-z0-9_.-]*$')
);

insert into vocabulary_terms (vocabulary, key, label, position) values
  ('status', 'new', 'New', 1),
  ('status', 'open', 'Open', 2),
  ('status', 'pending', 'Pending', 3),
  ('status', 'on_hold', 'On hold', 4),
  ('status', 'solved', 'Solved', 5),
  ('status', 'closed', 'Closed', 6),
  ('priority', 'p1', 'P1 - Urgent', 1),
  ('priority', 'p2', 'P2 - High', 2),
  ('priority', 'p3', 'P3 - Normal', 3),
  ('priority', 'p4', 'P4 - Low', 4),
  ('channel', 'email', 'Email', 1),
  ('channel', 'web', 'Web form', 2),
  ('channel', 'widget', 'Widget', 3),
  ('channel', 'api', 'API', 4),
  ('channel', 'phone', 'Phone', 5),
  ('channel', 'chat', 'Chat', 6),
  ('channel', 'import', 'Import', 7),
  ('tier', 'free', 'Free', 1),
  ('tier', 'starter', 'Starter', 2),
  ('tier', 'business', 'Business', 3),
  ('tier', 'enterprise', 'Enterprise', 4),
  ('category', 'question', 'Question', 1),
  ('category', 'bug', 'Bug', 2),
  ('category', 'feature_request', 'Feature request', 3),
  ('category', 'billing', 'Billing', 4),
  ('category', 'account', 'Account access', 5),
  ('category', 'incident', 'Incident', 6);

-- Typed custom fields; values live in each entity's custom jsonb column.
create table custom_field_definitions (
  entity text not null check (entity in ('ticket', 'account', 'contact')),
  key text not null check (key ~ '^[a-z][a-z0-9_]*$'),
  label text not null,
  type text not null check (type in ('text', 'number', 'boolean', 'date', 'vocabulary')),
  vocabulary text,
  required boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (entity, key),
  check ((type = 'vocabulary') = (vocabulary is not null))
);
