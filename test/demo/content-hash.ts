import crypto from 'node:crypto';
import type { Queryable } from '../../src/store/index.ts';

/**
 * Content queries of the demo tables, with every database id replaced by
 * the natural key it points to, so two databases can be compared.
 */
const contentQueries = [
  `select email, name, role from agents order by lower(email)`,
  `select a.email, t.key from agent_teams at join agents a on a.id = at.agent_id join teams t on t.id = at.team_id order by 1, 2`,
  `select c.key, c.name, p.key as parent from product_components c left join product_components p on p.id = c.parent_id order by c.key`,
  `select external_id, name, domains, tier, arr, currency, plan, seats, renewal_date, health_score, segment, region, crm_ids, created_at
     from accounts order by external_id`,
  `select a.external_id, s.product, s.plan, s.seats, s.mrr, s.currency, s.started_on, s.renews_on, s.status
     from subscriptions s join accounts a on a.id = s.account_id order by 1, 2`,
  `select a.external_id, h.score, h.components, h.computed_at
     from health_scores h join accounts a on a.id = h.account_id order by 1, 4`,
  `select c.external_id, a.external_id as account, c.email, c.name, c.phone, c.custom
     from contacts c join accounts a on a.id = c.account_id order by 1`,
  `select t.external_id, t.subject, t.status, t.priority, t.category, t.channel, t.language, pc.key as component, tm.key as team,
          ag.email as assignee, a.external_id as account, c.email as requester, t.tags, t.created_at, t.updated_at,
          t.first_response_at, t.solved_at, t.closed_at
     from tickets t
     left join product_components pc on pc.id = t.component_id
     left join teams tm on tm.id = t.team_id
     left join agents ag on ag.id = t.assignee_id
     left join accounts a on a.id = t.account_id
     left join contacts c on c.id = t.requester_id
    order by t.external_id`,
  `select t.external_id as ticket, m.external_id, m.kind, m.author_kind, ag.email as agent, c.email as contact, m.body, m.channel, m.created_at
     from messages m
     join tickets t on t.id = m.ticket_id
     left join agents ag on ag.id = m.author_agent_id
     left join contacts c on c.id = m.author_contact_id
    order by t.external_id, m.external_id`,
];

/** Hashes the content of the demo tables (SHA-256, hex), ignoring ids and password hashes. */
export async function hashDemoContent(db: Queryable): Promise<string> {
  const hash = crypto.createHash('sha256');
  for (const sql of contentQueries) {
    const rows = await db.query(sql);
    hash.update(JSON.stringify(rows));
  }
  return hash.digest('hex');
}
