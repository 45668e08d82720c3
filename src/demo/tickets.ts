import type { AccountPlan, ContactPlan, Tier } from './accounts.ts';
import { atVariant, planSteps, writeMessages, type MessagePlan, type Priority, type Status } from './conversation.ts';
import { TemplateFiller } from './fill.ts';
import { demoIncidents, type DemoIncident } from './incidents.ts';
import { assignableAgents, type DemoAgent, type TeamKey } from './organisation.ts';
import type { Random } from './random.ts';
import { ticketTemplates, type Category, type TicketTemplate } from './templates.ts';
import { addDays, addMinutes, daysBetween } from './time.ts';
import { planTimeline } from './timeline.ts';

export type Channel = 'email' | 'web' | 'widget' | 'api' | 'phone' | 'chat';

export interface TicketPlan {
  externalId: string;
  subject: string;
  status: Status;
  priority: Priority;
  category: Category;
  channel: Channel;
  componentKey: string;
  teamKey: TeamKey;
  assignee: DemoAgent | null;
  account: AccountPlan;
  requester: ContactPlan;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  solvedAt: Date | null;
  closedAt: Date | null;
  messages: (MessagePlan & { agent: DemoAgent | null; contact: ContactPlan | null; createdAt: Date })[];
}

/** The history the demo covers, in days before the reference date. */
export const historyDays = 182;

/** Share of all tickets that arrive in bursts around the demo incidents. */
const incidentShare = 0.09;

const categoryWeights: Record<Category, number> = {
  question: 30, bug: 25, feature_request: 10, billing: 17, account: 15, incident: 3,
};

const priorityWeights: Record<Category, Record<Priority, number>> = {
  question: { p1: 0, p2: 5, p3: 60, p4: 35 },
  bug: { p1: 5, p2: 25, p3: 50, p4: 20 },
  feature_request: { p1: 0, p2: 0, p3: 40, p4: 60 },
  billing: { p1: 2, p2: 15, p3: 58, p4: 25 },
  account: { p1: 5, p2: 25, p3: 50, p4: 20 },
  incident: { p1: 45, p2: 40, p3: 15, p4: 0 },
};

const channelWeights: Record<Tier, Record<Channel, number>> = {
  free: { email: 40, web: 30, widget: 20, api: 2, phone: 0, chat: 8 },
  starter: { email: 45, web: 25, widget: 15, api: 4, phone: 1, chat: 10 },
  business: { email: 45, web: 22, widget: 12, api: 6, phone: 5, chat: 10 },
  enterprise: { email: 48, web: 15, widget: 5, api: 8, phone: 14, chat: 10 },
};

/** Plans every demo ticket, sorted by creation time and numbered in that order. */
export function planTickets(random: Random, now: Date, accounts: AccountPlan[], total: number, idPrefix: string): TicketPlan[] {
  const burstTotal = Math.round(total * incidentShare);
  const plans: TicketPlan[] = [];

  for (const incident of demoIncidents) {
    const count = Math.round(burstTotal * incident.share);
    for (let i = 0; i < count && plans.length < total; i += 1) {
      plans.push(planIncidentTicket(random, now, accounts, incident));
    }
  }
  while (plans.length < total) {
    plans.push(planRegularTicket(random, now, accounts));
  }

  plans.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  plans.forEach((plan, index) => {
    plan.externalId = `${idPrefix}-t-${String(index + 1).padStart(6, '0')}`;
  });
  return plans;
}

function planRegularTicket(random: Random, now: Date, accounts: AccountPlan[]): TicketPlan {
  const category = random.weighted(categoryWeights);
  const template = random.pick(ticketTemplates.filter((candidate) => candidate.category === category));
  const createdAt = sampleCreatedAt(random, now);

  return assembleTicket(random, now, { accounts, template, createdAt, extraTags: [] });
}

function planIncidentTicket(random: Random, now: Date, accounts: AccountPlan[], incident: DemoIncident): TicketPlan {
  const start = addMinutes(addDays(startOfUtcDay(now), -incident.daysAgo), incident.startHourUtc * 60);
  const end = addMinutes(start, incident.durationHours * 60);
  // Most reports arrive early in an outage, so the offset is skewed towards the start.
  const offset = Math.floor(random.next() ** 2 * (incident.durationHours * 60 + 90)) - 10;
  const createdAt = addMinutes(start, offset);

  return assembleTicket(random, now, { accounts, template: incident.template, createdAt, extraTags: [`incident-${incident.key}`], resolvedAt: end });
}

interface TicketSeed {
  accounts: AccountPlan[];
  template: TicketTemplate;
  createdAt: Date;
  extraTags: string[];
  /** When set, the ticket is solved after this time (the end of an outage). */
  resolvedAt?: Date;
}

