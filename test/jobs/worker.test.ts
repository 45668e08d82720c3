import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppContext } from '../../src/core/context.ts';
import { defineJob, enqueueJob, JobWorker, type JobDefinition, type JobRow } from '../../src/jobs/index.ts';
import { claimJobs } from '../../src/jobs/queue.ts';
import { testContext } from '../helpers/db.ts';

let context: AppContext;

beforeAll(async () => {
  context = await testContext();
});

afterAll(async () => {
  await context.db.close();
});

beforeEach(async () => {
  await context.db.exec('delete from jobs');
});

const slowBackoff = { baseMs: 1_000, maxMs: 60_000 };

function makeWorker(jobs: JobDefinition<unknown>[], workerId = 'test-worker'): JobWorker {
  return new JobWorker({ context, jobs, workerId, backoff: slowBackoff, pollIntervalMs: 10 });
}

async function readJob(id: number): Promise<JobRow> {
  const [job] = await context.db.query<JobRow>('select * from jobs where id = $1', [id]);
  return job;
}

async function secondsUntilRun(id: number): Promise<number> {
  const [row] = await context.db.query<{ seconds: number }>(
    'select extract(epoch from run_at - now())::float8 as seconds from jobs where id = $1',
    [id],
  );
  return row.seconds;
}

