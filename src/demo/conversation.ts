import type { TemplateFiller } from './fill.ts';
import type { Random } from './random.ts';
import type { TicketTemplate } from './templates.ts';
import { addMinutes } from './time.ts';

export type Status = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type Priority = 'p1' | 'p2' | 'p3' | 'p4';

export interface MessagePlan {
  kind: 'public' | 'internal';
  authorKind: 'customer' | 'agent';
  body: string;
  /** Minutes after the ticket was created. */
  offsetMinutes: number;
}

type Step = 'opening' | 'customer-addition' | 'first-reply' | 'customer-follow-up' | 'agent-update' | 'note' | 'ask' | 'hold-note' | 'resolution';

const customerAdditions = [
  'Adding some context: this affects about {count} of our users.',
  'Forgot to mention that this started around {date}. Nothing changed on our side as far as we know.',
  'One more detail: we see it in {Chrome|Firefox|Safari|Edge} and in the mobile app.',
];
const customerFollowUps = [
  'Thanks for the quick reply. We tried that, but the problem is still there.',
  'Here is what you asked for: {request id {requestId}|a screenshot of the error|the exact steps to reproduce}.',
  'Any update on this? {It is starting to block our team.|We have a review with leadership on Friday.|Our users keep asking.}',
  'That helped partly. Could you also check whether this affects our other workspace?',
];
const agentUpdates = [
  'Quick update: {engineering has reproduced the issue|our billing team has reviewed your account|the product team has looked at this} and I will come back to you as soon as I have news.',
  'Thanks for the details, {customer}. I am checking this with {our engineers|the billing team|our product team} now.',
  'I have applied a change on our side. Could you try again and tell me whether it looks right now?',
];
const agentAsks = [
  'Could you send {the request id of a failing call|a screenshot of the error|the exact time it happened, with time zone|the e-mail address of an affected user}? With that I can trace it in our logs.',
  'Could you confirm which workspace this concerns and whether it still happens today?',
];
const holdNotes = [
  'Waiting on engineering fix ANA-{issue}; setting on hold.',
  'Parked until the product team reviews PR-{issue}.',
  'Waiting for confirmation from the payment provider before replying.',
];

/**
 * Chooses the sequence of message steps a ticket with this status and
 * message count shows. During an outage agents post updates and notes
 * rather than waiting on the customer.
 */
export function planSteps(random: Random, status: Status, messageCount: number, duringOutage = false): Step[] {
  if (status === 'new') {
    return ['opening', 'customer-addition'];
  }

  const steps: Step[] = ['opening'];
  if (status === 'open' && messageCount === 2) {
    return [...steps, 'note'];
  }
  steps.push('first-reply');

  const endings: Record<Exclude<Status, 'new'>, Step> = { open: 'customer-follow-up', pending: 'ask', on_hold: 'hold-note', solved: 'resolution', closed: 'resolution' };
  const ending = endings[status];
  const middleCount = Math.max(0, messageCount - steps.length - 1);
  for (let i = 0; i < middleCount; i += 1) {
    const customerTurn = i % 2 === 0 && !duringOutage;
    steps.push(customerTurn ? 'customer-follow-up' : random.chance(0.3) ? 'note' : 'agent-update');
  }

  if (messageCount >= steps.length + 1 || ending !== 'resolution') {
    steps.push(ending);
  } else {
    steps[steps.length - 1] = ending;
  }
  return steps;
}

/** Typical minutes to the first reply, by priority. */
const firstReplyMinutes: Record<Priority, [number, number]> = {
  p1: [5, 45], p2: [15, 240], p3: [45, 720], p4: [120, 1_800],
};

const gapMinutes: Record<Step, [number, number]> = {
  'opening': [0, 0],
  'customer-addition': [5, 180],
  'first-reply': [0, 0],
  'customer-follow-up': [30, 2_880],
  'agent-update': [20, 1_440],
  'note': [5, 240],
  'ask': [20, 1_440],
  'hold-note': [10, 600],
  'resolution': [60, 4_320],
};

/** Writes each step as a message and places it in time, minutes after the ticket was created. */
export function writeMessages(random: Random, filler: TemplateFiller, template: TicketTemplate, steps: Step[], priority: Priority): MessagePlan[] {
  let offset = 0;

  return steps.map((step, index) => {
    if (index > 0) {
      const [min, max] = step === 'first-reply' ? firstReplyMinutes[priority] : gapMinutes[step];
      offset += random.int(min, max);
    }
    return { ...writeStep(random, filler, template, step), offsetMinutes: offset };
  });
}

function writeStep(random: Random, filler: TemplateFiller, template: TicketTemplate, step: Step): Omit<MessagePlan, 'offsetMinutes'> {
  switch (step) {
    case 'opening': return customer(filler, `Hi,\n\n${filler.fillPick(template.openings)}\n\nThanks,\n${filler.value('customer')}\n${filler.value('company')}`);
    case 'customer-addition': return customer(filler, filler.fillPick(customerAdditions));
    case 'customer-follow-up': return customer(filler, filler.fillPick(customerFollowUps));
    case 'first-reply': return agentReply(filler, filler.fillPick(template.replies));
    case 'agent-update': return agentReply(filler, filler.fillPick(agentUpdates));
    case 'ask': return agentReply(filler, filler.fillPick(agentAsks));
    case 'resolution': return agentReply(filler, filler.fillPick(template.resolutions));
    case 'note': return { kind: 'internal', authorKind: 'agent', body: filler.fillPick(random.chance(0.7) ? template.notes : holdNotes) };
    case 'hold-note': return { kind: 'internal', authorKind: 'agent', body: filler.fillPick(holdNotes) };
  }
}

function customer(filler: TemplateFiller, body: string): Omit<MessagePlan, 'offsetMinutes'> {
  const signed = body.includes('\nThanks,\n') ? body : `${body}\n\n${filler.value('customer')}`;
  return { kind: 'public', authorKind: 'customer', body: signed };
}

function agentReply(filler: TemplateFiller, body: string): Omit<MessagePlan, 'offsetMinutes'> {
  return { kind: 'public', authorKind: 'agent', body: `Hi ${filler.value('customer')},\n\n${body}\n\nBest regards,\n${filler.value('agent')}\n${filler.value('product')} Support` };
}

/** Returns the time of a message given the ticket's creation time. */
export function messageTime(createdAt: Date, message: MessagePlan): Date {
  return addMinutes(createdAt, message.offsetMinutes);
}
