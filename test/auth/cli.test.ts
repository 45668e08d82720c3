import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';
import { createLogger } from '../../src/core/logger.ts';
import { buildApp } from '../../src/server/app.ts';
import { openPglite } from '../../src/store/index.ts';

const binPath = path.resolve('bin/casebook.mjs');
let dataDir: string;

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI against the temporary embedded database, feeding input on stdin. */
function runCli(args: string[], input = ''): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, CASEBOOK_DATA: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;

  return new Promise((resolve) => {
    const child = execFile(process.execPath, [binPath, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
    child.stdin!.end(input);
  });
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-cli-'));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('casebook user and token commands', () => {
  it('create a working token', async () => {
    const user = await runCli(['user', 'create', '--email', 'ops@example.com', '--name', 'Ops', '--role', 'admin', '--password-stdin'], 'ops-password-1\n');
    const token = await runCli(['token', 'create', '--email', 'ops@example.com', '--name', 'deploy']);

    expect(user.code, user.stderr).toBe(0);
    expect(user.stdout).toMatch(/^Created agent \d+ \(role admin\): Ops <ops@example\.com>\n$/);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout).toMatch(/^cb_[A-Za-z0-9_-]{43}\n$/);

    const db = await openPglite(dataDir);
    const app = await buildApp({ db, config: loadConfig({}), logger: createLogger('silent') });
    try {
      const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ops@example.com', password: 'ops-password-1' } });

      expect(me.statusCode).toBe(200);
      expect(me.json().agent).toMatchObject({ email: 'ops@example.com', role: 'admin' });
      expect(login.statusCode).toBe(200);
    } finally {
      await app.close();
      await db.close();
    }
  }, 120_000);

  it('exit 2 on duplicate or short password', async () => {
    const duplicate = await runCli(['user', 'create', '--email', 'OPS@example.com', '--name', 'Again', '--role', 'agent', '--password-stdin'], 'another-password\n');
    const short = await runCli(['user', 'create', '--email', 'new@example.com', '--name', 'New', '--role', 'agent', '--password-stdin'], 'short\n');

    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/already exists/);
    expect(duplicate.stdout).toBe('');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 10 characters/);
  }, 60_000);

  it('generate a password without terminal', async () => {
    const result = await runCli(['user', 'create', '--email', 'gen@example.com', '--name', 'Gen', '--role', 'viewer']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Generated password for gen@example\.com: [A-Za-z0-9_-]{24}\n$/);
  }, 60_000);

  it('reject a token for an unknown email', async () => {
    const result = await runCli(['token', 'create', '--email', 'nobody@example.com']);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/No agent has the email nobody@example\.com/);
  }, 60_000);
});
