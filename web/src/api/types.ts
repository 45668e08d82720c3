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
  /** Business-impact score, 0 to 100; null until computed. */
  impactScore: number | null;
  version: number;
}

export interface TicketPage {
  items: Ticket[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
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

export interface ImpactComponent {
  name: 'priority' | 'arr' | 'tier' | 'health' | 'renewal' | 'sla';
  weight: number;
  input: string | number | null;
  value: number | null;
  points: number;
  note?: string;
}

export interface ImpactBreakdown {
  score: number | null;
  formulaVersion: number | null;
  components: ImpactComponent[];
  computedAt: string | null;
}

export interface SavedView {
  id: number;
  name: string;
  query: string;
  sort: string | null;
  columns: string[];
  shared: boolean;
  ownerAgentId: number | null;
  version: number;
  count?: number | null;
  countCapped?: boolean;
  countError?: string;
}

export interface QueryField {
  name: string;
  kind: string;
  description: string;
  operators: string[];
  values: Array<{ value: string; label: string }>;
  sortable: boolean;
}

export interface HealthSnapshot {
  id: number;
  score: number;
  source: string;
  components: Array<Record<string, unknown>>;
  computedAt: string;
}

export interface HealthHistory {
  score: number | null;
  current: HealthSnapshot | null;
  items: HealthSnapshot[];
}

export interface AccountUsage {
  activeUsers: { days7: number; days30: number };
  events: { days7: number; previous7: number; days30: number; trend: { direction: string } };
  features: Array<{ feature: string; count7d: number; countPrevious7d: number; count30d: number; trend: { direction: string } }>;
  lastSeenAt: string | null;
}

export interface AccountEvent {
  id: number;
  type: string;
  name: string | null;
  occurredAt: string;
}
