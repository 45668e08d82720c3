import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJobSpec, enqueueJob, type JobRow } from '../../src/jobs/index.ts';
import type { Db } from '../../src/store/index.ts';
import { openTestDb } from '../helpers/db.ts';

const greetSpec = defineJobSpec({
  name: 'test.greet',
  version: 2,
  payload: z.object({ ticketId: z.number().int() }),
  maxAttempts: 3,
});

let db: Db;

beforeAll(async () => {
  db = await openTestDb();
});

afterAll(async () => {
  await db.close();
});

async function jobsNamed(name: string): Promise<JobRow[]> {
  return db.query<JobRow>('select * from jobs where name = $1 order by id', [name]);
}

describe('enqueueJob', () => {
  it('stores name, payload, version and max attempts', async () => {
    const result = await enqueueJob(db, greetSpec, { ticketId: 7 });

    const [job] = await db.query<JobRow>('select * from jobs where id = $1', [result.id]);
    expect(result.created).toBe(true);
    expect(job.name).toBe('test.greet');
    expect(job.payload).toEqual({ ticketId: 7 });
    expect(job.payload_version).toBe(2);
    expect(job.max_attempts).toBe(3);
    expect(job.status).toBe('queued');
    expect(job.attempts).toBe(0);
  });

  it('leaves no job when the transaction rolls back', async () => {
    await expect(db.transaction(async (tx) => {
      await enqueueJob(tx, 'test.rolled-back', { n: 1 });
      throw new Error('caller failed after enqueueing');
    })).rejects.toThrow('caller failed after enqueueing');

    expect(await jobsNamed('test.rolled-back')).toHaveLength(0);
  });

  it('keeps the job when the transaction commits', async () => {
    await db.transaction(async (tx) => {
      await enqueueJob(tx, 'test.committed', { n: 1 });
    });

    expect(await jobsNamed('test.committed')).toHaveLength(1);
  });

  it('rejects a payload that does not match the spec', async () => {
    await expect(enqueueJob(db, greetSpec, { ticketId: 'seven' } as never)).rejects.toThrow();

    const stored = await db.query('select id from jobs where payload->>\'ticketId\' = $1', ['seven']);
    expect(stored).toHaveLength(0);
  });

  it('returns the existing job for a repeated unique key', async () => {
    const first = await enqueueJob(db, 'test.unique', { n: 1 }, { uniqueKey: 'sla-check:ticket-9' });
    const second = await enqueueJob(db, 'test.unique', { n: 2 }, { uniqueKey: 'sla-check:ticket-9' });

    const stored = await jobsNamed('test.unique');
    expect(second.created).toBe(false);
    expect(second.id).toBe(first.id);
    expect(stored).toHaveLength(1);
    expect(stored[0].payload).toEqual({ n: 1 });
  });

  it('stores runAt for a scheduled job', async () => {
    const runAt = new Date(Date.now() + 3_600_000);
    const { id } = await enqueueJob(db, 'test.scheduled', {}, { runAt });

    const [job] = await db.query<JobRow>('select * from jobs where id = $1', [id]);
    expect(new Date(job.run_at).getTime()).toBe(runAt.getTime());
  });
});

describe('unique keys after a job starts', () => {
  it('queues a fresh job once the holder of the key is running', async () => {
    const db = await openTestDb();
    try {
      const first = await enqueueJob(db, 'test.coalesce', { n: 1 }, { uniqueKey: 'usage:account-3' });
      await db.query("update jobs set status = 'running', locked_at = now() where id = $1", [first.id]);

      const second = await enqueueJob(db, 'test.coalesce', { n: 2 }, { uniqueKey: 'usage:account-3' });
      const third = await enqueueJob(db, 'test.coalesce', { n: 3 }, { uniqueKey: 'usage:account-3' });

      expect(second.created).toBe(true);
      expect(second.id).not.toBe(first.id);
      expect(third.created).toBe(false);
      expect(third.id).toBe(second.id);
    } finally {
      await db.close();
    }
  });
});

describe('retries of a keyed job', () => {
  it('re-queues a failed run beside a newer queued job with the same key', async () => {
    const { recordFailure } = await import('../../src/jobs/queue.ts');
    const db = await openTestDb();
    try {
      const first = await enqueueJob(db, 'test.retry-key', {}, { uniqueKey: 'health:account-1' });
      await db.query("update jobs set status = 'running', locked_by = 'w1', locked_at = now() where id = $1", [first.id]);
      const second = await enqueueJob(db, 'test.retry-key', {}, { uniqueKey: 'health:account-1' });

      const status = await recordFailure(db, first.id, 'w1', 'boom', 1000);

      expect(status).toBe('queued');
      const rows = await db.query<{ id: number; unique_key: string | null }>('select id, unique_key from jobs order by id');
      expect(rows).toEqual([{ id: first.id, unique_key: null }, { id: second.id, unique_key: 'health:account-1' }]);
    } finally {
      await db.close();
    }
  });
});
