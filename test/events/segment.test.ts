import { describe, expect, it } from 'vitest';
import { normalizeEvent, occurredAt, type EventOutcome, type NormalizedEvent } from '../../src/events/segment.ts';
import { trendOf } from '../../src/events/trend.ts';

const receivedAt = new Date('2024-06-15T12:00:00Z');

function accepted(outcome: EventOutcome): NormalizedEvent {
  if (!outcome.ok) throw new Error(`event rejected: ${outcome.rejection.reason}`);
  return outcome.event;
}

describe('normalizeEvent', () => {
  it('takes the groupId from context, then properties', () => {
    const fromContext = normalizeEvent({ type: 'track', userId: 'u', event: 'E', context: { groupId: 'g1' }, properties: { groupId: 'g2' } }, { index: 0, receivedAt });
    const fromProperties = normalizeEvent({ type: 'track', userId: 'u', event: 'E', properties: { groupId: 42 } }, { index: 0, receivedAt });

    expect(accepted(fromContext).groupId).toBe('g1');
    expect(accepted(fromProperties).groupId).toBe('42');
  });

  it('turns a numeric userId into a string', () => {
    const outcome = normalizeEvent({ type: 'identify', userId: 1234 }, { index: 0, receivedAt });

    expect(accepted(outcome).userId).toBe('1234');
  });

  it('lets the endpoint set the type', () => {
    const outcome = normalizeEvent({ type: 'identify', userId: 'u', event: 'Signed Up' }, { index: 0, receivedAt, impliedType: 'track' });

    expect(accepted(outcome).type).toBe('track');
  });

  it('generates a messageId when none is sent', () => {
    const outcome = normalizeEvent({ type: 'page', anonymousId: 'a' }, { index: 0, receivedAt });

    expect(accepted(outcome).messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects with index, field and fix', () => {
    const outcome = normalizeEvent({ type: 'group', userId: 'u', messageId: 'm-9' }, { index: 4, receivedAt });

    expect(outcome).toEqual({ ok: false, rejection: { index: 4, messageId: 'm-9', reason: 'groupId is required for a group call', field: 'groupId', fix: expect.stringMatching(/groupId/) } });
  });

  it('rejects a non-object event', () => {
    const outcome = normalizeEvent('track', { index: 1, receivedAt });

    expect(outcome).toMatchObject({ ok: false, rejection: { index: 1, field: '(event)' } });
  });
});

describe('occurredAt', () => {
  it('uses the timestamp when no sentAt is sent', () => {
    expect(occurredAt('2024-06-01T00:00:00Z', undefined, receivedAt).toISOString()).toBe('2024-06-01T00:00:00.000Z');
  });

  it('corrects the timestamp by the sender clock skew', () => {
    expect(occurredAt('2024-06-15T11:00:00Z', '2024-06-15T11:30:00Z', receivedAt).toISOString()).toBe('2024-06-15T11:30:00.000Z');
  });

  it('falls back to the receive time', () => {
    expect(occurredAt(undefined, undefined, receivedAt)).toBe(receivedAt);
  });
});

describe('trendOf', () => {
  it('classifies changes', () => {
    expect(trendOf(0, 0)).toEqual({ direction: 'none', changePercent: null });
    expect(trendOf(5, 0)).toEqual({ direction: 'new', changePercent: null });
    expect(trendOf(0, 5)).toEqual({ direction: 'gone', changePercent: -100 });
    expect(trendOf(105, 100)).toEqual({ direction: 'flat', changePercent: 5 });
    expect(trendOf(50, 100)).toEqual({ direction: 'down', changePercent: -50 });
    expect(trendOf(3, 1)).toEqual({ direction: 'up', changePercent: 200 });
  });
});
