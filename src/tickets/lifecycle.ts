import { AppError } from '../core/errors.ts';

export const ticketStatuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/**
 * Allowed status changes. A closed ticket is final: a customer who writes
 * again gets a follow-up ticket. Solved can reopen; closing needs solved first.
 */
const allowedTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export function isTicketStatus(value: string): value is TicketStatus {
  return (ticketStatuses as readonly string[]).includes(value);
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || allowedTransitions[from].includes(to);
}

export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (canTransition(from, to)) {
    return;
  }
  const allowed = allowedTransitions[from];
  const fix = allowed.length > 0
    ? `from ${from} the status can change to ${allowed.join(', ')}`
    : 'a closed ticket cannot change; create a follow-up ticket instead';
  throw new AppError('invalid_transition', `A ticket cannot move from ${from} to ${to}`, [{ field: 'status', value: to, fix }]);
}

export interface LifecycleTimestamps {
  firstResponseAt: Date | null;
  solvedAt: Date | null;
  closedAt: Date | null;
}

/** Computes the timestamp columns to set when a ticket's status changes at `now`. */
export function timestampsForTransition(from: TicketStatus, to: TicketStatus, current: LifecycleTimestamps, now: Date): LifecycleTimestamps {
  const next = { ...current };
  if (to === 'solved' && from !== 'solved') {
    next.solvedAt = now;
  }
  if (to === 'closed' && from !== 'closed') {
    next.closedAt = now;
  }
  if (from === 'solved' && to !== 'solved' && to !== 'closed') {
    next.solvedAt = null;
  }
  return next;
}

export type MessageAuthorKind = 'customer' | 'agent' | 'system';
export type MessageKind = 'public' | 'internal';

/**
 * Returns the status a new message leaves the ticket in, or null when the
 * status stays as it is. A customer reply reopens a solved or pending ticket,
 * and an agent's first public reply opens a new one.
 */
export function statusAfterMessage(status: TicketStatus, authorKind: MessageAuthorKind, kind: MessageKind): TicketStatus | null {
  if (kind === 'internal') {
    return null;
  }
  if (authorKind === 'customer') {
    if (status === 'closed') {
      throw new AppError('invalid_transition', 'A closed ticket cannot take new customer replies', [
        { field: 'ticket', value: status, fix: 'create a follow-up ticket that references this one' },
      ]);
    }
    return status === 'solved' || status === 'pending' ? 'open' : null;
  }
  if (authorKind === 'agent' && status === 'new') {
    return 'open';
  }
  return null;
}
