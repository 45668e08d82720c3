import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/index.ts';
import { demoAdmin, demoPassword, generateDemo, isDatabaseEmpty, type DemoSummary } from '../../src/demo/index.ts';
import type { Db } from '../../src/store/index.ts';
import { openTestDb } from '../helpers/db.ts';

const now = new Date('2025-06-30T12:00:00Z');
const tickets = 300;

let db: Db;
let summary: DemoSummary;

beforeAll(async () => {
  db = await openTestDb();
  expect(await isDatabaseEmpty(db)).toBe(true);

  summary = await generateDemo(db, { seed: 42, tickets, now });
});

afterAll(async () => {
  await db?.close();
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows = await db.query<{ count: number }>(sql, params);
  return rows[0].count;
}

describe('generateDemo', () => {
  it('reports the inserted counts', async () => {
    expect(summary.inserted).toMatchObject({ teams: 3, agents: 8, components: 17, accounts: 50, tickets });
    expect(await count('select count(*)::int as count from tickets')).toBe(tickets);
    expect(await count('select count(*)::int as count from messages')).toBe(summary.inserted.messages);
    expect(await count('select count(*)::int as count from contacts')).toBe(summary.inserted.contacts);
    expect(await count('select count(*)::int as count from health_scores')).toBe(50 * 6);
  });

  it('gives each account 2-20 contacts and 1-3 subscriptions', async () => {
    const rows = await db.query<{ contacts: number; subscriptions: number }>(`
      select (select count(*)::int from contacts c where c.account_id = a.id) as contacts,
             (select count(*)::int from subscriptions s where s.account_id = a.id) as subscriptions
        from accounts a`);
    for (const row of rows) {
      expect(row.contacts).toBeGreaterThanOrEqual(2);
      expect(row.contacts).toBeLessThanOrEqual(20);
      expect(row.subscriptions).toBeGreaterThanOrEqual(1);
      expect(row.subscriptions).toBeLessThanOrEqual(3);
    }
  });

  it('puts contact e-mails on their account domains', async () => {
    const offDomain = await count(`
      select count(*)::int as count from contacts c join accounts a on a.id = c.account_id
       where not (split_part(c.email, '@', 2) = any(a.domains))`);
    expect(offDomain).toBe(0);
  });

  it('keeps ARR consistent with the tier', async () => {
    const rows = await db.query<{ tier: string; min: number; max: number }>(
      'select tier, min(arr) as min, max(arr) as max from accounts group by tier');
    const ranges: Record<string, [number, number]> = {
      free: [0, 0], starter: [3_000, 18_000], business: [20_000, 95_000], enterprise: [100_000, 900_000],
    };
    expect(rows.map((row) => row.tier).sort()).toEqual(Object.keys(ranges).sort());
    for (const row of rows) {
      expect(row.min).toBeGreaterThanOrEqual(ranges[row.tier][0]);
      expect(row.max).toBeLessThanOrEqual(ranges[row.tier][1]);
    }
  });

  it('stores health scores as the weighted sum of components', async () => {
    const rows = await db.query<{ score: number; components: { weight: number; value: number }[] }>(
      'select score, components from health_scores');
    for (const row of rows) {
      expect(row.components.map((component) => component).length).toBe(4);
      const sum = row.components.reduce((total, component) => total + component.weight * component.value, 0);
      expect(Math.abs(sum - row.score)).toBeLessThan(0.006);
    }

    const stale = await count(`
      select count(*)::int as count from accounts a
       where a.health_score <> (select h.score from health_scores h where h.account_id = a.id order by h.computed_at desc limit 1)`);
    expect(stale).toBe(0);
  });

  it('uses only vocabulary terms', async () => {
    const checks = [
      ['tickets', 'status', 'status'],
      ['tickets', 'priority', 'priority'],
      ['tickets', 'category', 'category'],
      ['tickets', 'channel', 'channel'],
      ['messages', 'channel', 'channel'],
      ['accounts', 'tier', 'tier'],
    ];
    for (const [table, column, vocabulary] of checks) {
      const unknown = await count(`
        select count(*)::int as count from ${table} r
         where not exists (select 1 from vocabulary_terms v where v.vocabulary = $1 and v.key = r.${column})`, [vocabulary]);
      expect(unknown, `${table}.${column}`).toBe(0);
    }
  });

  it('orders ticket timestamps', async () => {
    const disordered = await count(`
      select count(*)::int as count from tickets
       where first_response_at < created_at
          or solved_at < coalesce(first_response_at, created_at)
          or closed_at < solved_at
          or updated_at < created_at
          or greatest(created_at, first_response_at, solved_at, closed_at, updated_at) > $1`, [now]);
    expect(disordered).toBe(0);
  });

  it('matches timestamps to the status', async () => {
    expect(await count(`select count(*)::int as count from tickets where status = 'closed' and (closed_at is null or solved_at is null)`)).toBe(0);
    expect(await count(`select count(*)::int as count from tickets where status = 'solved' and (solved_at is null or closed_at is not null)`)).toBe(0);
    expect(await count(`select count(*)::int as count from tickets where status not in ('solved', 'closed') and (solved_at is not null or closed_at is not null)`)).toBe(0);
    expect(await count(`select count(*)::int as count from tickets where status = 'new' and first_response_at is not null`)).toBe(0);
  });

  it('places messages inside the ticket lifetime', async () => {
    const outside = await count(`
      select count(*)::int as count from messages m join tickets t on t.id = m.ticket_id
       where m.created_at < t.created_at or m.created_at > coalesce(t.solved_at, $1)`, [now]);
    expect(outside).toBe(0);

    const perTicket = await db.query<{ messages: number; first_customer: boolean; first_reply_matches: boolean }>(`
      select count(*)::int as messages,
             bool_or(m.author_kind = 'customer' and m.created_at = t.created_at) as first_customer,
             coalesce(min(m.created_at) filter (where m.author_kind = 'agent' and m.kind = 'public') = t.first_response_at,
                      t.first_response_at is null) as first_reply_matches
        from tickets t join messages m on m.ticket_id = t.id
       group by t.id`);
    expect(perTicket.length).toBe(tickets);
    for (const row of perTicket) {
      expect(row.messages).toBeGreaterThanOrEqual(2);
      expect(row.messages).toBeLessThanOrEqual(8);
      expect(row.first_customer).toBe(true);
      expect(row.first_reply_matches).toBe(true);
    }
  });

  it('assigns tickets only to members of their team', async () => {
    const assigned = await count('select count(*)::int as count from tickets where assignee_id is not null');
    const outsideTeam = await count(`
      select count(*)::int as count from tickets t
       where t.assignee_id is not null
         and not exists (select 1 from agent_teams at where at.agent_id = t.assignee_id and at.team_id = t.team_id)`);
    expect(assigned).toBeGreaterThan(tickets * 0.9);
    expect(outsideTeam).toBe(0);
  });

  it('mixes statuses by age', async () => {
    const old = await db.query<{ status: string; count: number }>(`
      select status, count(*)::int as count from tickets where created_at < $1::timestamptz - interval '30 days' group by status`, [now]);
    const oldTotal = old.reduce((sum, row) => sum + row.count, 0);
    const oldDone = old.filter((row) => row.status === 'solved' || row.status === 'closed').reduce((sum, row) => sum + row.count, 0);
    expect(oldDone / oldTotal).toBeGreaterThan(0.85);

    const recentOpen = await count(`
      select count(*)::int as count from tickets
       where created_at > $1::timestamptz - interval '4 days' and status in ('new', 'open', 'pending', 'on_hold')`, [now]);
    expect(recentOpen).toBeGreaterThan(0);
  });

  it('builds the component tree', async () => {
    const children = await db.query<{ key: string; parent: string }>(`
      select c.key, p.key as parent from product_components c join product_components p on p.id = c.parent_id`);
    expect(children.length).toBe(11);
    for (const child of children) {
      expect(child.key.startsWith(`${child.parent}.`)).toBe(true);
    }
  });

  it('creates ticket bursts around incidents', async () => {
    const bursts = await count(`select count(*)::int as count from tickets where tags && array['incident-dashboards-outage', 'incident-webhooks-delay', 'incident-sso-login-failures']`);
    expect(bursts).toBeGreaterThan(15);
  });

  it('fills every template placeholder', async () => {
    expect(await count(`select count(*)::int as count from tickets where subject ~ '[{}]'`)).toBe(0);
    expect(await count(`select count(*)::int as count from messages where body ~ '[{}]'`)).toBe(0);
  });

  it('lets the demo admin sign in', async () => {
    const [admin] = await db.query<{ role: string; password_hash: string }>(
      'select role, password_hash from agents where lower(email) = $1', [demoAdmin.email]);
    expect(summary.login).toEqual({ email: 'admin@demo.casebook.local', password: demoPassword });
    expect(admin.role).toBe('admin');
    expect(await verifyPassword(demoPassword, admin.password_hash)).toBe(true);
    expect(await verifyPassword('not-the-demo-password', admin.password_hash)).toBe(false);
  });

  it('rejects invalid options', async () => {
    await expect(generateDemo(db, { tickets: -1, force: true })).rejects.toThrow(/tickets/);
    await expect(generateDemo(db, { seed: 1.5, force: true })).rejects.toThrow(/seed/);
  });
});
