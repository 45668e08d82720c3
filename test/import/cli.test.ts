import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const fixtures = path.resolve('test/fixtures/import');
let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-import-cli-'));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function casebookImport(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CASEBOOK_DATA: path.join(dataDir, 'db') };
  delete env.DATABASE_URL;

  return spawnSync(process.execPath, ['bin/casebook.mjs', 'import', ...args], { env, encoding: 'utf8', timeout: 150_000 });
}

describe('casebook import', () => {
  // The fresh database has no team "Billing", so row 1 is rejected too.
  // The first run creates the embedded database (initdb), about 8 s on an idle machine and far more under load.
  it('prints one JSON summary line and exits 0 despite rejects', { timeout: 160_000 }, () => {
    const rejects = path.join(dataDir, 'cli.rejects.jsonl');
    const result = casebookImport([path.join(fixtures, 'tickets.csv'), '--mapping', path.join(fixtures, 'tickets.mapping.json'), '--rejects', rejects, '--no-progress']);
    const lines = result.stdout.trim().split('\n');
    const summary = JSON.parse(lines[0]);

    expect(result.status).toBe(0);
    expect(lines).toHaveLength(1);
    expect(summary).toMatchObject({ imported: 3, updated: 0, rejected: 6, source: 'tickets', file: path.join(fixtures, 'tickets.csv') });
    expect(typeof summary.seconds).toBe('number');
    const rejectLines = fs.readFileSync(rejects, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(rejectLines).toHaveLength(6);
    expect(rejectLines[0]).toMatchObject({ row: 1, line: 2, reason: 'unknown team', field: 'queue', value: 'Billing' });
  });

  it('exits 2 naming the column when the mapping does not fit', () => {
    const result = casebookImport([path.join(fixtures, 'tickets.csv'), '--map', 'subject=Headline', '--rejects', path.join(dataDir, 'x.jsonl')]);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Column "Headline" is not in the header');
    expect(result.stderr).toContain('map the field to one of the columns: id, subject, description');
  });

  it('still prints the summary line when every row is rejected', () => {
    const file = path.join(dataDir, 'all-bad.csv');
    fs.writeFileSync(file, 'subject,description,priority\nOne,first,someday\nTwo,second,whenever\n');
    const result = casebookImport([file, '--rejects', path.join(dataDir, 'all-bad.jsonl'), '--no-progress']);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '');

    expect(result.status).toBe(2);
    expect(summary).toMatchObject({ imported: 0, updated: 0, rejected: 2, rejectsFile: path.join(dataDir, 'all-bad.jsonl') });
    expect(result.stderr).toContain('Every row of');
  });
});
