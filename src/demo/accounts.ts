import { companyIndustries, companyStems, firstNames, lastNames, regions } from './names.ts';
import { productName } from './organisation.ts';
import type { Random } from './random.ts';
import { addDays, toDateString } from './time.ts';

export type Tier = 'free' | 'starter' | 'business' | 'enterprise';

interface TierProfile {
  count: number;
  arr: [number, number];
  seats: [number, number];
  contacts: [number, number];
  subscriptions: [number, number];
  plan: string;
  segment: string;
  /** Relative ticket volume of one account of this tier. */
  ticketWeight: number;
}

export const tierProfiles: Record<Tier, TierProfile> = {
  free: { count: 8, arr: [0, 0], seats: [1, 5], contacts: [2, 3], subscriptions: [1, 1], plan: 'Free', segment: 'SMB', ticketWeight: 0.4 },
  starter: { count: 14, arr: [3_000, 18_000], seats: [5, 25], contacts: [2, 6], subscriptions: [1, 2], plan: 'Starter', segment: 'SMB', ticketWeight: 0.8 },
  business: { count: 16, arr: [20_000, 95_000], seats: [25, 200], contacts: [4, 12], subscriptions: [1, 3], plan: 'Business', segment: 'Mid-market', ticketWeight: 1.3 },
  enterprise: { count: 12, arr: [100_000, 900_000], seats: [200, 3_000], contacts: [8, 20], subscriptions: [2, 3], plan: 'Enterprise', segment: 'Enterprise', ticketWeight: 2.2 },
};

/** Health components and their weights. The weights sum to 1, so a score is the weighted sum of its components. */
export const healthWeights = [
  { key: 'usage', label: 'Product usage', weight: 0.4 },
  { key: 'tickets', label: 'Support tickets', weight: 0.2 },
  { key: 'satisfaction', label: 'Satisfaction', weight: 0.25 },
  { key: 'renewal', label: 'Renewal outlook', weight: 0.15 },
] as const;

export interface HealthComponent {
  key: string;
  label: string;
  weight: number;
  value: number;
}

export interface HealthSnapshot {
  score: number;
  components: HealthComponent[];
  computedAt: Date;
}

export interface ContactPlan {
  externalId: string;
  name: string;
  firstName: string;
  email: string;
  phone: string | null;
  title: string;
}

export interface SubscriptionPlan {
  product: string;
  plan: string;
  seats: number;
  mrr: number;
  startedOn: string;
  renewsOn: string | null;
  status: 'active' | 'past_due';
}

export interface AccountPlan {
  externalId: string;
  name: string;
  domains: string[];
  tier: Tier;
  arr: number;
  currency: string;
  plan: string;
  seats: number;
  renewalDate: string | null;
  segment: string;
  region: string;
  crmIds: Record<string, string>;
  createdAt: Date;
  health: HealthSnapshot[];
  subscriptions: SubscriptionPlan[];
  contacts: ContactPlan[];
  ticketWeight: number;
}

const contactTitles = ['Head of Data', 'Analytics Engineer', 'Data Analyst', 'IT Administrator', 'Finance Manager',
  'VP Operations', 'Product Manager', 'BI Developer', 'Procurement Lead', 'Marketing Analyst'];

const addOns = [
  { product: `${productName} SSO and SCIM add-on`, share: 0.08 },
  { product: `${productName} API capacity pack`, share: 0.12 },
  { product: `${productName} mobile seats`, share: 0.05 },
];

/** Plans about 50 accounts with subscriptions, six monthly health snapshots and contacts on their domains. */
export function planAccounts(random: Random, now: Date, idPrefix: string): AccountPlan[] {
  const tiers = random.shuffle((Object.keys(tierProfiles) as Tier[]).flatMap((tier) => Array<Tier>(tierProfiles[tier].count).fill(tier)));
  const stems = random.shuffle(companyStems);

  return tiers.map((tier, index) => {
    const externalId = `${idPrefix}-acc-${String(index + 1).padStart(3, '0')}`;
    return planAccount(random, now, tier, stems[index], externalId);
  });
}

function planAccount(random: Random, now: Date, tier: Tier, stem: string, externalId: string): AccountPlan {
  const profile = tierProfiles[tier];
  const region = random.pick(regions);
  const industry = random.pick(companyIndustries);
  const name = `${stem} ${industry}${random.pick(region.suffixes)}`;
  const domain = `${stem}${industry}`.toLowerCase() + `.${region.tld}`;
  const domains = tier === 'enterprise' && random.chance(0.5) ? [domain, `${stem.toLowerCase()}-group.com`] : [domain];
  const arr = profile.arr[1] === 0 ? 0 : roundTo(random.int(profile.arr[0], profile.arr[1]), 500);
  const seats = random.int(profile.seats[0], profile.seats[1]);
  const renewalDate = tier === 'free' ? null : toDateString(addDays(now, planRenewalOffset(random)));
  const health = planHealthHistory(random, now, renewalDate);
  const crmIds: Record<string, string> = tier === 'business' || tier === 'enterprise' ? { salesforce: `0015g0000${random.int(100_000, 999_999)}AAA` } : {};

  return {
    externalId,
    name,
    domains,
    tier,
    arr,
    currency: region.currency,
    plan: `${profile.plan} (${arr > 0 && random.chance(0.8) ? 'annual' : 'monthly'})`,
    seats,
    renewalDate,
    segment: profile.segment,
    region: region.name,
    crmIds,
    createdAt: addDays(now, -random.int(200, 1_400)),
    health,
    subscriptions: planSubscriptions(random, tier, arr, seats, renewalDate, now),
    contacts: planContacts(random, profile.contacts, domains, externalId),
    ticketWeight: profile.ticketWeight * (1 + (70 - health[health.length - 1].score) / 60) * random.float(0.6, 1.4),
  };
}

