import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';
import { basicAuth, readFixture, readFixtureText } from './fixtures.ts';

let context: AppContext;
let harness: ApiHarness;
let writeKey: string;

async function send(path: string, payload: unknown, headers: Record<string, string> = { authorization: basicAuth(writeKey) }) {
  const response = await harness.app.inject({
    method: 'POST', url: path, payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: response.statusCode, body: response.json() };
}

async function eventRow(messageId: string) {
  const [row] = await context.db.query<Record<string, any>>('select * from events where message_id = $1', [messageId]);
  return row;
}

beforeAll(async () => {
  context = await testContext();
  harness = await createApiHarness(context);
  const created = await harness.request('POST', '/api/v1/event-sources', { token: harness.tokens.admin, body: { name: 'Product analytics' } });
  writeKey = created.body.writeKey;
});

afterAll(() => context.db.close());

describe('event sources', () => {
  it('return the write key once and store only its hash', async () => {
    const list = await harness.request('GET', '/api/v1/event-sources', { token: harness.tokens.admin });
    const [stored] = await context.db.query<{ key_hash: string }>('select key_hash from event_sources where id = $1', [list.body.items[0].id]);

    expect(writeKey).toMatch(/^wk_[A-Za-z0-9_-]{43}$/);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].writeKey).toBeUndefined();
    expect(list.body.items[0].prefix).toBe(writeKey.slice(0, 10));
    expect(stored.key_hash).not.toContain(writeKey);
  });

  it('need the admin role', async () => {
    const create = await harness.request('POST', '/api/v1/event-sources', { token: harness.tokens.agent, body: { name: 'x' } });
    const list = await harness.request('GET', '/api/v1/event-sources', { token: harness.tokens.viewer });

    expect(create.status).toBe(403);
    expect(list.status).toBe(403);
  });

  it('stop accepting events once revoked', async () => {
    const created = await harness.request('POST', '/api/v1/event-sources', { token: harness.tokens.admin, body: { name: 'Old website' } });
    const before = await send('/v1/track', readFixture('track.json'), { authorization: basicAuth(created.body.writeKey) });
    const revoke = await harness.request('DELETE', `/api/v1/event-sources/${created.body.id}`, { token: harness.tokens.admin });
    const after = await send('/v1/track', { ...readFixture('track.json'), messageId: 'after-revoke' }, { authorization: basicAuth(created.body.writeKey) });

    expect(before.status).toBe(200);
    expect(revoke.body.revokedAt).not.toBeNull();
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/revoked/);
    expect(await eventRow('after-revoke')).toBeUndefined();
  });
});

describe('write key authentication', () => {
  it('rejects an unknown write key', async () => {
    const response = await send('/v1/track', readFixture('track.json'), { authorization: basicAuth('wk_not-a-real-key') });

    expect(response.status).toBe(401);
    expect(response.body.error.details[0].field).toBe('writeKey');
    expect(JSON.stringify(response.body)).not.toContain('wk_not-a-real-key');
  });

  it('rejects a request without a write key', async () => {
    const response = await send('/v1/track', readFixture('track.json'), {});

    expect(response.status).toBe(401);
    expect(response.body.error.message).toMatch(/No write key/);
  });

  it('rejects malformed Basic credentials', async () => {
    const response = await send('/v1/track', readFixture('track.json'), { authorization: 'Basic !!!' });

    expect(response.status).toBe(401);
    expect(response.body.error.details[0].field).toBe('authorization');
  });

  it('accepts the write key in the body', async () => {
    const response = await send('/v1/page', { ...readFixture('page.json'), writeKey }, {});

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true });
  });
});

