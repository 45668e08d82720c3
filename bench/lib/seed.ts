import type { Db } from '../../src/store/index.ts';

/**
 * Fills a database with a synthetic organisation of the given size by SQL
 * alone (generate_series), so seeding 100,000 tickets takes seconds.
 */
export async function seedTickets(db: Db, tickets: number) {
  await db.exec(`
    insert into teams (key, name) select 'team' || n, 'Team ' || n from generate_series(1, 5) n;
    insert into agents (email, name, role) select 'agent' || n || '@bench.test', 'Agent ' || n, 'agent' from generate_series(1, 40) n;
    insert into agent_teams (agent_id, team_id) select a.id, 1 + (a.id % 5) from agents a;
    insert into product_components (key, name) select 'area' || n, 'Area ' || n from generate_series(1, 8) n;
    insert into product_components (key, name, parent_id) select 'area' || (1 + n % 8) || '.part' || n, 'Part ' || n, 1 + n % 8 from generate_series(1, 32) n;
    insert into accounts (name, domains, tier, arr, renewal_date, health_score)
      select 'Account ' || n, array['acct' || n || '.test'], (array['free','starter','business','enterprise'])[1 + n % 4],
        (n % 97) * 5000, current_date + (n % 365), (n * 37) % 101 from generate_series(1, 2000) n;
    insert into contacts (email, name, account_id) select 'user' || n || '@acct' || (1 + n % 2000) || '.test', 'User ' || n, 1 + n % 2000 from generate_series(1, 10000) n;
  `);

  const batch = 20_000;
  for (let start = 1; start <= tickets; start += batch) {
    const end = Math.min(tickets, start + batch - 1);
    await db.query(`
      insert into tickets (subject, status, priority, category, channel, component_id, team_id, assignee_id, account_id, requester_id, created_at, updated_at)
      select 'Ticket ' || n || ' about ' || (array['invoices','login','export','webhook','dashboard','latency','sso','mobile'])[1 + n % 8]
          || ' ' || md5(n::text),
        (array['new','open','pending','on_hold','solved','closed'])[1 + (n * 7) % 6],
        (array['p1','p2','p3','p4'])[1 + (n * 13) % 4],
        (array['question','bug','feature_request','billing','account','incident'])[1 + (n * 3) % 6],
        (array['email','web','api','chat'])[1 + n % 4],
        1 + n % 40, 1 + n % 5, case when n % 9 = 0 then null else 1 + n % 40 end,
        1 + n % 2000, 1 + n % 10000,
        now() - (n % 180) * interval '1 day' - (n % 1440) * interval '1 minute',
        now() - (n % 90) * interval '1 day'
      from generate_series($1::int, $2::int) n`, [start, end]);
    await db.query(`
      insert into messages (ticket_id, kind, author_kind, author_contact_id, body, created_at)
      select t.id, 'public', 'customer', t.requester_id, 'Hello, we see a problem with ' || t.subject || '. Error code E' || (t.id % 500) || '.', t.created_at
      from tickets t where t.id between $1 and $2`, [start, end]);
    await db.query('select casebook_refresh_search_document(array(select generate_series($1::bigint, $2::bigint)))', [start, end]);
  }
  await db.exec('analyze');
}
