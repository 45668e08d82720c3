import type { Db } from '../../src/store/index.ts';

/**
 * Seeds a synthetic organisation for the query-latency benchmark by SQL alone
 * (generate_series). 1,000,000 tickets and 2,000,000 messages took 300 s on
 * PostgreSQL 15 on a shared 2-core machine, and 100,000 took 30 s on PGlite.
 *
 * Every pseudo-random choice comes from bench_unit(n, salt), an md5 hash of
 * the row number mapped to [0, 1), so both engines and every run get the same
 * rows. Rows take explicit ids (ticket n has id n), which lets messages derive
 * their topic from the ticket id. The database must be freshly migrated.
 */
export interface QuerySeedSize {
  tickets: number;
  accounts: number;
}

export interface QuerySeedStats {
  seconds: number;
  tickets: number;
  messages: number;
  accounts: number;
  openTickets: number;
  openP1Tickets: number;
}

const unitFunction = `
create or replace function bench_unit(n bigint, salt integer) returns double precision
language sql immutable parallel safe
as $$ select (('x' || substr(md5(n::text || ':' || salt::text), 1, 8))::bit(32)::bigint & 2147483647) / 2147483648.0 $$`;

// Picks an element of a text array with a unit value in [0, 1).
const pick = (array: string, unit: string) => `(${array})[1 + floor(${unit} * cardinality(${array}))::int]`;

const topics = `array['invoice','refund','login','password reset','export','webhook','dashboard','latency','sso',
  'mobile app','api key','rate limit','timeout','billing address','upgrade','integration','report','notification',
  'email delivery','permissions','data import','search','sync','checkout']`;

const roots = ['api', 'billing', 'auth', 'dashboard', 'mobile', 'integrations', 'reporting', 'admin'];
const parts = ['core', 'errors', 'settings', 'performance'];

async function seedPeople(db: Db, accounts: number) {
  await db.exec(`
    insert into teams (key, name) select key, initcap(replace(key, '-', ' '))
      from unnest(array['tier1','tier2','billing','technical','enterprise','onboarding']) key;
    insert into agents (id, email, name, role) overriding system value
      select n, 'agent' || n || '@bench.test', 'Agent ' || n, 'agent' from generate_series(1, 60) n;
    insert into agent_teams (agent_id, team_id) select a.id, 1 + a.id % 6 from agents a;
    insert into product_components (id, key, name) overriding system value
      select n, (array['${roots.join("','")}'])[n], initcap((array['${roots.join("','")}'])[n]) from generate_series(1, ${roots.length}) n;
    select setval(pg_get_serial_sequence('product_components', 'id'), ${roots.length});
    insert into product_components (key, name, parent_id)
      select r.key || '.' || p, r.name || ' ' || p, r.id from product_components r cross join unnest(array['${parts.join("','")}']) p;
  `);

  // Tiers are 40% free, 30% starter, 20% business and 10% enterprise. ARR grows with the tier
  // (enterprise is log-uniform from 100k to 2M). Health runs from 20 to 100 with a mean near 62.
  await db.query(`
    insert into accounts (id, external_id, name, domains, tier, arr, plan, seats, renewal_date, health_score, segment, region)
    overriding system value
    select n, 'crm-' || n, 'Account ' || n || ' ' || substr(md5(n::text), 1, 6), array['acct' || n || '.test'], tier,
      case tier when 'free' then 0
        when 'starter' then round(3000 + 22000 * bench_unit(n, 2))
        when 'business' then round(25000 + 125000 * bench_unit(n, 2))
        else round(exp(ln(100000) + bench_unit(n, 2) * ln(20))) end,
      tier || '-' || (1 + n % 3), 5 + floor(500 * bench_unit(n, 3) ^ 3)::int,
      current_date + (floor(731 * bench_unit(n, 4))::int - 365),
      round((least(100, 20 + 40 * bench_unit(n, 5) + 45 * bench_unit(n, 6)))::numeric, 2),
      ${pick(`array['smb','mid-market','enterprise','public-sector']`, 'bench_unit(n, 7)')},
      ${pick(`array['emea','na','apac','latam']`, 'bench_unit(n, 8)')}
    from (select n, case when u < 0.4 then 'free' when u < 0.7 then 'starter' when u < 0.9 then 'business' else 'enterprise' end as tier
          from (select n, bench_unit(n, 1) as u from generate_series(1, $1::int) n) r) a`, [accounts]);

  // Three contacts per account: contact ids 3a-2, 3a-1 and 3a belong to account a.
  await db.query(`
    insert into contacts (id, account_id, email, name) overriding system value
    select n, 1 + (n - 1) / 3, 'user' || n || '@acct' || (1 + (n - 1) / 3) || '.test', 'User ' || n
    from generate_series(1, $1::int * 3) n`, [accounts]);
}

