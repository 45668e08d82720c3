import type { TemplateFiller } from './fill.ts';
import type { Random } from './random.ts';
import type { Category, TicketTemplate } from './templates.ts';

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
  'Adding a bit of context: {count} people on our side are waiting on this.',
  'One more detail: please keep me in the loop, I am the main contact for this at {company}.',
  'Forgot to mention: {this is fairly urgent for us|there is no rush on this one|our account manager suggested we write in}.',
];
const customerFollowUps = [
  'Thanks for the quick reply. We tried that, but we still see the same thing.',
  'Any update on this? {It is starting to block our team.|We have a review with leadership on Friday.|Our users keep asking.}',
  'That helped partly. Could you also check whether this affects our other workspace?',
  'Thanks. Just to confirm: does this apply to all users in our workspace, or only admins?',
];
const agentUpdates = [
  'Quick update: {reviewers} are looking at this and I will come back to you as soon as I have news.',
  'Thanks for the details, {customer}. I am checking this with {reviewers} now.',
  'I have applied a change on our side. Could you try again and tell me whether it looks right now?',
];
const agentAsks = [
  'Could you send {the exact time it happened, with time zone|a screenshot of what you see|the e-mail address of an affected user}? With that I can look into it in our systems.',
  'Could you confirm which workspace this concerns and whether it still happens today?',
];
const holdNotes: Record<Category, string[]> = {
  question: ['Waiting on an answer from engineering in ANA-{issue}. Setting on hold.'],
  bug: ['Waiting on engineering fix ANA-{issue}. Setting on hold.', 'Fix for ANA-{issue} is scheduled for the next release. On hold until it ships.'],
  incident: ['Waiting on the post-incident fix ANA-{issue}. Setting on hold.'],
  feature_request: ['Parked until the product team reviews PR-{issue}.'],
  billing: ['Waiting for confirmation from the payment provider before replying.', 'Waiting on finance to approve the credit note.'],
  account: ['Waiting for the workspace owner to confirm by e-mail.'],
};

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

/** Returns the entry of a parallel template list for a variant index, wrapping around shorter lists. */
export function atVariant<T>(list: readonly T[], variant: number): T {
  return list[variant % list.length];
}

interface Writer {
  random: Random;
  filler: TemplateFiller;
  template: TicketTemplate;
  variant: number;
  /** Set once the template's note for this variant is used, so a later note takes a hold note of the category instead. */
  templateNoteUsed: boolean;
}

/** Writes each step as a message and places it in time, minutes after the ticket was created. */
export function writeMessages(random: Random, filler: TemplateFiller, template: TicketTemplate, variant: number, steps: Step[], priority: Priority): MessagePlan[] {
  const writer: Writer = { random, filler, template, variant, templateNoteUsed: false };
  let offset = 0;

  return steps.map((step, index) => {
    if (index > 0) {
      const [min, max] = step === 'first-reply' ? firstReplyMinutes[priority] : gapMinutes[step];
      offset += random.int(min, max);
    }
    return { ...writeStep(writer, step), offsetMinutes: offset };
  });
}

function writeStep(writer: Writer, step: Step): Omit<MessagePlan, 'offsetMinutes'> {
  const { filler, template, variant } = writer;

  switch (step) {
    case 'opening': return customer(filler, `Hi,\n\n${filler.fill(atVariant(template.openings, variant))}\n\nThanks,\n${filler.value('customer')}\n${filler.value('company')}`);
    case 'customer-addition': return customer(filler, filler.fillPick(customerAdditions));
    case 'customer-follow-up': return customer(filler, filler.fillPick(customerFollowUps));
    case 'first-reply': return agentReply(filler, filler.fill(atVariant(template.replies, variant)));
    case 'agent-update': return agentReply(filler, filler.fillPick(agentUpdates));
    case 'ask': return agentReply(filler, filler.fillPick(agentAsks));
    case 'resolution': return agentReply(filler, filler.fill(atVariant(template.resolutions, variant)));
    case 'note': return internalNote(writer);
    case 'hold-note': return { kind: 'internal', authorKind: 'agent', body: filler.fillPick(holdNotes[template.category]) };
  }
}

function internalNote(writer: Writer): Omit<MessagePlan, 'offsetMinutes'> {
  const { filler, template } = writer;
  const useTemplate = !writer.templateNoteUsed && writer.random.chance(0.8);
  const text = useTemplate ? atVariant(template.notes, writer.variant) : writer.random.pick(holdNotes[template.category]);
  writer.templateNoteUsed ||= useTemplate;

  return { kind: 'internal', authorKind: 'agent', body: filler.fill(text) };
}

function customer(filler: TemplateFiller, body: string): Omit<MessagePlan, 'offsetMinutes'> {
  const signed = body.includes('\nThanks,\n') ? body : `${body}\n\n${filler.value('customer')}`;
  return { kind: 'public', authorKind: 'customer', body: signed };
}

function agentReply(filler: TemplateFiller, body: string): Omit<MessagePlan, 'offsetMinutes'> {
  return { kind: 'public', authorKind: 'agent', body: `Hi ${filler.value('customer')},\n\n${body}\n\nBest regards,\n${filler.value('agent')}\n${filler.value('product')} Support` };
}
