import { z } from 'zod';

const isoDate = z.iso.date();
const domain = z.string().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'use a domain such as example.com');

export const accountFields = {
  name: z.string().trim().min(1).max(200),
  externalId: z.string().max(200).nullable(),
  domains: z.array(domain).max(50),
  tier: z.string().nullable(),
  arr: z.number().nonnegative().max(1e12).nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'use an ISO 4217 code such as USD'),
  plan: z.string().max(100).nullable(),
  seats: z.number().int().nonnegative().nullable(),
  renewalDate: isoDate.nullable(),
  healthScore: z.number().min(0).max(100).nullable(),
  csmAgentId: z.number().int().positive().nullable(),
  segment: z.string().max(100).nullable(),
  region: z.string().max(100).nullable(),
  crmIds: z.record(z.string(), z.string()),
  custom: z.record(z.string(), z.unknown()),
};

export const createAccountBody = z.strictObject({
  name: accountFields.name,
  externalId: accountFields.externalId.optional(),
  domains: accountFields.domains.optional(),
  tier: accountFields.tier.optional(),
  arr: accountFields.arr.optional(),
  currency: accountFields.currency.optional(),
  plan: accountFields.plan.optional(),
  seats: accountFields.seats.optional(),
  renewalDate: accountFields.renewalDate.optional(),
  healthScore: accountFields.healthScore.optional(),
  csmAgentId: accountFields.csmAgentId.optional(),
  segment: accountFields.segment.optional(),
  region: accountFields.region.optional(),
  crmIds: accountFields.crmIds.optional(),
  custom: accountFields.custom.optional(),
});
export type CreateAccountInput = z.infer<typeof createAccountBody>;

export const updateAccountBody = createAccountBody.partial().extend({ version: z.number().int().positive() }).strict();
export type UpdateAccountInput = z.infer<typeof updateAccountBody>;

export const createContactBody = z.strictObject({
  email: z.email().optional(),
  name: z.string().trim().min(1).max(200).optional(),
  phone: z.string().max(50).optional(),
  accountId: z.number().int().positive().optional(),
  externalId: z.string().max(200).optional(),
  custom: z.record(z.string(), z.unknown()).optional(),
});
export type CreateContactInput = z.infer<typeof createContactBody>;

export const updateContactBody = createContactBody.partial().extend({ version: z.number().int().positive(), accountId: z.number().int().positive().nullable().optional() }).strict();
export type UpdateContactInput = z.infer<typeof updateContactBody>;

export const searchQuery = z.strictObject({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const idParams = z.object({ id: z.coerce.number().int().positive() });
