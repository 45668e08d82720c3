import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { generateDemo, isDatabaseEmpty } from '../../src/demo/index.ts';
import type { Db } from '../../src/store/index.ts';
import { openTestDb } from '../helpers/db.ts';
import { hashDemoContent } from './content-hash.ts';

const now = new Date('2025-06-30T12:00:00Z');
const tickets = 300;

let first: Db;
let second: Db;

beforeAll(async () => {
  first = await openTestDb();
  second = await openTestDb();
  await generateDemo(first, { seed: 42, tickets, now });
  await generateDemo(second, { seed: 42, tickets, now });
});

afterAll(async () => {
  await first?.close();
  await second?.close();
});

describe('generateDemo determinism', () => {
  it('gives identical content for the same seed', async () => {
    expect(await hashDemoContent(second)).toBe(await hashDemoContent(first));
  });

  it('gives different content for another seed', async () => {
    const other = await openTestDb();
    try {
      await generateDemo(other, { seed: 43, tickets, now });
      expect(await hashDemoContent(other)).not.toBe(await hashDemoContent(first));
    } finally {
      await other.close();
    }
  });
});

describe('generateDemo on a database with tickets', () => {
  it('rejects the run without force', async () => {
    expect(await isDatabaseEmpty(second)).toBe(false);

    const error = await generateDemo(second, { seed: 42, tickets, now }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('duplicate');
    expect((error as AppError).details[0].field).toBe('force');
  });

  it('adds nothing twice for the same seed when forced', async () => {
    const before = await hashDemoContent(second);

    const again = await generateDemo(second, { seed: 42, tickets, now, force: true });

    expect(again.inserted.tickets).toBe(0);
    expect(again.inserted.accounts).toBe(0);
    expect(again.existingAgents.length).toBe(8);
    expect(await hashDemoContent(second)).toBe(before);
  });

  it('adds a second set of accounts and tickets for another seed when forced', async () => {
    const added = await generateDemo(second, { seed: 7, tickets: 50, now, force: true });
    const [row] = await second.query<{ tickets: number; accounts: number }>(
      'select (select count(*)::int from tickets) as tickets, (select count(*)::int from accounts) as accounts');

    expect(added.inserted.tickets).toBe(50);
    expect(row.tickets).toBe(tickets + 50);
    expect(row.accounts).toBe(100);
  });
});
