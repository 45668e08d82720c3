import { RowProblem } from '../normalize.ts';
import type { SourceRow } from '../types.ts';
import type { AccountFieldMap, AccountTarget } from './mapping.ts';

/** An account row that passed every check; undefined fields leave the stored value unchanged. */
export interface AccountDraft {
  name: string;
  externalId?: string;
  domains?: string[];
  tier?: string;
  arr?: number;
  currency?: string;
  plan?: string;
  seats?: number;
  renewalDate?: string;
  healthScore?: number;
  segment?: string;
  region?: string;
  csmEmail?: string;
}

/** Tier keys and labels, and agent ids by lower-case email, for checking rows. */
export interface AccountLookups {
  tierKey(value: string): string | undefined;
  tierKeys: string[];
  agentId(email: string): number | undefined;
}

const currencyCodes = new Set(Intl.supportedValuesOf('currency'));
const domainPattern = /^[a-z0-9.-]+\.[a-z]{2,}$/;

function problem(field: AccountTarget, value: unknown, reason: string, fix: string): RowProblem {
  return new RowProblem({ reason, field, value, fix });
}

function cell(row: SourceRow, fields: AccountFieldMap, target: AccountTarget): string | undefined {
  const column = fields[target];
  if (!column) return undefined;
  const value = row[column];
  if (value === null || value === undefined) return undefined;
  const text = String(value).replace(/\u0000/g, '').trim();
  return text === '' ? undefined : text;
}

// Strips currency signs, spaces and thousands separators, so "$1,200,000" reads as 1200000.
function parseAmount(target: AccountTarget, text: string): number {
  const amount = Number(text.replace(/[\s$€£,]/g, ''));
  if (!Number.isFinite(amount) || amount < 0) throw problem(target, text, `invalid ${target}`, 'write a number of 0 or more, such as 120000');
  return amount;
}

function parseDate(text: string): string {
  const day = text.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    throw problem('renewalDate', text, 'invalid renewalDate', 'write the date as YYYY-MM-DD, for example 2026-03-31');
  }
  return day;
}

function parseDomains(text: string): string[] {
  const domains = [...new Set(text.split(/[;,]/).map((part) => part.trim().toLowerCase()).filter(Boolean))];
  const bad = domains.find((domain) => !domainPattern.test(domain));
  if (bad !== undefined) throw problem('domains', bad, 'invalid domain', 'write domains such as example.com, separated by ; or ,');
  return domains;
}

function numericFields(row: SourceRow, fields: AccountFieldMap, draft: AccountDraft): void {
  const arr = cell(row, fields, 'arr');
  if (arr !== undefined) draft.arr = parseAmount('arr', arr);

  const seats = cell(row, fields, 'seats');
  if (seats !== undefined) {
    draft.seats = Number(seats.replace(/[\s,]/g, ''));
    if (!Number.isInteger(draft.seats) || draft.seats < 0) throw problem('seats', seats, 'invalid seats', 'write a whole number of 0 or more');
  }

  const health = cell(row, fields, 'healthScore');
  if (health !== undefined) {
    draft.healthScore = Number(health);
    if (!Number.isFinite(draft.healthScore) || draft.healthScore < 0 || draft.healthScore > 100) {
      throw problem('healthScore', health, 'invalid healthScore', 'write a number from 0 to 100');
    }
  }
}

function referenceFields(row: SourceRow, fields: AccountFieldMap, lookups: AccountLookups, draft: AccountDraft): void {
  const tier = cell(row, fields, 'tier');
  if (tier !== undefined) {
    draft.tier = lookups.tierKey(tier);
    if (!draft.tier) throw problem('tier', tier, 'unknown tier', `use one of ${lookups.tierKeys.join(', ')}, or add the term to the tier vocabulary`);
  }

  const currency = cell(row, fields, 'currency')?.toUpperCase();
  if (currency !== undefined && !currencyCodes.has(currency)) {
    throw problem('currency', currency, 'invalid currency', 'use an ISO 4217 code such as USD or EUR');
  }
  draft.currency = currency;

  const csm = cell(row, fields, 'csmEmail');
  if (csm !== undefined) {
    if (lookups.agentId(csm) === undefined) throw problem('csmEmail', csm, 'unknown CSM', 'use the email of an existing agent, or leave the cell empty');
    draft.csmEmail = csm.toLowerCase();
  }
}

/** Checks one source row and returns its account draft; raises RowProblem naming the first bad field. */
export function toAccountDraft(row: SourceRow, fields: AccountFieldMap, lookups: AccountLookups): AccountDraft {
  const name = cell(row, fields, 'name');
  if (name === undefined) throw problem('name', row[fields.name!] ?? null, 'missing name', 'fill in the account name');
  if (name.length > 200) throw problem('name', name.slice(0, 80), 'name too long', 'shorten the name to 200 characters');

  const draft: AccountDraft = { name, externalId: cell(row, fields, 'externalId') };
  const domains = cell(row, fields, 'domains');
  if (domains !== undefined) draft.domains = parseDomains(domains);
  const renewal = cell(row, fields, 'renewalDate');
  if (renewal !== undefined) draft.renewalDate = parseDate(renewal);
  numericFields(row, fields, draft);
  referenceFields(row, fields, lookups, draft);

  for (const target of ['plan', 'segment', 'region'] as const) {
    const value = cell(row, fields, target);
    if (value !== undefined) draft[target] = value.slice(0, 100);
  }
  return draft;
}