// Ticket ids follow creation time, as in a live helpdesk, so the planner gets the same
// correlation between id order and created_at. Ages are skewed to recent (a growing
// business). Tickets younger than three weeks are mostly still being worked; older
// ones are mostly closed.
const ticketInsert = `
  insert into tickets (id, subject, status, priority, category, channel, language, component_id, team_id, assignee_id,
    account_id, requester_id, tags, created_at, updated_at, first_response_at, solved_at, closed_at, impact_score)
  overriding system value
  select n, subject, status, priority, category, channel, language, component_id,
    case when category = 'billing' then 3 when tier = 'enterprise' then 5 else 1 + floor(bench_unit(n, 20) * 6)::int end,
    case when status = 'new' or (status = 'open' and bench_unit(n, 21) < 0.3) then null else 1 + floor(60 * bench_unit(n, 22))::int end,
    account_id, (account_id - 1) * 3 + 1 + floor(3 * bench_unit(n, 23))::int,
    case when bench_unit(n, 24) < 0.01 then array['spam'] when tier = 'enterprise' then array['vip'] when bench_unit(n, 24) < 0.1 then array['follow-up'] else '{}'::text[] end,
    created_at,
    least(now(), coalesce(closed_at, solved_at, first_response_at, created_at) + interval '5 minutes'),
    first_response_at, solved_at, closed_at,
    case when bench_unit(n, 25) < 0.05 then null else round((100 * bench_unit(n, 26))::numeric, 2) end
  from (
    select *, case when status = 'closed' then least(now(), solved_at + interval '3 days') end as closed_at
    from (
    select *, case when status in ('solved', 'closed') then least(now(), first_response_at + (30 + 14400 * bench_unit(n, 30) ^ 2) * interval '1 minute') end as solved_at
    from (
      select s.*, ${pick(topics, 'bench_unit(n, 7)')} as topic,
        ${pick(`array['Problem with','Question about','Cannot use','Error in','Help with','Request:']`, 'bench_unit(n, 8)')}
          || ' ' || ${pick(topics, 'bench_unit(n, 7)')} || ' ' || substr(md5(n::text), 1, 8) as subject,
        case when status = 'new' then null
          else least(now(), created_at + (2 + 600 * bench_unit(n, 9) ^ 3) * interval '1 minute') end as first_response_at,
        (select a.tier from accounts a where a.id = s.account_id) as tier
      from (
        select n, age, now() - age * interval '1 day' as created_at,
          case when age < 3 then ${pick(`array['new','new','open','open','open','open','pending','pending','on_hold','solved']`, 'bench_unit(n, 10)')}
               when age < 21 then ${pick(`array['new','open','open','open','pending','pending','on_hold','solved','solved','solved','solved','closed','closed','closed','closed','closed','closed','closed','closed','closed']`, 'bench_unit(n, 10)')}
               else case when bench_unit(n, 10) < 0.03 then 'open' when bench_unit(n, 10) < 0.04 then 'pending'
                         when bench_unit(n, 10) < 0.045 then 'on_hold' when bench_unit(n, 10) < 0.12 then 'solved' else 'closed' end
          end as status,
          case when bench_unit(n, 11) < 0.05 then 'p1' when bench_unit(n, 11) < 0.25 then 'p2' when bench_unit(n, 11) < 0.8 then 'p3' else 'p4' end as priority,
          case when bench_unit(n, 12) < 0.04 then null else
            ${pick(`array['question','question','question','question','question','question','question','bug','bug','bug','bug','bug','feature_request','feature_request','billing','billing','billing','account','account','incident']`, 'bench_unit(n, 12)')} end as category,
          ${pick(`array['email','email','email','email','email','email','email','email','email','web','web','web','web','web','widget','widget','api','chat','chat','phone']`, 'bench_unit(n, 13)')} as channel,
          ${pick(`array['en','en','en','en','en','en','en','en','en','en','en','en','en','en','en','en','de','fr','es','pt']`, 'bench_unit(n, 14)')} as language,
          case when bench_unit(n, 15) < 0.1 then null else 1 + floor(40 * bench_unit(n, 16) ^ 1.7)::int end as component_id,
          1 + floor($3::int * bench_unit(n, 17) ^ 1.5)::int as account_id
        from (select n, 365 * (1 - n::float8 / $4::int) ^ 1.3 as age from generate_series($1::int, $2::int) n) g
      ) s
    ) m
    ) c
  ) f`;

