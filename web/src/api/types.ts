/** Shapes of the REST API (docs/api-contract.md) as the console reads them. */

export interface Ref {
  id: number;
  key: string;
  name: string;
}

export interface PersonRef {
  id: number;
  name: string | null;
  email: string | null;
}

export interface Agent {
  id: number;
  email: string;
  name: string;
  role: 'admin' | 'agent' | 'viewer';
}

export interface Ticket {
  id: number;
  subject: string;
  status: string;
  priority: string;
  category: string | null;
  channel: string;
  language: string | null;
  component: Ref | null;
  team: Ref | null;
  assignee: PersonRef | null;
  account: { id: number; name: string; tier: string | null } | null;
  requester: PersonRef | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TicketPage {
  items: Ticket[];
  nextCursor: string | null;
  total: number;
}

export interface Message {
  id: number;
  ticketId: number;
  kind: 'public' | 'internal';
  authorKind: 'customer' | 'agent' | 'system';
  author: { id: number; name: string | null } | null;
  body: string;
  channel: string;
  createdAt: string;
}

export interface Account {
  id: number;
  name: string;
  tier: string | null;
  arr: number | null;
  currency: string;
  renewalDate: string | null;
  healthScore: number | null;
}

export interface TicketContext {
  /** `renewalInDays` counts whole days from the server's today (UTC) to the renewal date. */
  account: (Account & { renewalInDays: number | null; openTickets: number }) | null;
  requester: PersonRef | null;
  otherTickets: Array<Pick<Ticket, 'id' | 'subject' | 'status' | 'priority' | 'createdAt'>>;
}

export interface AuditEntry {
  id: number;
  action: string;
  actorKind: 'agent' | 'token' | 'contact' | 'system' | 'import';
  actorId: number | null;
  actorName: string | null;
  /** Field changes as `{ field: [before, after] }`. */
  changes: Record<string, [unknown, unknown]>;
  createdAt: string;
}

export interface Term {
  key: string;
  label: string;
  position: number;
  active: boolean;
}

export interface Vocabularies {
  status: Term[];
  priority: Term[];
  category: Term[];
  channel: Term[];
  tier: Term[];
}

export interface Session {
  agent: Agent;
  csrfToken: string;
}

export interface ListOf<T> {
  items: T[];
}
