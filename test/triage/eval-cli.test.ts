import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const fixture = join(import.meta.dirname, '../fixtures/triage/banking77');
const cli = join(import.meta.dirname, '../../bin/casebook.mjs');

describe('casebook eval', () => {
  const created: string[] = [];
  afterAll(async () => {
    await Promise.all(created.map((path) => rm(path, { recursive: true, force: true })));
  });

  it('scores the banking77 layout and writes JSON', async () => {
    const out = await mkdtemp(join(tmpdir(), 'casebook-eval-'));
    created.push(out);

    const { stdout } = await run(process.execPath, [cli, 'eval', '--preset', 'banking77', '--data', fixture, '--out', out], { timeout: 60_000 });
    const lines = stdout.trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1]);
    const report = JSON.parse(await readFile(join(out, 'eval-banking77.json'), 'utf8'));

    expect(summary.preset).toBe('banking77');
    expect(summary.accuracy).toBeGreaterThan(0.8);
    expect(summary.macro_f1).toBeGreaterThan(0.8);
    expect(typeof summary.peer_accuracy).toBe('number');
    expect(report.accuracy).toBe(summary.accuracy);
    expect(Object.keys(report.per_class).sort()).toEqual(['card_arrival', 'exchange_rate', 'pin_blocked']);
    expect(report.tasks[0].test_size).toBe(30);
  }, 60_000);

  it('rejects an unknown preset with the fix', async () => {
    const failure = await run(process.execPath, [cli, 'eval', '--preset', 'nope', '--data', fixture], { timeout: 60_000 }).catch((error: { stderr: string; code: number }) => error);

    expect('code' in failure && failure.code).not.toBe(0);
    expect((failure as { stderr: string }).stderr).toContain('Unknown preset nope');
    expect((failure as { stderr: string }).stderr).toContain('banking77');
  }, 60_000);
});
