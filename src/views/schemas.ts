import { z } from 'zod';
import { sortFields } from '../tickets/index.ts';

/** Columns the console queue can show; a view lists the ones it shows, in order. */
export const viewColumns = ['id', 'subject', 'status', 'priority', 'impact', 'account', 'tier', 'assignee', 'team', 'category', 'component', 'created', 'updated'] as const;

const sortPattern = new RegExp(`^-?(${sortFields.join('|')})$`);

const name = z.string().trim().min(1, 'a view name cannot be empty').max(100);
const query = z.string().max(1000).describe('A ticket query; see docs/query-language.md');
const sort = z.string().regex(sortPattern, `use one of ${sortFields.join(', ')}, with a leading - for descending`).nullable();
const columns = z.array(z.enum(viewColumns)).max(viewColumns.length);

export const createViewBody = z.strictObject({
  name,
  query: query.default(''),
  sort: sort.optional(),
  columns: columns.optional(),
  shared: z.boolean().default(false).describe('Shared views are visible to every agent; only admins create them'),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CreateViewInput = z.infer<typeof createViewBody>;

export const updateViewBody = z.strictObject({
  version: z.number().int().positive().describe('The version you read; a mismatch returns 409'),
  name: name.optional(),
  query: query.optional(),
  sort: sort.optional(),
  columns: columns.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type UpdateViewInput = z.infer<typeof updateViewBody>;

export const listViewsQuery = z.strictObject({
  counts: z.enum(['true', 'false']).default('false').describe('true adds each view\'s matching ticket count, capped at 1,000'),
  tz: z.string().max(64).refine(isTimeZone, 'use an IANA time zone such as Europe/Paris').optional()
    .describe('IANA time zone for day boundaries in the counted queries; UTC when absent'),
});

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const viewIdParams = z.object({ id: z.coerce.number().int().positive() });

export interface SavedView {
  id: number;
  name: string;
  query: string;
  sort: string | null;
  columns: string[];
  shared: boolean;
  ownerAgentId: number | null;
  position: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Matching tickets up to the cap, when counts were requested; null when the stored query no longer compiles. */
  count?: number | null;
  countCapped?: boolean;
  countError?: string;
}
