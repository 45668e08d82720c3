import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { compileQuery, loadFieldRegistry, parseQuery, type CompileContext, type FieldRegistry } from '../../src/query/index.ts';
import type { Db } from '../../src/store/index.ts';
import { openTestDb } from '../helpers/db.ts';
import { fixtureNow, seedQueryFixture } from './fixture.ts';

let db: Db;
let registry: FieldRegistry;

beforeAll(async () => {
  db = await openTestDb();
  await seedQueryFixture(db);
  registry = await loadFieldRegistry(db);
});
afterAll(() => db.close());

const context: CompileContext = { now: fixtureNow, actorId: 7 };
const compile = (text: string, extra: CompileContext = {}) => compileQuery(parseQuery(text), registry, { ...context, ...extra });

function compileError(text: string, extra: CompileContext = {}): AppError {
  try {
    compile(text, extra);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe('loadFieldRegistry', () => {
  it('types fields from the schema', () => {
    expect(registry.get('account.health')?.kind).toBe('number');
    expect(registry.get('account.renewal')).toMatchObject({ kind: 'date', direction: 'future' });
    expect(registry.get('created')).toMatchObject({ kind: 'timestamp', direction: 'past' });
    expect(registry.get('status')?.terms?.map((term) => term.key)).toEqual(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']);
    expect(registry.get('tag')?.name).toBe('tags');
    expect(registry.get('Priority')?.name).toBe('priority');
  });

  it('adds custom fields from their definitions', () => {
    expect(registry.get('custom.impact_users')).toMatchObject({ kind: 'number', origin: 'custom' });
    expect(registry.get('custom.severity')?.terms?.map((term) => term.key)).toEqual(['low', 'medium', 'high']);
    expect(registry.get('account.custom.industry')?.kind).toBe('text');
  });
});

describe('compileQuery parameters', () => {
  it('lowercases vocabulary keys', () => {
    expect(compile('priority:P1,p2').params).toEqual([['p1', 'p2']]);
  });

  it('expands ordered vocabulary comparisons', () => {
    expect(compile('priority<=p2').params).toEqual([['p1', 'p2']]);
    expect(compile('priority>p2').params).toEqual([['p3', 'p4']]);
    expect(compile('status<solved').params).toEqual([['new', 'open', 'pending', 'on_hold']]);
  });

  it('selects nothing for an empty ordered range', () => {
    const compiled = compile('priority<p1');

    expect(compiled.where).toBe('false');
    expect(compiled.params).toEqual([]);
  });

  it('scales k and m number suffixes', () => {
    expect(compile('account.arr>=50k').params).toEqual([50_000]);
    expect(compile('account.arr<1.5m').params).toEqual([1_500_000]);
    expect(compile('account.health:60,70').params).toEqual([[60, 70]]);
  });

  it('resolves assignee me to the actor', () => {
    expect(compile('assignee:me').params).toEqual([[7]]);
    expect(compile('assignee:Alice@Casebook.test,3').params).toEqual([[3], ['alice@casebook.test']]);
  });

  it('passes free text as a parameter', () => {
    expect(compile('"card declined"').params).toEqual(['"card declined"']);
    expect(compile('refund').params).toEqual(['refund']);
  });

  it('binds a custom field key as a parameter', () => {
    expect(compile('custom.impact_users>100').params).toEqual(['impact_users', 100]);
  });

  it('numbers placeholders from firstParam', () => {
    const compiled = compile('status:open priority:p1 sort:priority', { firstParam: 4, ticketAlias: 'tk' });

    expect(compiled.where).toContain('$4');
    expect(compiled.where).toContain('$5');
    expect(compiled.where).not.toContain('$1');
    expect(compiled.where).toContain('tk.status');
    expect(compiled.orderBy).toContain('$6');
    expect(compiled.whereParamCount).toBe(2);
    expect(compiled.params).toEqual([['open'], ['p1'], ['p1', 'p2', 'p3', 'p4']]);
  });

  it('defaults to newest first with no filter', () => {
    const compiled = compile('');

    expect(compiled).toMatchObject({ kind: 'tickets', where: 'true', orderBy: 't.created_at desc, t.id desc', params: [] });
  });
});

describe('compileQuery dates', () => {
  it('counts past relative amounts back from now', () => {
    expect(compile('created>=7d').params).toEqual(['2026-11-13 12:00:00', 'UTC']);
    expect(compile('created<1m').params).toEqual(['2026-10-20 12:00:00', 'UTC']);
    expect(compile('created>=2w').params).toEqual(['2026-11-06 12:00:00', 'UTC']);
    expect(compile('updated>1y').params).toEqual(['2025-11-20 12:00:00', 'UTC']);
    expect(compile('created>=24h').params).toEqual(['2026-11-19T12:00:00.000Z']);
  });

  it('counts future relative amounts ahead from today', () => {
    expect(compile('account.renewal<90d').params).toEqual(['2027-02-18', '2026-11-20']);
    expect(compile('account.renewal>1m').params).toEqual(['2026-12-20']);
  });

  it('turns days and periods into zone boundaries', () => {
    expect(compile('created:2026-11-05', { timeZone: 'Europe/Paris' }).params).toEqual([
      '2026-11-05 00:00:00', 'Europe/Paris', '2026-11-06 00:00:00',
    ]);
    expect(compile('created:this_month').params).toEqual(['2026-11-01 00:00:00', 'UTC', '2026-12-01 00:00:00']);
    expect(compile('created:this_week').params).toEqual(['2026-11-16 00:00:00', 'UTC', '2026-11-23 00:00:00']);
    expect(compile('created<today').params).toEqual(['2026-11-20 00:00:00', 'UTC']);
    expect(compile('created>yesterday').params).toEqual(['2026-11-20 00:00:00', 'UTC']);
  });

  it('takes today from the query zone', () => {
    const lateEvening = new Date('2026-11-20T23:30:00Z');

    expect(compile('created:today', { now: lateEvening, timeZone: 'Asia/Tokyo' }).params).toEqual([
      '2026-11-21 00:00:00', 'Asia/Tokyo', '2026-11-22 00:00:00',
    ]);
  });

  it('compares instants directly', () => {
    expect(compile('created>=2026-11-18T08:00:00Z').params).toEqual(['2026-11-18T08:00:00.000Z']);
  });
});

describe('compileQuery errors', () => {
  const cases: [string, string, unknown][] = [
    ['priorty:p1', 'Unknown field "priorty" at column 1; did you mean "priority"?', 'priorty'],
    ['zzz:1', 'Unknown field "zzz" at column 1', 'zzz'],
    ['status:opn', 'Unknown value "opn" for "status" at column 8; did you mean "open"? Allowed: new, open, pending, on_hold, solved, closed', 'opn'],
    ['assignee>3', 'Operator ">" is not allowed for "assignee" at column 9; use one of : = !=', '>'],
    ['tag<x', 'Operator "<" is not allowed for "tags" at column 4; use one of : = !=', '<'],
    ['account.arr>=5x', 'Invalid number "5x" for "account.arr" at column 14; use digits with an optional k or m suffix, like 50k', '5x'],
    ['created>2026-13-01', 'Invalid date "2026-13-01" for "created" at column 9; use 2026-11-01, 2026-11-01T09:30:00Z, today, yesterday, this_week, this_month, this_year or a relative amount like 7d', '2026-13-01'],
    ['account.renewal<3h', '"3h" at column 17 counts hours, but "account.renewal" holds whole days; use d, w, m or y', '3h'],
    ['custom.escalated:maybe', 'Invalid value "maybe" for "custom.escalated" at column 18; use true or false', 'maybe'],
    ['priority<p1,p2', 'Operator "<" on "priority" at column 13 takes one value, not a comma-separated list', 'p2'],
    ['sort:tags', 'Field "tags" at column 6 cannot be used to sort', 'tags'],
    ['count by tags', 'Field "tags" at column 10 cannot be used to group', 'tags'],
    ['avg status by team', '"avg" needs a numeric field, but "status" at column 5 is not one', 'status'],
    ['count by status sort:id', 'Sorting at column 22 cannot be combined with an aggregation; aggregation rows come in group order', 'id'],
  ];

  it.each(cases)('rejects %j', (text, message, value) => {
    const error = compileError(text);

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(message);
    expect(error.details[0]).toMatchObject({ field: 'q', value });
  });

  it('rejects me without an actor', () => {
    expect(compileError('assignee:me', { actorId: undefined }).message).toBe(
      '"me" at column 10 needs a signed-in agent; use an agent email or id instead',
    );
  });

  it('rejects an unknown time zone', () => {
    const error = compileError('status:open', { timeZone: 'Mars/Olympus' });

    expect(error.details[0]).toMatchObject({ field: 'timeZone', value: 'Mars/Olympus' });
  });

  it('rejects an unsafe table alias', () => {
    expect(compileError('status:open', { ticketAlias: 't; drop' }).details[0].field).toBe('ticketAlias');
  });
});

describe('compileQuery injection', () => {
  it('keeps quoted text out of the SQL', () => {
    const text = 'account:"x\'; drop table tickets; --" "a\') or 1=1 --"';
    const compiled = compile(text);

    expect(compiled.where).not.toContain('drop');
    expect(compiled.where).not.toContain('1=1');
    expect(compiled.params).toContain('"a\') or 1=1 --"');
  });

  it('rejects an unsafe vocabulary value', () => {
    expect(compileError('status:"open\'; drop table tickets; --"').message).toMatch(/^Unknown value "open'; drop table tickets; --" for "status"/);
  });
});