async function makeReady(id: number): Promise<void> {
  await context.db.query('update jobs set run_at = now() where id = $1', [id]);
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('JobWorker retries', () => {
  it('retries with backoff, then succeeds', async () => {
    const seen: number[] = [];
    const flaky = defineJob({
      name: 'test.flaky',
      version: 1,
      payload: z.object({ value: z.number() }),
      async handler(payload, run) {
        seen.push(payload.value);
        if (run.attempt < 3) throw new Error(`boom on attempt ${run.attempt}`);
      },
    });
    const worker = makeWorker([flaky]);
    const { id } = await enqueueJob(context.db, flaky, { value: 42 });

    expect(await worker.runOnce()).toBe(1);
    const afterFirst = await readJob(id);
    expect(afterFirst.status).toBe('queued');
    expect(afterFirst.attempts).toBe(1);
    expect(afterFirst.last_error).toBe('Error: boom on attempt 1');
    expect(afterFirst.locked_by).toBeNull();
    const firstDelay = await secondsUntilRun(id);
    expect(firstDelay).toBeGreaterThan(0.3);
    expect(firstDelay).toBeLessThanOrEqual(1);

    expect(await worker.runOnce()).toBe(0);

    await makeReady(id);
    expect(await worker.runOnce()).toBe(1);
    const secondDelay = await secondsUntilRun(id);
    expect((await readJob(id)).last_error).toBe('Error: boom on attempt 2');
    expect(secondDelay).toBeGreaterThan(0.8);
    expect(secondDelay).toBeLessThanOrEqual(2);

    await makeReady(id);
    expect(await worker.runOnce()).toBe(1);
    const done = await readJob(id);
    expect(done.status).toBe('done');
    expect(done.attempts).toBe(3);
    expect(done.finished_at).not.toBeNull();
    expect(seen).toEqual([42, 42, 42]);
  });

  it('fails after max attempts with last_error', async () => {
    let calls = 0;
    const broken = defineJob({
      name: 'test.broken',
      version: 1,
      payload: z.object({}),
      maxAttempts: 2,
      async handler() {
        calls += 1;
        throw new TypeError(`cannot read call ${calls}`);
      },
    });
    const worker = makeWorker([broken]);
    const { id } = await enqueueJob(context.db, broken, {});

    await worker.runOnce();
    await makeReady(id);
    await worker.runOnce();
    await makeReady(id);
    const ranAfterFailure = await worker.runOnce();

    const job = await readJob(id);
    expect(job.status).toBe('failed');
    expect(job.attempts).toBe(2);
    expect(job.last_error).toBe('TypeError: cannot read call 2');
    expect(job.finished_at).not.toBeNull();
    expect(calls).toBe(2);
    expect(ranAfterFailure).toBe(0);
  });
});

describe('JobWorker safety', () => {
  it('fails an unknown job name', async () => {
    const worker = makeWorker([]);
    const { id } = await enqueueJob(context.db, 'test.nobody-handles-this', { n: 1 });

    await worker.runOnce();

    const job = await readJob(id);
    expect(job.status).toBe('failed');
    expect(job.attempts).toBe(1);
    expect(job.last_error).toContain('test.nobody-handles-this');
  });

  it('fails a mismatched payload without retry', async () => {
    const strict = defineJob({
      name: 'test.strict',
      version: 1,
      payload: z.object({ ticketId: z.number() }),
      async handler() {},
    });
    const worker = makeWorker([strict]);
    const { id } = await enqueueJob(context.db, 'test.strict', { ticketId: 'not a number' });

    await worker.runOnce();

    const job = await readJob(id);
    expect(job.status).toBe('failed');
    expect(job.attempts).toBe(1);
    expect(job.last_error).toContain('ticketId');
  });

  it('upgrades a payload stored by an older version', async () => {
    const received: unknown[] = [];
    const renamed = defineJob({
      name: 'test.renamed',
      version: 2,
      payload: z.object({ ticketId: z.number() }),
      upgradePayload: (stored, storedVersion) => (storedVersion === 1 ? { ticketId: (stored as { ticket: number }).ticket } : stored),
      async handler(payload) {
        received.push(payload);
      },
    });
    const worker = makeWorker([renamed]);
    const { id } = await enqueueJob(context.db, 'test.renamed', { ticket: 5 }, { version: 1 });

    await worker.runOnce();

    expect((await readJob(id)).status).toBe('done');
    expect(received).toEqual([{ ticketId: 5 }]);
  });

  it('re-queues a job left running by a crashed worker', async () => {
    let runs = 0;
    const recover = defineJob({
      name: 'test.recover',
      version: 1,
      payload: z.object({}),
      async handler() {
        runs += 1;
      },
    });
    const { id } = await enqueueJob(context.db, recover, {});
    const claimed = await claimJobs(context.db, 'crashed-worker', 1);
    expect(claimed.map((job) => job.id)).toEqual([id]);
    await context.db.query(`update jobs set locked_at = now() - interval '10 minutes' where id = $1`, [id]);

    const worker = new JobWorker({ context, jobs: [recover], workerId: 'rescuer', staleAfterMs: 60_000 });
    expect(await worker.runOnce()).toBe(1);

    const job = await readJob(id);
    expect(job.status).toBe('done');
    expect(job.attempts).toBe(2);
    expect(job.last_error).toContain('crashed-worker');
    expect(runs).toBe(1);
  });

  it('leaves a running job alone while its lock is fresh', async () => {
    const { id } = await enqueueJob(context.db, 'test.fresh', {});
    await claimJobs(context.db, 'busy-worker', 1);

    const worker = new JobWorker({ context, jobs: [], workerId: 'sweeper', staleAfterMs: 60_000 });
    expect(await worker.sweep()).toBe(0);

    const job = await readJob(id);
    expect(job.status).toBe('running');
    expect(job.locked_by).toBe('busy-worker');
  });

  it('fails a stale job that used every attempt', async () => {
    const { id } = await enqueueJob(context.db, 'test.poison', {}, { maxAttempts: 1 });
    await claimJobs(context.db, 'crashed-worker', 1);
    await context.db.query(`update jobs set locked_at = now() - interval '10 minutes' where id = $1`, [id]);

    const worker = new JobWorker({ context, jobs: [], workerId: 'sweeper', staleAfterMs: 60_000 });
    expect(await worker.sweep()).toBe(1);

    const job = await readJob(id);
    expect(job.status).toBe('failed');
    expect(job.finished_at).not.toBeNull();
  });
});

describe('JobWorker cleanup', () => {
  it('deletes done jobs after retention', async () => {
    const old = await enqueueJob(context.db, 'test.old', {});
    const recent = await enqueueJob(context.db, 'test.recent', {});
    const failed = await enqueueJob(context.db, 'test.failed-long-ago', {});
    await context.db.query(`update jobs set status = 'done', finished_at = now() - interval '2 days' where id = $1`, [old.id]);
    await context.db.query(`update jobs set status = 'done', finished_at = now() - interval '1 hour' where id = $1`, [recent.id]);
    await context.db.query(`update jobs set status = 'failed', finished_at = now() - interval '2 days' where id = $1`, [failed.id]);

    const worker = new JobWorker({ context, jobs: [], workerId: 'sweeper', retainDoneMs: 24 * 60 * 60_000 });
    await worker.sweep();

    const remaining = await context.db.query<{ id: number }>('select id from jobs order by id');
    expect(remaining.map((job) => job.id)).toEqual([recent.id, failed.id]);
  });
});

describe('JobWorker polling', () => {
  it('runs each of 50 jobs once with two workers', async () => {
    const runs = new Map<number, number>();
    const count = defineJob({
      name: 'test.count',
      version: 1,
      payload: z.object({ n: z.number() }),
      async handler(payload) {
        runs.set(payload.n, (runs.get(payload.n) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    });
    for (let n = 0; n < 50; n += 1) {
      await enqueueJob(context.db, count, { n });
    }
    const jobs = [count];
    const first = new JobWorker({ context, jobs, workerId: 'first', concurrency: 4, pollIntervalMs: 5 });
    const second = new JobWorker({ context, jobs, workerId: 'second', concurrency: 4, pollIntervalMs: 5 });

    first.start();
    second.start();
    await waitUntil(async () => {
      const [row] = await context.db.query<{ done: number }>(`select count(*)::int8 as done from jobs where status = 'done'`);
      return row.done === 50;
    });
    await Promise.all([first.stop(), second.stop()]);

    const byWorker = await context.db.query<{ attempts: number }>('select attempts from jobs');
    expect(runs.size).toBe(50);
    expect([...runs.values()].every((times) => times === 1)).toBe(true);
    expect(byWorker.every((job) => job.attempts === 1)).toBe(true);
  });

  it('waits for a running handler on stop', async () => {
    let release: () => void = () => {};
    let started: () => void = () => {};
    const handlerStarted = new Promise<void>((resolve) => { started = resolve; });
    const slow = defineJob({
      name: 'test.slow',
      version: 1,
      payload: z.object({}),
      async handler() {
        started();
        await new Promise<void>((resolve) => { release = resolve; });
      },
    });
    const worker = new JobWorker({ context, jobs: [slow], workerId: 'graceful', pollIntervalMs: 5 });
    const { id } = await enqueueJob(context.db, slow, {});

    worker.start();
    await handlerStarted;
    let stopped = false;
    const stopping = worker.stop().then(() => { stopped = true; });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);

    release();
    await stopping;
    expect((await readJob(id)).status).toBe('done');
  });
});