describe('identify, group, track, page', () => {
  it('identify upserts a contact and maps its ids', async () => {
    const response = await send('/v1/identify', readFixture('identify.json'));
    const [contact] = await context.db.query<Record<string, any>>(`select * from contacts where email = 'ann@acme.test'`);
    const identities = await context.db.query<Record<string, any>>('select kind, value, contact_id from event_identities order by kind');

    expect(response.status).toBe(200);
    expect(contact.name).toBe('Ann Archer');
    expect(identities).toEqual([
      { kind: 'anonymous', value: 'anon-ann-laptop', contact_id: contact.id },
      { kind: 'user', value: 'user-ann', contact_id: contact.id },
    ]);
  });

  it('identify links the page seen before it', async () => {
    const page = await eventRow('msg-page-1');
    const [contact] = await context.db.query<{ id: number }>(`select id from contacts where email = 'ann@acme.test'`);

    expect(page.type).toBe('page');
    expect(page.name).toBe('Pricing');
    expect(page.contact_id).toBe(contact.id);
  });

  it('group upserts the account and links the contact', async () => {
    const response = await send('/v1/group', readFixture('group.json'));
    const [account] = await context.db.query<Record<string, any>>(`select * from accounts where external_id = 'acme-001'`);
    const [group] = await context.db.query<Record<string, any>>(`select traits from event_groups where group_id = 'acme-001'`);
    const [contact] = await context.db.query<Record<string, any>>(`select account_id from contacts where email = 'ann@acme.test'`);

    expect(response.status).toBe(200);
    expect(account.name).toBe('Acme Analytics');
    expect(account.plan).toBe('enterprise');
    expect(group.traits).toMatchObject({ industry: 'Retail', employees: 420 });
    expect(contact.account_id).toBe(account.id);
    expect((await eventRow('msg-page-1')).account_id).toBe(account.id);
  });

  it('track resolves the contact and account', async () => {
    const response = await send('/v1/track', readFixture('track.json'));
    const row = await eventRow('msg-track-1');
    const [account] = await context.db.query<{ id: number }>(`select id from accounts where external_id = 'acme-001'`);

    expect(response.status).toBe(200);
    expect(row.type).toBe('track');
    expect(row.name).toBe('Report Exported');
    expect(row.account_id).toBe(account.id);
    expect(row.contact_id).not.toBeNull();
    expect(row.properties).toEqual({ format: 'csv', rows: 1200 });
    expect(row.context.library.name).toBe('analytics-node');
    expect(row.occurred_at.toISOString()).toBe('2024-06-14T10:00:00.000Z');
  });

  it('track without an event name is a 400 naming the field', async () => {
    const { event: _omitted, ...noName } = readFixture('track.json');
    const response = await send('/v1/track', { ...noName, messageId: 'no-name' });

    expect(response.status).toBe(400);
    expect(response.body.error.details[0].field).toBe('event');
    expect(response.body.error.details[0].fix).toMatch(/event name/);
    expect(await eventRow('no-name')).toBeUndefined();
  });

  it('accepts text/plain and gzip bodies', async () => {
    const plain = await send('/v1/track', JSON.stringify({ ...readFixture('track.json'), messageId: 'as-text' }), { authorization: basicAuth(writeKey), 'content-type': 'text/plain' });
    const gzipped = zlib.gzipSync(JSON.stringify({ ...readFixture('track.json'), messageId: 'as-gzip' }));
    const compressed = await send('/v1/track', gzipped, { authorization: basicAuth(writeKey), 'content-encoding': 'gzip' });

    expect(plain.status).toBe(200);
    expect(compressed.status).toBe(200);
    expect(await eventRow('as-text')).toBeDefined();
    expect(await eventRow('as-gzip')).toBeDefined();
  });
});

describe('batch', () => {
  it('accepts valid events and rejects malformed ones one by one', async () => {
    const response = await send('/v1/batch', readFixture('batch-with-malformed.json'));
    const rejected = response.body.rejected.map((rejection: any) => [rejection.index, rejection.messageId, rejection.field]);

    expect(response.status).toBe(200);
    expect(response.body.success).toBe(true);
    expect(response.body.accepted).toBe(3);
    expect(rejected).toEqual([[2, 'msg-batch-3', 'event'], [3, 'msg-batch-4', 'timestamp'], [5, 'msg-batch-6', 'type'], [6, 'msg-batch-7', 'userId']]);
    expect(response.body.rejected.every((rejection: any) => rejection.reason && rejection.fix)).toBe(true);
    for (const messageId of ['msg-batch-1', 'msg-batch-2', 'msg-batch-5']) expect(await eventRow(messageId)).toBeDefined();
    for (const messageId of ['msg-batch-3', 'msg-batch-4', 'msg-batch-6', 'msg-batch-7']) expect(await eventRow(messageId)).toBeUndefined();
  });

  it('corrects timestamps for clock skew with the batch sentAt', async () => {
    const row = await eventRow('msg-batch-1');
    const skewMs = row.received_at.getTime() - Date.parse('2024-06-14T11:10:00Z');

    expect(row.occurred_at.getTime()).toBe(Date.parse('2024-06-14T11:00:00Z') + skewMs);
    expect(row.context.library.name).toBe('analytics-python');
  });

  it('stores a repeated messageId once', async () => {
    const response = await send('/v1/batch', readFixture('duplicate.json'));
    const rows = await context.db.query(`select e.id from events e join event_sources s on s.id = e.source_id
      where s.name = 'Product analytics' and e.message_id in ('msg-track-1', 'msg-dup-2')`);

    expect(response.body.accepted).toBe(3);
    expect(response.body.duplicates).toBe(2);
    expect(rows).toHaveLength(2);
  });

  it('rejects an empty batch', async () => {
    const response = await send('/v1/batch', { batch: [] });

    expect(response.status).toBe(400);
    expect(response.body.error.details[0].field).toBe('batch');
  });
});

