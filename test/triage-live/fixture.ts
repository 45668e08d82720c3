/**
 * A deterministic ticket history for the live triage tests: four categories
 * with their own vocabulary, each tied to a component, plus shared filler
 * words. Only a few tickets carry a team, so that field has too few labels.
 */
import type { Queryable } from '../../src/store/index.ts';

export const categoryWords: Record<string, string[]> = {
  billing: ['invoice', 'refund', 'charged', 'payment', 'receipt', 'card', 'subscription', 'vat', 'billing', 'overcharged', 'pricing', 'credit'],
  bug: ['error', 'crash', 'exception', 'stacktrace', 'broken', 'timeout', 'endpoint', 'fails', 'regression', 'null', 'webhook', 'api'],
  account: ['password', 'login', 'locked', 'reset', 'sso', 'twofactor', 'signin', 'username', 'lockout', 'session', 'authenticator', 'email'],
  question: ['how', 'documentation', 'guide', 'tutorial', 'example', 'explain', 'configure', 'possible', 'recommend', 'wondering', 'setup', 'best'],
};

export const componentOf: Record<string, string> = { billing: 'billing', bug: 'api', account: 'auth', question: 'docs' };
export const teamOf: Record<string, string> = { billing: 'finance', bug: 'platform', account: 'support', question: 'support' };

const filler = ['hello', 'team', 'please', 'today', 'our', 'we', 'thanks', 'the', 'with', 'since', 'morning', 'again'];

/** Small seeded generator (mulberry32), so every run builds the same history. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWords(random: () => number, words: string[], count: number): string[] {
  return Array.from({ length: count }, () => words[Math.floor(random() * words.length)]);
}

/** Writes a text of one category: mostly its own words, mixed with filler. */
export function categoryText(random: () => number, category: string): { subject: string; body: string } {
  const own = categoryWords[category];
  return {
    subject: pickWords(random, own, 3).join(' '),
    body: [...pickWords(random, own, 6), ...pickWords(random, filler, 4)].sort(() => random() - 0.5).join(' '),
  };
}

export async function seedDirectory(db: Queryable): Promise<void> {
  for (const key of new Set(Object.values(componentOf))) {
    await db.query('insert into product_components (key, name) values ($1, $2)', [key, key.toUpperCase()]);
  }
  for (const key of new Set(Object.values(teamOf))) {
    await db.query('insert into teams (key, name) values ($1, $2)', [key, key]);
  }
}

/** Inserts count labelled tickets with their first customer message; the first teamLabels of them also carry a team. */
export async function seedHistory(db: Queryable, count: number, teamLabels: number, seed = 11): Promise<void> {
  const random = createRandom(seed);
  const categories = Object.keys(categoryWords);

  for (let index = 0; index < count; index++) {
    const category = categories[index % categories.length];
    const text = categoryText(random, category);
    const [ticket] = await db.query<{ id: number }>(
      `insert into tickets (subject, category, channel, language, component_id, team_id, status)
       values ($1, $2, 'email', 'en', (select id from product_components where key = $3),
         case when $5 then (select id from teams where key = $4) end, 'solved') returning id`,
      [text.subject, category, componentOf[category], teamOf[category], index < teamLabels],
    );
    await db.query("insert into messages (ticket_id, kind, author_kind, body) values ($1, 'public', 'customer', $2)", [ticket.id, text.body]);
  }
}
