/**
 * A small, fixed data set for the console test: one admin who logs in, a
 * second agent, a team, a component, two accounts with contacts, eight
 * tickets with known statuses, priorities and creation times, and messages.
 * Ticket ids are assigned in insertion order (1-8) on an empty database.
 * Ticket 8 is an old solved twin of ticket 1, so ticket 1 has a similar
 * resolved ticket. seedMidnightTickets adds two more tickets later in the test.
 */
import { createAgent } from '../../src/auth/index.ts';
import type { Db } from '../../src/store/index.ts';

export const admin = { email: 'ada@casebook.test', name: 'Ada Admin', password: 'correct horse battery staple' };

/** A date `days` from today (UTC) as 'YYYY-MM-DD'. */
export function isoDateFromToday(days: number): string {
  const today = new Date();
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));

  return date.toISOString().slice(0, 10);
}

export const acme = { name: 'Acme Corp', tier: 'enterprise', arr: 120000, currency: 'USD', renewalInDays: 30, health: 72 };
export const globex = { name: 'Globex', tier: 'starter', arr: 4800, currency: 'EUR', renewalInDays: 200, health: 55 };

interface TicketSeed {
  subject: string;
  account: 'acme' | 'globex';
  status: string;
  priority: string;
  category: string;
  hoursAgo: number;
  /** Hours before now when the ticket was solved; only for solved tickets. */
  solvedHoursAgo?: number;
  assigned: boolean;
  messages: Array<{ kind: 'public' | 'internal'; author: 'customer' | 'agent'; body: string }>;
}

export const tickets: TicketSeed[] = [
  {
    subject: 'Login page returns 500 after upgrade', account: 'acme', status: 'open', priority: 'p1', category: 'bug', hoursAgo: 70, assigned: true,
    messages: [
      { kind: 'public', author: 'customer', body: 'Since the upgrade to 4.2 every login attempt fails with a server error.' },
      { kind: 'internal', author: 'agent', body: 'Looks like the session store migration did not run on their cluster.' },
    ],
  },
  {
    subject: 'Invoice shows wrong VAT rate', account: 'acme', status: 'open', priority: 'p2', category: 'billing', hoursAgo: 60, assigned: false,
    messages: [{ kind: 'public', author: 'customer', body: 'Our March invoice applies 19% instead of 20%.' }],
  },
  {
    subject: 'Export to CSV times out', account: 'globex', status: 'new', priority: 'p1', category: 'bug', hoursAgo: 50, assigned: false,
    messages: [{ kind: 'public', author: 'customer', body: 'The export never finishes on our kubernetes deployment.' }],
  },
  {
    subject: 'How do I add a teammate?', account: 'globex', status: 'solved', priority: 'p3', category: 'question', hoursAgo: 40, solvedHoursAgo: 38, assigned: true,
    messages: [{ kind: 'public', author: 'customer', body: 'Where is the invite button?' }],
  },
  {
    subject: 'Webhook retries flood our endpoint', account: 'acme', status: 'pending', priority: 'p1', category: 'bug', hoursAgo: 30, assigned: false,
    messages: [{ kind: 'public', author: 'customer', body: 'We receive each event twenty times.' }],
  },
  {
    subject: 'Dark mode request', account: 'globex', status: 'open', priority: 'p4', category: 'feature_request', hoursAgo: 20, assigned: false,
    messages: [{ kind: 'public', author: 'customer', body: 'Please add a dark theme.' }],
  },
  {
    subject: 'SSO redirect loop for new users', account: 'acme', status: 'open', priority: 'p1', category: 'bug', hoursAgo: 10, assigned: true,
    messages: [{ kind: 'public', author: 'customer', body: 'New users bounce between our IdP and the login page.' }],
  },
  {
    subject: 'Login returns 500 after upgrading to 4.1', account: 'globex', status: 'solved', priority: 'p3', category: 'bug', hoursAgo: 400, solvedHoursAgo: 390, assigned: true,
    messages: [
      { kind: 'public', author: 'customer', body: 'After the upgrade every login attempt fails with a server error 500.' },
      { kind: 'public', author: 'agent', body: 'Running the session store migration again fixed the login errors.' },
    ],
  },
];

