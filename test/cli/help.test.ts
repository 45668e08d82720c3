import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('casebook --help', () => {
  it('lists every command', () => {
    const help = execFileSync(process.execPath, ['bin/casebook.mjs', '--help'], { encoding: 'utf8' });
    const commands = [...help.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((match) => match[1]);

    expect(commands).toEqual([
      'serve', 'migrate', 'demo', 'import', 'user', 'token', 'eval', 'health', 'query', 'train', 'train-escalation', 'help',
    ]);
  });

  it('exits 2 on an unknown command', () => {
    let status = 0;
    try {
      execFileSync(process.execPath, ['bin/casebook.mjs', 'frobnicate'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
