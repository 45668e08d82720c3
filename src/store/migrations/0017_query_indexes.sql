-- Indexes for the ticket query language, chosen from the plans that
-- bench/query.ts prints with BENCH_EXPLAIN=1.
--
-- Account filters compile to `t.account_id in (select qa.id from accounts qa
-- where ...)`, so the account side of the semi-join starts from an index on
-- the filtered column instead of reading every account.
create index if not exists accounts_tier_health on accounts (tier, health_score);
create index if not exists accounts_renewal on accounts (renewal_date);
create index if not exists accounts_arr on accounts (arr);

-- `sort:-impact` compiles to `impact_score desc nulls last, id desc`; the
-- expression index tickets_impact on coalesce(impact_score, -1) serves only
-- the list route's order.
create index if not exists tickets_impact_sort on tickets (impact_score desc nulls last, id desc);

-- Unresolved tickets are a few percent of all tickets, but they are spread
-- over the whole table, so counting them with other filters read one heap
-- page per ticket. This index holds the columns that queue filters test, so
-- such counts become index-only scans. A status added to the vocabulary later
-- is not covered; its queries still run, through the other indexes.
create index if not exists tickets_unresolved on tickets (status, created_at desc, id desc)
  include (priority, category, account_id, assignee_id, team_id, component_id, tags)
  where status in ('new', 'open', 'pending', 'on_hold');

-- On an existing database each statement blocks writes to its table while the
-- index builds: under a second per index at 1,000,000 tickets on PostgreSQL 15
-- on a 2-core machine. An operator can build them first with
-- `create index concurrently` under the same names, and `if not exists` then
-- skips them.