/** Inserts the fixture; returns the admin's agent id. */
export async function seedFixture(db: Db): Promise<{ adminId: number }> {
  const adminAgent = await createAgent(db, { ...admin, role: 'admin' });
  await createAgent(db, { email: 'bo@casebook.test', name: 'Bo Agent', role: 'agent', password: 'another long password' });

  const [team] = await db.query<{ id: number }>(`insert into teams (key, name) values ('tier2', 'Tier 2') returning id`);
  const [component] = await db.query<{ id: number }>(`insert into product_components (key, name) values ('api', 'Public API') returning id`);

  const accountIds: Record<string, number> = {};
  const contactIds: Record<string, number> = {};
  for (const [key, account] of Object.entries({ acme, globex })) {
    const [row] = await db.query<{ id: number }>(
      `insert into accounts (name, tier, arr, currency, renewal_date, health_score) values ($1, $2, $3, $4, $5, $6) returning id`,
      [account.name, account.tier, account.arr, account.currency, isoDateFromToday(account.renewalInDays), account.health],
    );
    accountIds[key] = row.id;
    const [contact] = await db.query<{ id: number }>(
      `insert into contacts (account_id, email, name) values ($1, $2, $3) returning id`,
      [row.id, `buyer@${key}.test`, key === 'acme' ? 'Wile Coyote' : 'Hank Scorpio'],
    );
    contactIds[key] = contact.id;
  }

  for (const ticket of tickets) {
    const [row] = await db.query<{ id: number }>(
      `insert into tickets (subject, status, priority, category, account_id, requester_id, team_id, component_id, assignee_id, created_at, updated_at, solved_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() - make_interval(hours => $10::int), now() - make_interval(hours => $10::int),
         now() - make_interval(hours => $11::int))
       returning id`,
      [ticket.subject, ticket.status, ticket.priority, ticket.category, accountIds[ticket.account], contactIds[ticket.account],
        team.id, ticket.category === 'bug' ? component.id : null, ticket.assigned ? adminAgent.id : null, ticket.hoursAgo, ticket.solvedHoursAgo ?? null],
    );
    for (const [index, message] of ticket.messages.entries()) {
      await db.query(
        `insert into messages (ticket_id, kind, author_kind, author_agent_id, author_contact_id, body, created_at)
         values ($1, $2, $3, $4, $5, $6, now() - make_interval(hours => $7::int))`,
        [row.id, message.kind, message.author, message.author === 'agent' ? adminAgent.id : null,
          message.author === 'customer' ? contactIds[ticket.account] : null, message.body, ticket.hoursAgo - index],
      );
    }
    // Writers that bypass the API keep the ticket's search document current themselves.
    await db.query('select casebook_refresh_search_document($1::bigint[])', [[row.id]]);
  }

  return { adminId: adminAgent.id };
}

/** Subjects of the tickets seedMidnightTickets inserts, one minute before and one after the last midnight UTC. */
export const midnightSubjects = { before: 'Reported just before midnight UTC', after: 'Reported just after midnight UTC' };

/**
 * Inserts two tickets one minute either side of the last midnight UTC and
 * returns their ids. In UTC only the second was created today; in a zone with
 * a whole-hour offset both fall on the same local day, so either both or
 * neither were created today there.
 */
export async function seedMidnightTickets(db: Db, now: Date = new Date()): Promise<{ before: number; after: number }> {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const ids: number[] = [];
  for (const [subject, createdAt] of [[midnightSubjects.before, midnight - 60_000], [midnightSubjects.after, midnight + 60_000]] as const) {
    const [row] = await db.query<{ id: number }>(
      `insert into tickets (subject, status, priority, created_at, updated_at) values ($1, 'new', 'p3', $2, $2) returning id`,
      [subject, new Date(createdAt).toISOString()],
    );
    ids.push(row.id);
  }

  return { before: ids[0], after: ids[1] };
}