/** Spreads renewals over the next 12 months, with about one in ten already past due. */
function planRenewalOffset(random: Random): number {
  return random.chance(0.1) ? -random.int(1, 45) : random.int(1, 365);
}

function planHealthHistory(random: Random, now: Date, renewalDate: string | null): HealthSnapshot[] {
  const atRisk = random.chance(0.2);
  const trend = atRisk ? random.float(-6, -1) : random.float(-2, 3);
  let base = atRisk ? random.float(45, 70) : random.float(60, 92);
  const snapshots: HealthSnapshot[] = [];

  for (let monthsAgo = 5; monthsAgo >= 0; monthsAgo -= 1) {
    const pastDue = renewalDate !== null && renewalDate < toDateString(now) && monthsAgo === 0;
    const values: Record<string, number> = {
      usage: clampScore(base + random.float(-10, 10)),
      tickets: clampScore(base + random.float(-15, 10)),
      satisfaction: clampScore(base + random.float(-8, 12)),
      renewal: clampScore(pastDue ? base - 35 : base + random.float(-10, 10)),
    };
    const components = healthWeights.map((item) => ({ ...item, value: values[item.key] }));
    const score = roundTo(components.reduce((sum, item) => sum + item.weight * item.value, 0), 0.01);

    snapshots.push({ score, components, computedAt: addDays(now, -30 * monthsAgo) });
    base += trend;
  }

  return snapshots;
}

function planSubscriptions(random: Random, tier: Tier, arr: number, seats: number, renewalDate: string | null, now: Date): SubscriptionPlan[] {
  const count = random.int(tierProfiles[tier].subscriptions[0], tierProfiles[tier].subscriptions[1]);
  const extras = random.shuffle(addOns).slice(0, count - 1);
  const extraShare = extras.reduce((sum, extra) => sum + extra.share, 0);
  const status: SubscriptionPlan['status'] = renewalDate !== null && renewalDate < toDateString(now) ? 'past_due' : 'active';
  const startedOn = renewalDate ? toDateString(addDays(new Date(`${renewalDate}T00:00:00Z`), -365)) : toDateString(addDays(now, -random.int(30, 400)));
  const main: SubscriptionPlan = {
    product: productName,
    plan: tierProfiles[tier].plan,
    seats,
    mrr: roundTo((arr * (1 - extraShare)) / 12, 0.01),
    startedOn,
    renewsOn: renewalDate,
    status,
  };
  const addOnPlans = extras.map((extra) => ({
    product: extra.product,
    plan: 'Add-on',
    seats: Math.max(1, Math.round(seats * random.float(0.1, 0.6))),
    mrr: roundTo((arr * extra.share) / 12, 0.01),
    startedOn,
    renewsOn: renewalDate,
    status,
  }));

  return [main, ...addOnPlans];
}

function planContacts(random: Random, range: [number, number], domains: string[], accountExternalId: string): ContactPlan[] {
  const count = random.int(range[0], range[1]);
  const usedEmails = new Set<string>();
  const contacts: ContactPlan[] = [];

  for (let i = 0; i < count; i += 1) {
    const firstName = random.pick(firstNames);
    const lastName = random.pick(lastNames);
    const localPart = `${firstName}.${lastName}`.toLowerCase();
    let email = `${localPart}@${random.pick(domains)}`;
    for (let suffix = 2; usedEmails.has(email); suffix += 1) {
      email = `${localPart}${suffix}@${domains[0]}`;
    }
    usedEmails.add(email);

    contacts.push({
      externalId: `${accountExternalId}-con-${String(i + 1).padStart(2, '0')}`,
      name: `${firstName} ${lastName}`,
      firstName,
      email,
      phone: random.chance(0.4) ? `+1-555-${String(random.int(100, 999))}-${String(random.int(1000, 9999))}` : null,
      title: random.pick(contactTitles),
    });
  }

  return contacts;
}

function clampScore(value: number): number {
  return Math.max(5, Math.min(100, Math.round(value)));
}

function roundTo(value: number, step: number): number {
  const factor = 1 / step;
  return Math.round(value * factor) / factor;
}
