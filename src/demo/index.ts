import { AppError, invalidField } from '../core/errors.ts';
import type { Db, Queryable } from '../store/index.ts';
import { planAccounts } from './accounts.ts';
import { demoMessages } from './messages.ts';
import { demoAdmin, demoPassword } from './organisation.ts';
import { hashMissingAgents, writeOrganisation } from './persist-organisation.ts';
import { writeAccounts, writeTickets } from './persist-records.ts';
import { Random } from './random.ts';
import { historyDays, planTickets } from './tickets.ts';
import { addDays } from './time.ts';

export { demoPassword, demoAdmin, demoAgents, productName } from './organisation.ts';
export { demoTicketSource } from './persist-records.ts';

export interface GenerateDemoOptions {
  seed?: number;
  tickets?: number;
  /** Reference date: tickets span the six months before it. Defaults to the start of the current UTC hour. */
  now?: Date;
  /** Add the demo data even when the database already contains tickets. */
  force?: boolean;
}

export interface DemoSummary {
  seed: number;
  now: Date;
  inserted: {
    teams: number; agents: number; components: number; accounts: number; contacts: number;
    subscriptions: number; healthScores: number; tickets: number; messages: number;
  };
  login: { email: string; password: string };
  /** Demo agents that existed before. Their passwords were left unchanged, so the printed login may not apply to them. */
  existingAgents: string[];
  durationMs: number;
}

export const maxDemoTickets = 100_000;

/**
 * Generates the demo organisation of a B2B analytics company: teams, agents,
 * product components, about 50 accounts with contacts and health history, and
 * the requested number of tickets over the six months before `now`. The same
 * seed and `now` give the same content. It rejects a database that already
 * contains tickets unless `force` is set. With `force`, records with the same
 * external ids as an earlier run are kept, so a repeated seed adds nothing.
 */
export async function generateDemo(db: Db, options: GenerateDemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const seed = options.seed ?? 42;
  const ticketCount = options.tickets ?? 3_000;
  const now = options.now ?? startOfCurrentHour();
  validateOptions(seed, ticketCount, now);

  const existingTickets = await countTickets(db);
  if (existingTickets > 0 && !options.force) {
    throw new AppError('duplicate', demoMessages.databaseHasTickets(existingTickets), [
      { field: 'force', value: false, fix: demoMessages.forceFix },
    ]);
  }

  const random = new Random(seed);
  const idPrefix = `demo-${seed}`;
  const accounts = planAccounts(random, now, idPrefix);
  const tickets = planTickets(random, now, accounts, ticketCount, idPrefix);
  const passwordHashes = await hashMissingAgents(db, demoPassword);

  const inserted = await db.transaction(async (tx) => {
    const organisation = await writeOrganisation(tx, passwordHashes, addDays(now, -historyDays - 30));
    const accountIds = await writeAccounts(tx, accounts, now);
    const ticketCounts = await writeTickets(tx, tickets, organisation, accountIds);

    return { ...organisation.inserted, ...accountIds.inserted, ...ticketCounts, existingAgents: organisation.existingAgents };
  });
  const { existingAgents, ...counts } = inserted;

  return {
    seed,
    now,
    inserted: counts,
    login: { email: demoAdmin.email, password: demoPassword },
    existingAgents,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Reports whether the database has neither agents nor tickets, so a first start may offer the demo data. */
export async function isDatabaseEmpty(db: Queryable): Promise<boolean> {
  const rows = await db.query<{ agents: boolean; tickets: boolean }>(
    'select exists (select 1 from agents) as agents, exists (select 1 from tickets) as tickets',
  );
  return !rows[0].agents && !rows[0].tickets;
}

async function countTickets(db: Queryable): Promise<number> {
  const rows = await db.query<{ count: number }>('select count(*)::int as count from tickets');
  return rows[0].count;
}

function validateOptions(seed: number, tickets: number, now: Date) {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw invalidField('seed', seed, demoMessages.invalidInteger(0, 0xffffffff));
  }
  if (!Number.isInteger(tickets) || tickets < 0 || tickets > maxDemoTickets) {
    throw invalidField('tickets', tickets, demoMessages.invalidInteger(0, maxDemoTickets));
  }
  if (Number.isNaN(now.getTime())) {
    throw invalidField('now', String(now), demoMessages.invalidNow);
  }
}

function startOfCurrentHour(): Date {
  const now = new Date();
  now.setUTCMinutes(0, 0, 0);
  return now;
}
