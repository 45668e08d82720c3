import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { enqueueJob } from '../../src/jobs/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { testContext, testEngine } from '../helpers/db.ts';

let context: AppContext;
let app: FastifyInstance;

beforeAll(async () => {
  context = await testContext();
  app = await buildApp(context);
});

afterAll(async () => {
  await app.close();
  await context.db.close();
});

/** Returns the value of one sample line of a Prometheus text exposition, or undefined when absent. */
function sampleValue(text: string, sample: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

describe('GET /healthz', () => {
  it('reports ok with the engine', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });

    const body = response.json();
    expect(response.statusCode).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.engine).toBe(testEngine());
    expect(Number.isInteger(body.uptimeSeconds)).toBe(true);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('returns 503 when the database is closed', async () => {
    const closedContext = await testContext();
    const closedApp = await buildApp(closedContext);
    await closedContext.db.close();

    const response = await closedApp.inject({ method: 'GET', url: '/healthz' });
    await closedApp.close();

    expect(response.statusCode).toBe(503);
    expect(response.json().status).toBe('unavailable');
  });
});

describe('GET /metrics', () => {
  it('exposes process metrics in Prometheus text', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(response.body).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
  });

  it('counts requests by method, route and status', async () => {
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: '/no-such-route/123' });

    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;

    const healthCount = sampleValue(text, 'http_request_duration_seconds_count{method="GET",route="/healthz",status_code="200"}');
    const unmatchedCount = sampleValue(text, 'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}');
    expect(healthCount).toBeGreaterThanOrEqual(2);
    expect(unmatchedCount).toBe(1);
    expect(text).not.toContain('/no-such-route/123');
  });

  it('reports queued jobs at scrape time', async () => {
    const before = sampleValue((await app.inject({ method: 'GET', url: '/metrics' })).body, 'casebook_jobs{status="queued"}');
    await enqueueJob(context.db, 'ops.metrics-check', {});
    await enqueueJob(context.db, 'ops.metrics-check', {});

    const after = sampleValue((await app.inject({ method: 'GET', url: '/metrics' })).body, 'casebook_jobs{status="queued"}');

    expect(before).toBe(0);
    expect(after).toBe(2);
  });

  it('keeps metrics separate per app', async () => {
    const other = await buildApp(context);
    await other.inject({ method: 'GET', url: '/healthz' });

    const otherText = (await other.inject({ method: 'GET', url: '/metrics' })).body;
    await other.close();

    const otherCount = sampleValue(otherText, 'http_request_duration_seconds_count{method="GET",route="/healthz",status_code="200"}');
    expect(otherCount).toBe(1);
  });
});
