import { productTemplates } from './templates-product.ts';
import { serviceTemplates } from './templates-service.ts';

/**
 * Ticket templates of the demo organisation. The lists of a template are
 * parallel: a ticket picks one variant index and takes the entry at that
 * index from every list. Shorter lists wrap around, so their entries must
 * fit every variant. Text may contain placeholders:
 * `{name}` takes a value fixed once per ticket (see fill.ts) and `{a|b|c}`
 * picks one of its options each time it appears.
 */

export type Category = 'question' | 'bug' | 'feature_request' | 'billing' | 'account' | 'incident';

export interface TicketTemplate {
  category: Category;
  /** Component keys, one per variant. */
  components: string[];
  subjects: string[];
  /** The customer's first message. */
  openings: string[];
  /** The agent's first public reply. */
  replies: string[];
  /** Internal notes between agents. */
  notes: string[];
  /** The agent's reply that solves the ticket. */
  resolutions: string[];
  tags: string[];
}


export const ticketTemplates: TicketTemplate[] = [...productTemplates, ...serviceTemplates];
