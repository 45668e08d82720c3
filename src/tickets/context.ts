import type { Queryable } from '../store/index.ts';
import { assertTicketExists } from './read.ts';

export interface TicketContext {
  account: {
    id: number;
    name: string;
    tier: string | null;
    arr: number | null;
    currency: string;
    plan: string | null;
    seats: number | null;
    renewalDate: string | null;
    renewalInDays: number | null;
    healthScore: number | null;
    segment: string | null;
    region: string | null;
    openTickets: number;
  } | null;
  requester: { id: number; name: string | null; email: string | null; phone: string | null } | null;
  otherTickets: Array<{ id: number; subject: string; status: string; priority: string; createdAt: string }>;
}

/** Gathers what an agent needs beside the conversation: who the customer is and what else they have open. */
export async function getTicketContext(db: Queryable, ticketId: number, now = new Date()): Promise<TicketContext> {
  const [ticket] = await db.query<{ account_id: number | null; requester_id: number | null }>(
    'select account_id, requester_id from tickets where id = $1', [ticketId],
  );
  assertTicketExists(ticket ?? null, ticketId);

  const [account] = ticket.account_id === null ? [] : await db.query<{
    id: number; name: string; tier: string | null; arr: number | null; currency: string; plan: string | null; seats: number | null;
    renewal_date: string | null; health_score: number | null; segment: string | null; region: string | null; open_tickets: number;
  }>(
    `select a.*, (select count(*) from tickets t where t.account_id = a.id and t.status not in ('solved', 'closed'))::bigint as open_tickets
     from accounts a where a.id = $1`, [ticket.account_id],
  );
  const [requester] = ticket.requester_id === null ? [] : await db.query<{ id: number; name: string | null; email: string | null; phone: string | null }>(
    'select id, name, email, phone from contacts where id = $1', [ticket.requester_id],
  );
  const others = await db.query<{ id: number; subject: string; status: string; priority: string; created_at: Date }>(
    `select id, subject, status, priority, created_at from tickets
     where id <> $1 and (($2::bigint is not null and account_id = $2) or ($2::bigint is null and $3::bigint is not null and requester_id = $3))
     order by (status in ('solved', 'closed')), created_at desc limit 10`,
    [ticketId, ticket.account_id, ticket.requester_id],
  );

  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    account: account ? {
      id: account.id,
      name: account.name,
      tier: account.tier,
      arr: account.arr,
      currency: account.currency,
      plan: account.plan,
      seats: account.seats,
      renewalDate: account.renewal_date,
      renewalInDays: account.renewal_date ? Math.round((Date.parse(`${account.renewal_date}T00:00:00Z`) - today) / 86_400_000) : null,
      healthScore: account.health_score,
      segment: account.segment,
      region: account.region,
      openTickets: account.open_tickets,
    } : null,
    requester: requester ?? null,
    otherTickets: others.map((row) => ({ id: row.id, subject: row.subject, status: row.status, priority: row.priority, createdAt: new Date(row.created_at).toISOString() })),
  };
}
