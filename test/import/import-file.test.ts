import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/import/index.ts';
import type { Db } from '../../src/store/index.ts';
import { openTestDb } from '../helpers/db.ts';

const fixtures = path.resolve('test/fixtures/import');
let db: Db;
let workDir: string;

beforeAll(async () => {
  db = await openTestDb();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-import-'));
  await db.query(`insert into teams (key, name) values ('billing', 'Billing')`);
});

afterAll(async () => {
  await db.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

function readRejects(file: string) {
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

async function ticketsOf(source: string) {
  return db.query<Record<string, any>>(
    `select t.external_id, t.subject, t.status, t.priority, t.category, t.channel, t.tags, t.created_at,
       tm.key as team, c.email as requester, a.name as account,
       (select count(*) from messages m where m.ticket_id = t.id) as messages
     from tickets t left join teams tm on tm.id = t.team_id left join contacts c on c.id = t.requester_id
       left join accounts a on a.id = t.account_id
     where t.source = $1 order by t.id`,
    [source],
  );
}

describe('CSV import', () => {
  const rejectsPath = () => path.join(workDir, 'csv.rejects.jsonl');
  const run = () => importFile(db, {
    path: path.join(fixtures, 'tickets.csv'),
    mappingFile: path.join(fixtures, 'tickets.mapping.json'),
    source: 'csv-test',
    rejectsPath: rejectsPath(),
    batchSize: 2,
  });

  it('imports good rows and counts rejects', async () => {
    const summary = await run();

    expect(summary.imported).toBe(4);
    expect(summary.updated).toBe(0);
    expect(summary.rejected).toBe(5);
    expect(summary.source).toBe('csv-test');
    expect(summary.rejectsFile).toBe(rejectsPath());
  });

  it('writes one reject line per bad row with row and line', () => {
    const rejects = readRejects(rejectsPath());

    expect(rejects.map((reject) => [reject.row, reject.line, reject.reason])).toEqual([
      [3, 5, 'broken CSV quoting'],
      [4, 6, 'invalid UTF-8'],
      [5, 7, 'unknown priority'],
      [6, 8, 'missing subject'],
      [7, 9, 'invalid date'],
    ]);
    expect(rejects[1].field).toBe('subject');
    expect(rejects[2]).toMatchObject({ field: 'priority', value: 'urgent-ish' });
    expect(rejects[2].fix).toContain('p1, p2, p3, p4');
    expect(rejects[4]).toMatchObject({ field: 'created_at', value: '2024-02-30' });
  });

  it('stores mapped fields, requester, account, team and reply', async () => {
    // On PostgreSQL batches are written concurrently, so ids need not follow file order.
    const fileOrder = (externalId: string) => (externalId.startsWith('sha1:') ? 2 : ['T-1', 'T-2', '', 'T-8'].indexOf(externalId));
    const tickets = (await ticketsOf('csv-test')).sort((a, b) => fileOrder(a.external_id) - fileOrder(b.external_id));
    const first = tickets[0];

    expect(tickets.map((ticket) => ticket.external_id)).toEqual(['T-1', 'T-2', expect.stringMatching(/^sha1:[0-9a-f]{24}$/), 'T-8']);
    expect(first).toMatchObject({ subject: 'Cannot log in', status: 'open', priority: 'p1', category: 'account', channel: 'import' });
    expect(first.tags).toEqual(['login', 'urgent']);
    expect(new Date(first.created_at).toISOString()).toBe('2024-03-01T09:30:00.000Z');
    expect(first).toMatchObject({ team: 'billing', requester: 'ana@example.com', account: 'Acme', messages: 2 });
    expect(tickets[1]).toMatchObject({ priority: 'p2', category: 'billing', account: 'Acme', messages: 1 });
    expect(new Date(tickets[1].created_at).toISOString()).toBe('2024-03-02T10:00:00.000Z');
    expect(tickets[2]).toMatchObject({ subject: 'Row without id', priority: 'p4', category: 'question' });
    expect(tickets[3]).toMatchObject({ subject: 'Café is fine', status: 'solved', requester: 'ana@example.com' });
  });

  it('keeps multi-line bodies and links one account and one contact per email', async () => {
    const [body] = await db.query<{ body: string }>(
      `select m.body from messages m join tickets t on t.id = m.ticket_id where t.source = 'csv-test' and t.external_id = 'T-2'`,
    );
    const [accounts] = await db.query<{ count: number }>(`select count(*) as count from accounts where name = 'Acme'`);
    const [contacts] = await db.query<{ count: number }>(`select count(*) as count from contacts where email = 'ana@example.com'`);

    expect(body.body).toBe('The invoice\nlists two seats');
    expect(accounts.count).toBe(1);
    expect(contacts.count).toBe(1);
  });

  it('updates instead of duplicating on re-import', async () => {
    const [before] = await db.query<{ tickets: number; messages: number }>(
      `select (select count(*) from tickets where source = 'csv-test') as tickets,
         (select count(*) from messages m join tickets t on t.id = m.ticket_id where t.source = 'csv-test') as messages`,
    );
    const undatedBefore = (await ticketsOf('csv-test'))[3].created_at;
    const summary = await run();
    const undatedAfter = (await ticketsOf('csv-test'))[3].created_at;
    const [after] = await db.query<{ tickets: number; messages: number }>(
      `select (select count(*) from tickets where source = 'csv-test') as tickets,
         (select count(*) from messages m join tickets t on t.id = m.ticket_id where t.source = 'csv-test') as messages`,
    );

    expect(summary).toMatchObject({ imported: 0, updated: 4, rejected: 5 });
    expect(before).toEqual({ tickets: 4, messages: 5 });
    expect(after).toEqual(before);
    expect(undatedAfter).toEqual(undatedBefore);
  });

  it('records one audit entry per batch', async () => {
    const entries = await db.query<{ changes: { source: string; imported: number; updated: number } }>(
      `select changes from audit_entries where action = 'import' and actor_kind = 'import' and changes->>'source' = 'csv-test' order by id`,
    );

    expect(entries.map((entry) => entry.changes.imported)).toEqual([2, 2, 0, 0]);
    expect(entries.map((entry) => entry.changes.updated)).toEqual([0, 0, 2, 2]);
  });

  it('stops after the row limit', async () => {
    const summary = await importFile(db, { path: path.join(fixtures, 'tickets.csv'), source: 'csv-limit', rejectsPath: path.join(workDir, 'limit.jsonl'), limit: 2, mappingFile: path.join(fixtures, 'tickets.mapping.json') });

    expect(summary).toMatchObject({ imported: 2, updated: 0, rejected: 0 });
  });
});

describe('JSON Lines and JSON import', () => {
  it('rejects bad lines of a JSONL file and imports the rest', async () => {
    const rejectsPath = path.join(workDir, 'jsonl.rejects.jsonl');
    const summary = await importFile(db, { path: path.join(fixtures, 'tickets.jsonl'), source: 'jsonl-test', rejectsPath });
    const rejects = readRejects(rejectsPath);
    const tickets = await ticketsOf('jsonl-test');

    expect(summary).toMatchObject({ imported: 2, updated: 0, rejected: 3 });
    expect(rejects.map((reject) => [reject.row, reject.line, reject.reason])).toEqual([
      [2, 2, 'invalid JSON'],
      [3, 4, 'invalid UTF-8'],
      [4, 5, 'missing body'],
    ]);
    expect(tickets.map((ticket) => ticket.external_id)).toEqual(['J-1', 'J-5']);
    expect(tickets[0]).toMatchObject({ priority: 'p2', tags: ['printer', 'office'] });
    expect(new Date(tickets[1].created_at).toISOString()).toBe('2024-05-06T05:08:09.000Z');
  });

  it('maps vocabulary labels case-insensitively in a JSON array', async () => {
    const rejectsPath = path.join(workDir, 'json.rejects.jsonl');
    const summary = await importFile(db, { path: path.join(fixtures, 'tickets.json'), source: 'json-test', rejectsPath });
    const rejects = readRejects(rejectsPath);
    const tickets = await ticketsOf('json-test');

    expect(summary).toMatchObject({ imported: 2, updated: 0, rejected: 1 });
    expect(rejects).toEqual([expect.objectContaining({ row: 2, reason: 'unknown category', field: 'category', value: 'astrology' })]);
    expect(tickets.map((ticket) => [ticket.external_id, ticket.category, ticket.status, ticket.priority])).toEqual([
      ['A-1', 'billing', 'open', 'p3'],
      ['A-3', 'bug', 'new', 'p1'],
    ]);
  });
});

describe('database errors', () => {
  it('rejects only the row the database refuses', async () => {
    // A constraint added for this test makes the database refuse one row of the batch.
    await db.exec("alter table tickets add constraint import_test_refusal check (subject <> 'Refuse me')");
    const file = path.join(workDir, 'refused.csv');
    fs.writeFileSync(file, 'id,subject,body\nR-1,First,fine\nR-2,Refuse me,body\nR-3,Third,fine too\n');
    const rejectsPath = path.join(workDir, 'refused.rejects.jsonl');

    try {
      const summary = await importFile(db, { path: file, source: 'refused-test', rejectsPath });
      const rejects = readRejects(rejectsPath);
      const tickets = await ticketsOf('refused-test');

      expect(summary).toMatchObject({ imported: 2, updated: 0, rejected: 1 });
      expect(rejects).toEqual([expect.objectContaining({ row: 2, line: 3, reason: expect.stringContaining('the database rejected the row') })]);
      expect(tickets.map((ticket) => ticket.external_id)).toEqual(['R-1', 'R-3']);
    } finally {
      await db.exec('alter table tickets drop constraint import_test_refusal');
    }
  });

  it('imports a huge body and keeps it searchable', async () => {
    // Over 1 MB of distinct words: the search document indexes the first 300,000 characters.
    const huge = Array.from({ length: 120_000 }, (_, index) => `word${index}`).join(' ');
    const file = path.join(workDir, 'huge.csv');
    fs.writeFileSync(file, `id,subject,body\nH-1,Huge,${huge}\n`);

    const summary = await importFile(db, { path: file, source: 'huge-test', rejectsPath: path.join(workDir, 'huge.rejects.jsonl') });
    const [stored] = await db.query<{ length: number; found: boolean }>(
      `select length(m.body) as length, t.search_document @@ plainto_tsquery('english', 'word42') as found
       from tickets t join messages m on m.ticket_id = t.id where t.source = 'huge-test'`,
    );

    expect(summary).toMatchObject({ imported: 1, rejected: 0 });
    expect(stored.length).toBe(huge.length);
    expect(stored.found).toBe(true);
  });
});

describe('unusable input', () => {
  it('names a mapped column missing from the header', async () => {
    const attempt = importFile(db, { path: path.join(fixtures, 'tickets.csv'), map: { subject: 'Title' }, rejectsPath: path.join(workDir, 'x.jsonl') });

    await expect(attempt).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"Title"') });
  });

  it('names an unknown target field', async () => {
    const attempt = importFile(db, { path: path.join(fixtures, 'tickets.csv'), map: { headline: 'subject' }, rejectsPath: path.join(workDir, 'x.jsonl') });

    await expect(attempt).rejects.toMatchObject({ details: [expect.objectContaining({ field: '--map', value: 'headline' })] });
  });

  it('fails when every row is rejected', async () => {
    const file = path.join(workDir, 'all-bad.csv');
    fs.writeFileSync(file, 'subject,body\n,missing subject\n');
    const attempt = importFile(db, { path: file, rejectsPath: path.join(workDir, 'all-bad.jsonl') });

    await expect(attempt).rejects.toMatchObject({ message: expect.stringContaining('Every row') });
    expect(readRejects(path.join(workDir, 'all-bad.jsonl'))).toHaveLength(1);
  });

  it('rejects a file without an extension it knows', async () => {
    const attempt = importFile(db, { path: path.join(fixtures, 'tickets.mapping.json'), format: 'xml' as never });

    await expect(attempt).rejects.toThrow();
  });
});

describe('CSV encodings', () => {
  const header = 'id,subject,description\r\n';
  const accented = 'E-1,Café export broken,"Crème brûlée order 42 shows € 0"\r\n';

  async function importBytes(name: string, bytes: Buffer) {
    const file = path.join(workDir, name);
    fs.writeFileSync(file, bytes);
    return importFile(db, { path: file, source: name, rejectsPath: path.join(workDir, `${name}.rejects.jsonl`) });
  }

  it.each([
    ['bom-crlf.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header + accented, 'utf8')])],
    ['bom-lf.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from((header + accented).replaceAll('\r\n', '\n'), 'utf8')])],
  ])('keeps accented rows of %s with a byte-order mark', async (name, bytes) => {
    const summary = await importBytes(name, bytes);
    const [ticket] = await ticketsOf(name);

    expect(summary).toMatchObject({ imported: 1, rejected: 0 });
    expect(ticket.external_id).toBe('E-1');
    expect(ticket.subject).toBe('Café export broken');
  });

  it('rejects a UTF-16 file as a whole, saying to save it as UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(header + accented, 'utf16le')]);

    await expect(importBytes('utf16.csv', utf16)).rejects.toThrow(/UTF-16/);
  });

  it('rejects Latin-1 rows, naming the field', async () => {
    const summary = await importBytes('latin1.csv', Buffer.from(`${header}L-1,Plain subject,plain\r\nL-2,Caf\u00e9 latin,x\r\n`, 'latin1'));
    const [reject] = readRejects(path.join(workDir, 'latin1.csv.rejects.jsonl'));

    expect(summary).toMatchObject({ imported: 1, rejected: 1 });
    expect(reject).toMatchObject({ row: 2, reason: 'invalid UTF-8', field: 'subject' });
  });
});

describe('vocabulary names in imported files', () => {
  it('maps the names other helpdesks export to priority keys', async () => {
    const file = path.join(workDir, 'priorities.csv');
    fs.writeFileSync(file, 'id,subject,description,priority\nP-1,a,b,Urgent\nP-2,c,d,high\nP-3,e,f,P3 - Normal\nP-4,g,h,LOW\nP-5,i,j,p2\n');

    const summary = await importFile(db, { path: file, source: 'priorities', rejectsPath: path.join(workDir, 'priorities.rejects.jsonl') });
    const tickets = await db.query<{ external_id: string; priority: string }>("select external_id, priority from tickets where source = 'priorities' order by external_id");

    expect(summary).toMatchObject({ imported: 5, rejected: 0 });
    expect(tickets.map((ticket) => ticket.priority)).toEqual(['p1', 'p2', 'p3', 'p4', 'p2']);
  });
});