function assembleTicket(random: Random, now: Date, seed: TicketSeed): TicketPlan {
  const { template, createdAt } = seed;
  const account = seed.accounts[random.weightedIndex(seed.accounts.map((candidate) => candidate.ticketWeight))];
  const requester = account.contacts[Math.min(account.contacts.length - 1, Math.floor(random.next() ** 2 * account.contacts.length))];
  const variant = random.int(0, Math.max(template.subjects.length, template.openings.length, template.components.length) - 1);
  const componentKey = atVariant(template.components, variant);
  const priority = shiftPriority(random, random.weighted(priorityWeights[template.category]), account.tier);
  const teamKey = routeTeam(template.category, componentKey, priority);
  const status = seed.resolvedAt ? (daysBetween(createdAt, now) > 8 ? 'closed' : 'solved') : chooseStatus(random, template.category, daysBetween(createdAt, now));
  const assignee = status === 'new' && random.chance(0.5) ? null : random.pick(assignableAgents(teamKey));
  const filler = new TemplateFiller(random, { category: template.category, contact: requester, companyName: account.name, currency: account.currency, agentName: assignee?.name ?? null, createdAt });
  if (seed.resolvedAt) {
    filler.set('resolvedTime', seed.resolvedAt.toISOString().slice(11, 16));
  }
  const messageCount = seed.resolvedAt ? random.int(2, 4) : random.weightedIndex([0, 0, 15, 25, 25, 15, 10, 6, 4]);
  const steps = planSteps(random, status, messageCount, seed.resolvedAt !== undefined);
  const messages = writeMessages(random, filler, template, variant, steps, priority);
  const timeline = planTimeline(random, { createdAt, now, status, messages, resolvedAt: seed.resolvedAt });

  return {
    externalId: '',
    subject: filler.fill(atVariant(template.subjects, variant)),
    status: timeline.status,
    priority,
    category: template.category,
    channel: random.weighted(channelWeights[account.tier]),
    componentKey,
    teamKey,
    assignee,
    account,
    requester,
    tags: chooseTags(random, template, componentKey, account, seed.extraTags),
    createdAt,
    ...timeline.times,
    messages: timeline.messages.map((message) => ({
      ...message,
      agent: message.authorKind === 'agent' ? assignee : null,
      contact: message.authorKind === 'customer' ? requester : null,
    })),
  };
}

/** Enterprise tickets are often raised one level, free-tier tickets often lowered one. */
function shiftPriority(random: Random, priority: Priority, tier: Tier): Priority {
  const order: Priority[] = ['p1', 'p2', 'p3', 'p4'];
  const index = order.indexOf(priority);
  if (tier === 'enterprise' && index > 0 && random.chance(0.3)) return order[index - 1];
  if (tier === 'free' && index < 3 && random.chance(0.4)) return order[index + 1];
  return priority;
}

function routeTeam(category: Category, componentKey: string, priority: Priority): TeamKey {
  if (category === 'billing' || componentKey.startsWith('billing')) return 'billing';
  if (category === 'incident') return 'platform';
  if (category === 'bug' && (priority === 'p1' || priority === 'p2' || /^(api|integrations)/.test(componentKey))) return 'platform';
  return 'tier1';
}

/** Picks a status: older tickets are mostly solved or closed, while recent ones are still being worked. */
function chooseStatus(random: Random, category: Category, ageDays: number): Status {
  const holdBoost = category === 'feature_request' ? 3 : 1;
  if (ageDays >= 14) {
    return random.weighted({ closed: 78, solved: 14, on_hold: 4 * holdBoost, pending: 2, open: 2 });
  }
  if (ageDays >= 4) {
    return random.weighted({ solved: 45, closed: 15, pending: 15, open: 12, on_hold: 8 * holdBoost, new: 5 });
  }
  return random.weighted({ new: 25, open: 30, pending: 20, on_hold: 5 * holdBoost, solved: 20 });
}

function chooseTags(random: Random, template: TicketTemplate, componentKey: string, account: AccountPlan, extraTags: string[]): string[] {
  const tags = [componentKey.split('.')[0], ...template.tags, ...extraTags];
  if (account.tier === 'enterprise' && random.chance(0.5)) tags.push('vip');
  if (account.health[account.health.length - 1].score < 55) tags.push('churn-risk');
  return [...new Set(tags)];
}

/** Picks a creation time: weekdays and office hours (UTC) are busier, and volume grows towards the present. */
function sampleCreatedAt(random: Random, now: Date): Date {
  const today = startOfUtcDay(now);
  for (;;) {
    const daysAgo = random.int(0, historyDays - 1);
    const day = addDays(today, -daysAgo);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    const acceptance = (0.7 + 0.3 * (1 - daysAgo / historyDays)) * (weekend ? 0.35 : 1);
    if (!random.chance(acceptance)) continue;

    const hour = random.weightedIndex([1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 8, 9, 10, 10, 9, 7, 5, 3, 2, 2, 1, 1]);
    const createdAt = addMinutes(day, hour * 60 + random.int(0, 59));
    if (createdAt.getTime() <= now.getTime() - 10 * 60_000) return createdAt;
  }
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
