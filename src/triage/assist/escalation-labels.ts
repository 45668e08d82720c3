/**
 * Escalation labels for past tickets. A ticket counts as escalated when its
 * audit history shows a raised priority (p3 to p2, say) or a reopening (status
 * from solved back to an open state). SLA breaches and bad satisfaction
 * ratings are meant to join these signals once those records exist.
 *
 * Data without audit history (the demo organisation, most imports) can use
 * the conversation rule instead: the customer wrote again in public after an
 * agent's public reply. It is a weaker signal, because a follow-up question
 * is not always a complaint, so reports name the rule that produced a label.
 */

export type LabelSource = 'audit' | 'conversation';

export type EscalationReason = 'priority_raised' | 'reopened' | 'customer_follow_up';

/** One audit entry of a ticket: the changed fields with their before and after values. */
export interface TicketChange {
  changes: Record<string, [unknown, unknown]>;
}

export interface EscalationLabel {
  escalated: boolean;
  reasons: EscalationReason[];
}

const priorityRank: Record<string, number> = { p1: 1, p2: 2, p3: 3, p4: 4 };
const resolvedStatuses = new Set(['solved', 'closed']);

/** True when the change moves the priority to a more urgent level (a lower rank). */
export function isPriorityRaise(before: unknown, after: unknown): boolean {
  const from = priorityRank[String(before)];
  const to = priorityRank[String(after)];

  return from !== undefined && to !== undefined && to < from;
}

/** True when the change moves a solved ticket back to an unresolved status. */
export function isReopening(before: unknown, after: unknown): boolean {
  return before === 'solved' && typeof after === 'string' && !resolvedStatuses.has(after);
}

/** Labels a ticket from its audit entries, in any order. */
export function labelFromAudit(entries: TicketChange[]): EscalationLabel {
  const reasons = new Set<EscalationReason>();

  for (const { changes } of entries) {
    if (changes.priority && isPriorityRaise(changes.priority[0], changes.priority[1])) reasons.add('priority_raised');
    if (changes.status && isReopening(changes.status[0], changes.status[1])) reasons.add('reopened');
  }

  return { escalated: reasons.size > 0, reasons: [...reasons] };
}

/**
 * Returns the priority a ticket had before its first priority change (audit
 * entries given oldest first), so features do not see a raise that the label
 * counts. The creation entry records [null, priority] and is skipped.
 */
export function initialPriority(currentPriority: string, entries: TicketChange[]): string {
  const first = entries.find((entry) => typeof entry.changes.priority?.[0] === 'string');

  return first ? String(first.changes.priority[0]) : currentPriority;
}

/**
 * Labels a ticket from the authors of its public messages in time order
 * ('customer' or 'agent'): escalated when a customer message follows an
 * agent reply.
 */
export function labelFromConversation(publicAuthors: string[]): EscalationLabel {
  const firstAgentReply = publicAuthors.indexOf('agent');
  const followedUp = firstAgentReply >= 0 && publicAuthors.slice(firstAgentReply + 1).includes('customer');

  return { escalated: followedUp, reasons: followedUp ? ['customer_follow_up'] : [] };
}