describe('size limits', () => {
  it('rejects an oversize single event naming 32 KB', async () => {
    const response = await send('/v1/track', readFixtureText('oversize-event.json'));

    expect(response.status).toBe(413);
    expect(response.body.error.message).toMatch(/32 KB/);
    expect(await eventRow('msg-oversize-1')).toBeUndefined();
  });

  it('rejects an oversize event inside a batch and keeps the rest', async () => {
    const batch = { batch: [readFixture('oversize-event.json'), { ...readFixture('track.json'), messageId: 'beside-oversize' }] };
    const response = await send('/v1/batch', batch);

    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(1);
    expect(response.body.rejected[0]).toMatchObject({ index: 0, messageId: 'msg-oversize-1', field: '(event)' });
    expect(response.body.rejected[0].reason).toMatch(/32 KB/);
  });

  it('rejects a batch over 500 KB naming the limit', async () => {
    const event = readFixture('track.json');
    const batch = { batch: Array.from({ length: 20 }, (_, index) => ({ ...event, messageId: `big-${index}`, properties: { blob: 'y'.repeat(30_000) } })) };
    const response = await send('/v1/batch', batch);

    expect(response.status).toBe(413);
    expect(response.body.error.message).toMatch(/500 KB/);
    expect(await eventRow('big-0')).toBeUndefined();
  });
});

describe('account views', () => {
  it('page the events newest first for a viewer', async () => {
    const [account] = await context.db.query<{ id: number }>(`select id from accounts where external_id = 'acme-001'`);
    const all = await context.db.query<{ id: number }>('select id from events where account_id = $1 order by occurred_at desc, id desc', [account.id]);
    const first = await harness.request('GET', `/api/v1/accounts/${account.id}/events?limit=2`, { token: harness.tokens.viewer });
    const { before, beforeId } = first.body.next;
    const second = await harness.request('GET', `/api/v1/accounts/${account.id}/events?limit=100&before=${encodeURIComponent(before)}&beforeId=${beforeId}`, { token: harness.tokens.viewer });

    expect(first.status).toBe(200);
    expect(first.body.items.map((item: any) => item.id)).toEqual(all.slice(0, 2).map((row) => row.id));
    expect(second.body.items.map((item: any) => item.id)).toEqual(all.slice(2).map((row) => row.id));
    expect(second.body.next).toBeNull();
  });

  it('return 404 for an unknown account', async () => {
    const events = await harness.request('GET', '/api/v1/accounts/999999/events', { token: harness.tokens.viewer });
    const usage = await harness.request('GET', '/api/v1/accounts/999999/usage', { token: harness.tokens.viewer });

    expect(events.status).toBe(404);
    expect(usage.status).toBe(404);
  });

  it('return the usage summary', async () => {
    const [account] = await context.db.query<{ id: number }>(`select id from accounts where external_id = 'acme-001'`);
    const usage = await harness.request('GET', `/api/v1/accounts/${account.id}/usage`, { token: harness.tokens.viewer });

    expect(usage.status).toBe(200);
    expect(usage.body.accountId).toBe(account.id);
    expect(usage.body.lastSeenAt).not.toBeNull();
  });
});

describe('single alias call', () => {
  it('is rejected with advice once the write key is valid', async () => {
    const response = await send('/v1/alias', { type: 'alias', userId: 'new-id', previousId: 'old-id' });

    expect(response.status).toBe(400);
    expect(response.body.error.details[0]).toMatchObject({ field: 'type', value: 'alias' });
    expect(response.body.error.details[0].fix).toContain('identify');

    const unauthenticated = await send('/v1/alias', { type: 'alias', userId: 'x', previousId: 'y' }, {});
    expect(unauthenticated.status).toBe(401);
  });
});