// One customer message per ticket, a second for two tickets in three and an internal note
// for one in three. The topic word matches the subject, and md5 fragments add rare words.
const messageInsert = `
  insert into messages (ticket_id, kind, author_kind, author_contact_id, author_agent_id, body, created_at)
  select t.id, case when k = 3 then 'internal' else 'public' end,
    case when k = 1 then 'customer' else 'agent' end,
    case when k = 1 then t.requester_id end, case when k > 1 then coalesce(t.assignee_id, 1) end,
    case when k = 1 then ${pick(`array['Hello,','Hi team,','Good morning,','Urgent:','Hi,']`, 'bench_unit(t.id * 3 + k, 40)')}
        || ' we have a problem with the ' || ${pick(topics, 'bench_unit(t.id, 7)')} || ' '
        || ${pick(`array['since yesterday','after the last update','for several users','on every attempt','in production','sometimes']`, 'bench_unit(t.id, 41)')}
        || '. Reference ' || substr(md5(t.id::text || 'r'), 1, 10) || ', error code E' || (100 + t.id % 900) || '.'
      when k = 2 then 'Thanks for reporting the ' || ${pick(topics, 'bench_unit(t.id, 7)')} || ' issue. '
        || ${pick(`array['We are looking into it.','Could you send a screenshot?','A fix is deployed.','Please try again now.','We changed your settings.']`, 'bench_unit(t.id, 42)')}
        || ' Case ' || substr(md5(t.id::text || 'a'), 1, 8) || '.'
      else 'Internal note: ' || ${pick(topics, 'bench_unit(t.id, 43)')} || ' ' || substr(md5(t.id::text || 'i'), 1, 12) end,
    t.created_at + (k - 1) * interval '2 hours'
  from tickets t cross join lateral generate_series(1, 1 + floor(3 * bench_unit(t.id, 44))::int) k
  where t.id between $1 and $2`;

/**
 * Drops the secondary indexes of tickets and messages and returns their
 * definitions, because building an index once after a bulk insert is several
 * times faster than updating it row by row. Unique indexes stay.
 */
async function dropSecondaryIndexes(db: Db): Promise<string[]> {
  const rows = await db.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes
      where schemaname = current_schema() and tablename in ('tickets', 'messages') and indexdef not like 'CREATE UNIQUE%'`,
  );
  for (const row of rows) await db.exec(`drop index ${row.indexname}`);

  return rows.map((row) => row.indexdef);
}

export async function seedQueryData(db: Db, size: QuerySeedSize, log: (line: string) => void = () => {}): Promise<QuerySeedStats> {
  const start = performance.now();
  await db.exec(unitFunction);
  await seedPeople(db, size.accounts);
  log(`seeded ${size.accounts} accounts`);

  const indexes = await dropSecondaryIndexes(db);
  const batch = 50_000;
  for (let first = 1; first <= size.tickets; first += batch) {
    const last = Math.min(size.tickets, first + batch - 1);
    await db.query(ticketInsert, [first, last, size.accounts, size.tickets]);
    await db.query(messageInsert, [first, last]);
    log(`seeded tickets ${first}-${last}`);
  }

  for (const table of ['accounts', 'contacts', 'tickets', 'messages', 'agents', 'product_components']) {
    await db.query(`select setval(pg_get_serial_sequence($1, 'id'), (select max(id) from ${table}))`, [table]);
  }
  // One pass over all messages builds every search document; per batch, each pass would rescan them.
  await db.exec(`update tickets t set search_document = to_tsvector('english', casebook_search_text(t.subject, m.bodies))
    from (select ticket_id, string_agg(body, ' ' order by created_at, id) as bodies from messages group by ticket_id) m
    where t.id = m.ticket_id`);
  // Rewriting every ticket above left half the table dead; a live helpdesk writes the
  // document with the ticket, so the table is compacted to match.
  await db.exec('vacuum full tickets');
  log('built the search documents');
  for (const definition of indexes) await db.exec(`set maintenance_work_mem = '256MB'; ${definition}`);
  log(`rebuilt ${indexes.length} indexes`);

  await db.exec('drop function bench_unit(bigint, integer)');
  await db.exec('vacuum analyze');

  const [counts] = await db.query<{ tickets: number; messages: number; open: number; open_p1: number }>(`
    select (select count(*) from tickets) as tickets, (select count(*) from messages) as messages,
      (select count(*) from tickets where status = 'open') as open,
      (select count(*) from tickets where status = 'open' and priority = 'p1') as open_p1`);

  return {
    seconds: Math.round((performance.now() - start) / 100) / 10,
    tickets: counts.tickets,
    messages: counts.messages,
    accounts: size.accounts,
    openTickets: counts.open,
    openP1Tickets: counts.open_p1,
  };
}
