import { z } from 'zod';
import { passwordMaxLength, passwordMinLength } from '../password.ts';

export const roleSchema = z.enum(['admin', 'agent', 'viewer']).describe('viewer reads; agent also writes tickets; admin also manages agents and tokens');

export const idParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const agentSummarySchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
});

export const agentSchema = agentSummarySchema.extend({ active: z.boolean() });

export const agentWithTeamsSchema = agentSchema.extend({
  teams: z.array(z.object({ id: z.number(), key: z.string(), name: z.string() })),
});

export const newPasswordSchema = z.string()
  .min(passwordMinLength, `use a password of at least ${passwordMinLength} characters`)
  .max(passwordMaxLength, `use a password of at most ${passwordMaxLength} characters`);

export const sessionResponseSchema = z.object({
  agent: agentSummarySchema,
  csrfToken: z.string().nullable().describe('Send as x-csrf-token on state-changing requests; null for bearer requests'),
});
