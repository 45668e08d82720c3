import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/import/index.ts';
import type { Db } from '../../src/store/index.ts';
import { openTestDb } from '../helpers/db.ts';

const fixtures = path.resolve('test/fixtures/import/presets');
let db: Db;
let workDir: string;

beforeAll(async () => {
  db = await openTestDb();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-presets-'));
});

afterAll(async () => {
  await db.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

function runPreset(preset: string, dir: string) {
  return importFile(db, { path: path.join(fixtures, dir), preset, rejectsPath: path.join(workDir, `${preset}.jsonl`) });
}

function ticketsOf(source: string) {
  return db.query<Record<string, any>>(
    `select t.subject, t.priority, t.category, t.channel, t.language, t.tags, t.custom, t.created_at,
       tm.key as team, pc.key as component,
       (select array_agg(m.author_kind || ':' || m.body order by m.id) from messages m where m.ticket_id = t.id) as messages
     from tickets t left join teams tm on tm.id = t.team_id left join product_components pc on pc.id = t.component_id
     where t.source = $1 order by t.id`,
    [source],
  );
}

describe('nlbse-issues preset', () => {
  it('maps labels to categories and repositories to components', async () => {
    const summary = await runPreset('nlbse-issues', 'nlbse');
    const tickets = await ticketsOf('nlbse-issues');

    expect(summary).toMatchObject({ imported: 3, updated: 0, rejected: 0 });
    expect(tickets.map((ticket) => [ticket.category, ticket.component])).toEqual([
      ['bug', 'facebook-react'],
      ['feature_request', 'microsoft-vscode'],
      ['question', 'bitcoin-bitcoin'],
    ]);
    expect(tickets[0].subject).toBe('[DevTools Bug] Cannot add node "1"');
    expect(tickets[0].messages[0]).toContain('### Repro steps');
    expect(new Date(tickets[0].created_at).toISOString()).toBe('2023-08-26T06:33:37.000Z');
    expect(tickets[2].messages).toEqual(['customer:How do I run the functional tests?']);
    expect(tickets[0].custom).toEqual({ repo: 'facebook/react', split: 'train' });
  });
});

describe('endava-tickets preset', () => {
  it('imports both layouts with codes in custom fields and declared categories', async () => {
    const summary = await runPreset('endava-tickets', 'endava');
    const tickets = await ticketsOf('endava-tickets');
    const [terms] = await db.query<{ count: number }>(`select count(*) as count from vocabulary_terms where vocabulary = 'category' and key = 'user_maintenance'`);

    expect(summary).toMatchObject({ imported: 6, updated: 0, rejected: 0 });
    expect(tickets[0].subject).toBe('hi since recruiter lead permission approve requisitions makes please make…');
    expect(tickets[0]).toMatchObject({ priority: 'p4', channel: 'email', category: null });
    expect(tickets[0].custom).toEqual({
      ticket_type: '1', category_code: '4', sub_category1: '2', sub_category2: '21', business_service: '71', urgency: '3', impact: '4',
    });
    expect(tickets[2]).toMatchObject({ subject: 'laptop broken', priority: 'p1' });
    expect(tickets.slice(3).map((ticket) => ticket.category)).toEqual(['application', 'user_maintenance', 'database']);
    expect(terms.count).toBe(1);
  });
});

describe('multilang-tickets preset', () => {
  it('creates teams from queues and stores the answer as an agent reply', async () => {
    const summary = await runPreset('multilang-tickets', 'multilang');
    const tickets = await ticketsOf('multilang-tickets');
    const teams = await db.query<{ key: string; name: string }>('select key, name from teams order by key');

    expect(summary).toMatchObject({ imported: 3, updated: 0, rejected: 0 });
    expect(tickets.map((ticket) => [ticket.category, ticket.team, ticket.priority, ticket.language])).toEqual([
      ['incident', 'technical-support', 'p2', 'es'],
      ['change_request', 'billing-and-payments', 'p4', 'en'],
      ['problem', 'it-support', 'p3', 'de'],
    ]);
    expect(tickets[0].tags).toEqual(['Urgent Issue', 'Service Disruption']);
    expect(tickets[0].messages).toEqual([
      'customer:Es necesaria una investigación inmediata sobre la interrupción.',
      'agent:Estamos investigando urgentemente el problema.',
    ]);
    expect(tickets[1].subject).toBe('Dear support,\\n\\nI would like to change my plan.');
    expect(tickets[2].custom).toEqual({ version: '51' });
    expect(teams).toEqual([
      { key: 'billing-and-payments', name: 'Billing and Payments' },
      { key: 'it-support', name: 'IT Support' },
      { key: 'technical-support', name: 'Technical Support' },
    ]);
  });
});

describe('banking77 preset', () => {
  it('keeps the intent and shortens long texts into a subject', async () => {
    const summary = await runPreset('banking77', 'banking77');
    const tickets = await ticketsOf('banking77');

    expect(summary).toMatchObject({ imported: 3, updated: 0, rejected: 0 });
    expect(tickets.map((ticket) => ticket.custom.intent)).toEqual(['card_arrival', 'card_arrival', 'card_payment_fee_charged']);
    expect(tickets.every((ticket) => ticket.category === 'question')).toBe(true);
    expect(tickets[1].subject.length).toBeLessThanOrEqual(80);
    expect(tickets[1].subject).toBe('How do I know if I will get my card, or if it is lost? I ordered it a very…');
    expect(tickets[1].messages[0]).toMatch(/checking the mailbox every single day$/);
  });
});

describe('clinc150 preset', () => {
  it('imports every split and treats a repeated sentence as an update', async () => {
    const first = await runPreset('clinc150', 'clinc150');
    const second = await runPreset('clinc150', 'clinc150');
    const tickets = await ticketsOf('clinc150');

    expect(first).toMatchObject({ imported: 4, updated: 1, rejected: 0 });
    expect(second).toMatchObject({ imported: 0, updated: 5, rejected: 0 });
    expect(tickets.map((ticket) => [ticket.subject, ticket.custom.intent, ticket.custom.split])).toEqual([
      ['a show on broadway', 'oos', 'oos_val'],
      ['what is my balance', 'balance', 'test'],
      ['freeze my account now', 'freeze_account', 'train'],
      ['how much is in checking', 'balance', 'train'],
    ]);
  });
});
