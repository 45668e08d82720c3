import { z } from 'zod';

/** One schema per shape drives validation, the TypeScript types and the OpenAPI document. */

const id = z.number().int().positive();
const reference = z.object({ id, key: z.string(), name: z.string() });
const person = z.object({ id, name: z.string().nullable(), email: z.string().nullable() });
const timestamp = z.string().describe('ISO 8601 timestamp');

export const ticketSchema = z.object({
  id,
  subject: z.string(),
  status: z.string(),
  priority: z.string(),
  category: z.string().nullable(),
  channel: z.string(),
  language: z.string().nullable(),
  component: reference.nullable(),
  team: reference.nullable(),
  assignee: person.nullable(),
  account: z.object({ id, name: z.string(), tier: z.string().nullable() }).nullable(),
  requester: person.nullable(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  source: z.string(),
  externalId: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  firstResponseAt: timestamp.nullable(),
  solvedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  impactScore: z.number().nullable().describe('Business-impact score, 0 to 100; GET /api/v1/tickets/{id}/impact gives its breakdown'),
  version: z.number().int(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const attachmentSchema = z.strictObject({
  filename: z.string().min(1).max(255),
  contentType: z.string().max(255),
  size: z.number().int().nonnegative(),
  url: z.string().max(2000).optional(),
});

export const messageSchema = z.object({
  id,
  ticketId: id,
  kind: z.enum(['public', 'internal']),
  authorKind: z.enum(['customer', 'agent', 'system']),
  author: z.object({ id, name: z.string().nullable() }).nullable(),
  body: z.string(),
  channel: z.string(),
  attachments: z.array(z.unknown()),
  createdAt: timestamp,
});
export type Message = z.infer<typeof messageSchema>;

const keyOrId = z.union([z.number().int().positive(), z.string().min(1).max(100)]);
const tags = z.array(z.string().trim().min(1).max(64).regex(/^[^\s,]+$/, 'a tag has no spaces or commas')).max(50);
const subject = z.string().trim().min(1, 'a subject cannot be empty').max(500);

export const createTicketBody = z.strictObject({
  subject,
  description: z.string().min(1, 'a description cannot be empty').max(200_000),
  priority: z.string().optional(),
  category: z.string().optional(),
  channel: z.string().optional(),
  status: z.string().optional(),
  language: z.string().max(16).optional(),
  requester: z.strictObject({ email: z.email(), name: z.string().max(200).optional() }).optional(),
  requesterId: id.optional(),
  accountId: id.optional(),
  component: keyOrId.optional(),
  team: keyOrId.optional(),
  assigneeId: id.optional(),
  tags: tags.optional(),
  custom: z.record(z.string(), z.unknown()).optional(),
  externalId: z.string().max(200).optional(),
  attachments: z.array(attachmentSchema).max(50).optional(),
});
export type CreateTicketInput = z.infer<typeof createTicketBody>;

export const updateTicketBody = z.strictObject({
  version: z.number().int().positive().describe('The version you read; a mismatch returns 409'),
  subject: subject.optional(),
  status: z.string().optional(),
  priority: z.string().optional(),
  category: z.string().nullable().optional(),
  language: z.string().max(16).nullable().optional(),
  component: keyOrId.nullable().optional(),
  team: keyOrId.nullable().optional(),
  assigneeId: id.nullable().optional(),
  accountId: id.nullable().optional(),
  tags: tags.optional(),
  custom: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateTicketInput = z.infer<typeof updateTicketBody>;

export const addMessageBody = z.strictObject({
  kind: z.enum(['public', 'internal']).default('public'),
  authorKind: z.enum(['agent', 'customer']).default('agent')
    .describe('customer records a reply from the requester, as an email or portal integration would'),
  body: z.string().trim().min(1, 'a message cannot be empty').max(200_000),
  attachments: z.array(attachmentSchema).max(50).optional(),
});
export type AddMessageInput = z.infer<typeof addMessageBody>;

export const sortFields = ['created_at', 'updated_at', 'priority', 'status', 'id', 'impact'] as const;
const sortParam = z.string().regex(new RegExp(`^-?(${sortFields.join('|')})$`), `use one of ${sortFields.join(', ')}, with a leading - for descending`);
const csv = z.string().max(500);

export const listTicketsQuery = z.strictObject({
  status: csv.optional(),
  priority: csv.optional(),
  category: csv.optional(),
  channel: csv.optional(),
  component: csv.optional(),
  team: csv.optional(),
  assignee: csv.optional(),
  account: csv.optional(),
  requester: csv.optional(),
  q: z.string().max(1000).optional().describe('A ticket query (docs/query-language.md); bare words search subject and messages'),
  tz: z.string().max(64).optional().describe('IANA time zone for day boundaries in q; UTC when absent'),
  sort: sortParam.optional().describe('Default -created_at; a sort: clause in q takes precedence'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;

export const ticketListSchema = z.object({
  items: z.array(ticketSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().describe('Matching tickets, counted up to 1,000'),
  totalCapped: z.boolean().describe('True when more than 1,000 tickets match'),
});

export const ticketIdParams = z.object({ id: z.coerce.number().int().positive() });
