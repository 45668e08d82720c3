import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirectoryInUseError, lockDataDirectory } from '../../src/store/pglite-lock.ts';

const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-lock-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded data directory lock', () => {
  it('rejects a second process while the owner runs', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'casebook.lock'), JSON.stringify({ pid: process.ppid, command: 'casebook.mjs serve' }));

    expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryInUseError);
    expect(() => lockDataDirectory(dir)).toThrow(`in use by process ${process.ppid} (casebook.mjs serve)`);
  });

  it('takes over a lock whose owner has exited', () => {
    const dir = tempDir();
    const exited = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    fs.writeFileSync(path.join(dir, 'casebook.lock'), JSON.stringify({ pid: exited, command: 'old' }));

    const release = lockDataDirectory(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'casebook.lock'), 'utf8')).pid).toBe(process.pid);

    release();
    expect(fs.existsSync(path.join(dir, 'casebook.lock'))).toBe(false);
  });

  it('lets the CLI report the busy directory with exit code 3', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'casebook.lock'), JSON.stringify({ pid: process.ppid, command: 'casebook.mjs serve' }));

    const result = spawnSync(process.execPath, ['bin/casebook.mjs', 'token', 'create', '--email', 'a@example.com'], {
      env: { ...process.env, CASEBOOK_DATA: dir, DATABASE_URL: '' }, encoding: 'utf8',
    });

    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`is in use by process ${process.ppid}`);
  });
});
