/**
 * How the server serves the built console: files from the build directory,
 * index.html for client routes, JSON 404s under /api, and a hint page when
 * the console has not been built. Uses a small stand-in build directory, so
 * no browser or Vite build is needed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebConsole } from '../../src/server/web.ts';

const indexHtml = '<!doctype html><div id="root"></div>';
const assetBody = 'console.log("console bundle");';

describe('registerWebConsole', () => {
  let outerDir: string;
  let buildDir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    outerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-console-'));
    buildDir = path.join(outerDir, 'dist');
    fs.mkdirSync(path.join(buildDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(outerDir, 'secret.txt'), 'outside the build');
    fs.writeFileSync(path.join(buildDir, 'index.html'), indexHtml);
    fs.writeFileSync(path.join(buildDir, 'assets', 'index-abc123.js'), assetBody);

    app = Fastify();
    app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: { code: 'not_found' } }));
    await registerWebConsole(app, buildDir);
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    fs.rmSync(outerDir, { recursive: true, force: true });
  });

  it('serves index.html at the root', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(indexHtml);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves index.html for client routes', async () => {
    const response = await app.inject({ method: 'GET', url: '/tickets/42?tab=history' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(indexHtml);
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(assetBody);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves files added after start', async () => {
    fs.writeFileSync(path.join(buildDir, 'assets', 'index-def456.js'), assetBody);

    const response = await app.inject({ method: 'GET', url: '/assets/index-def456.js' });

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(assetBody);
  });

  it('returns 404 for a missing asset', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-gone.js' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found' } });
  });

  it('rejects paths outside the build directory', async () => {
    for (const url of ['/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const response = await app.inject({ method: 'GET', url });

      expect(response.statusCode, url).not.toBe(200);
      expect(response.body, url).not.toContain('outside the build');
    }
  });

  it('keeps JSON 404s for unknown API paths', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/no-such-route' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found' } });
  });

  it('shows a build hint when the console is not built', async () => {
    const bare = Fastify();
    await registerWebConsole(bare, path.join(buildDir, 'missing'));

    const response = await bare.inject({ method: 'GET', url: '/' });
    await bare.close();

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('npm run build');
  });
});
