import type { ContactPlan } from './accounts.ts';
import { productName } from './organisation.ts';
import type { Random } from './random.ts';
import type { Category } from './templates.ts';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dashboards = ['Revenue overview', 'Weekly KPIs', 'Customer funnel', 'Marketing attribution', 'Ops health', 'Churn watch', 'Sales pipeline', 'Product usage'];
const endpoints = ['/v2/events', '/v2/queries', '/v2/dashboards', '/v2/users', '/v2/exports', '/v2/metrics'];
const identityProviders = ['Okta', 'Microsoft Entra ID', 'Google Workspace', 'OneLogin', 'JumpCloud'];
const devices = ['iPhone 15', 'iPhone 13', 'Pixel 8', 'Galaxy S23', 'iPad Air'];
const currencySymbols: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };
const reviewersByCategory: Record<Category, string> = {
  question: 'our engineers', bug: 'our engineers', incident: 'our engineers',
  feature_request: 'our product team', billing: 'our billing team', account: 'our security team',
};

export interface FillContext {
  category: Category;
  contact: ContactPlan;
  companyName: string;
  currency: string;
  agentName: string | null;
  createdAt: Date;
}

/**
 * Fills template placeholders for one ticket. A `{name}` keeps one value for
 * the whole ticket, so an invoice number in the subject matches the one in
 * the replies. A `{a|b}` choice is drawn anew each time it appears.
 */
export class TemplateFiller {
  private readonly values = new Map<string, string>();
  private readonly random: Random;
  private readonly context: FillContext;

  constructor(random: Random, context: FillContext) {
    this.random = random;
    this.context = context;
  }

  fill(text: string): string {
    let filled = text;

    // Innermost placeholders are replaced first, so a choice may contain a named value.
    for (let depth = 0; depth < 3 && filled.includes('{'); depth += 1) {
      filled = filled.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
        if (name.includes('|')) {
          return this.random.pick(name.split('|'));
        }
        return this.value(name);
      });
    }
    return filled;
  }

  /** Fixes a placeholder's value, for values the template cannot draw itself. */
  set(name: string, value: string) {
    this.values.set(name, value);
  }

  fillPick(options: readonly string[]): string {
    return this.fill(this.random.pick(options));
  }

  value(name: string): string {
    let value = this.values.get(name);
    if (value === undefined) {
      value = this.generate(name);
      this.values.set(name, value);
    }
    return value;
  }

  private generate(name: string): string {
    const { random, context } = this;
    const created = context.createdAt;

    switch (name) {
      case 'customer': return context.contact.firstName;
      case 'email': return context.contact.email;
      case 'company': return context.companyName;
      case 'agent': return context.agentName?.split(' ')[0] ?? 'the support team';
      case 'product': return productName;
      case 'reviewers': return reviewersByCategory[context.category];
      case 'dashboard': return random.pick(dashboards);
      case 'endpoint': return random.pick(endpoints);
      case 'idp': return random.pick(identityProviders);
      case 'device': return random.pick(devices);
      case 'plan': return random.pick(['Business', 'Enterprise']);
      case 'version': return `4.${random.int(8, 19)}`;
      case 'count': return String(random.pick([12, 25, 40, 75, 120, 250, 500, 1200, 5000]));
      case 'issue': return String(random.int(1200, 9800));
      case 'requestId': return `req_${random.int(0x10000000, 0x7fffffff).toString(16)}${random.int(0x1000, 0xffff).toString(16)}`;
      case 'invoice': return `INV-${created.getUTCFullYear()}-${String(random.int(1, 99_999)).padStart(5, '0')}`;
      case 'po': return `PO-${random.int(100_000, 999_999)}`;
      case 'amount': return formatAmount(random.int(90, 24_000), context.currency);
      case 'month': return monthNames[new Date(created.getTime() - random.int(0, 40) * 86_400_000).getUTCMonth()];
      case 'date': return formatDay(new Date(created.getTime() - random.int(1, 10) * 86_400_000));
      case 'time': return created.toISOString().slice(11, 16);
      default: throw new Error(`Demo template placeholder {${name}} not found: add it to TemplateFiller.generate`);
    }
  }
}

function formatAmount(value: number, currency: string): string {
  const symbol = currencySymbols[currency] ?? `${currency} `;
  return `${symbol}${value.toLocaleString('en-US')}.00`;
}

function formatDay(date: Date): string {
  return `${monthNames[date.getUTCMonth()]} ${date.getUTCDate()}`;
}
