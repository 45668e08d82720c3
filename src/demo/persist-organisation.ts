import { hashPassword } from '../auth/index.ts';
import type { Queryable } from '../store/index.ts';
import { insertRows } from './insert.ts';
import { demoAgents, demoTeams, flattenComponents, type DemoAgent } from './organisation.ts';

export interface OrganisationIds {
  teams: Map<string, number>;
  /** Agent ids by lower-case e-mail. */
  agents: Map<string, number>;
  components: Map<string, number>;
  inserted: { teams: number; agents: number; components: number };
  /** Demo agents that already existed, whose passwords were left unchanged. */
  existingAgents: string[];
}

/** Hashes the demo password for each demo agent not yet in the database. scrypt is slow by design, so this runs before the transaction. */
export async function hashMissingAgents(db: Queryable, password: string): Promise<Map<string, string>> {
  const emails = demoAgents.map((agent) => agent.email.toLowerCase());
  const rows = await db.query<{ email: string }>('select lower(email) as email from agents where lower(email) = any($1)', [emails]);
  const existing = new Set(rows.map((row) => row.email));
  const hashes = new Map<string, string>();

  for (const agent of demoAgents) {
    if (!existing.has(agent.email.toLowerCase())) {
      hashes.set(agent.email.toLowerCase(), await hashPassword(password));
    }
  }
  return hashes;
}

/** Inserts the teams, agents and product components, keeping any that already exist. */
export async function writeOrganisation(tx: Queryable, passwordHashes: Map<string, string>, createdAt: Date): Promise<OrganisationIds> {
  const teamRows = await insertRows(tx, 'teams', ['key', 'name', 'description', 'created_at', 'updated_at'],
    demoTeams.map((team) => [team.key, team.name, team.description, createdAt, createdAt]),
    { onConflict: 'on conflict (key) do nothing', returning: 'id' });
  const teams = await mapIds(tx, 'select id, key from teams where key = any($1)', demoTeams.map((team) => team.key));

  const newAgents = demoAgents.filter((agent) => passwordHashes.has(agent.email.toLowerCase()));
  const agentRows = await insertRows(tx, 'agents', ['email', 'name', 'role', 'password_hash', 'created_at', 'updated_at'],
    newAgents.map((agent) => [agent.email, agent.name, agent.role, passwordHashes.get(agent.email.toLowerCase()), createdAt, createdAt]),
    { onConflict: 'on conflict do nothing', returning: 'id' });
  const agents = await mapIds(tx, 'select id, lower(email) as key from agents where lower(email) = any($1)', demoAgents.map((agent) => agent.email.toLowerCase()));
  await insertRows(tx, 'agent_teams', ['agent_id', 'team_id'], membershipRows(demoAgents, agents, teams), { onConflict: 'on conflict do nothing' });

  const components = await writeComponents(tx, createdAt);

  return {
    teams,
    agents,
    components: components.ids,
    inserted: { teams: teamRows.length, agents: agentRows.length, components: components.inserted },
    existingAgents: demoAgents.filter((agent) => !passwordHashes.has(agent.email.toLowerCase())).map((agent) => agent.email),
  };
}

function membershipRows(agents: DemoAgent[], agentIds: Map<string, number>, teamIds: Map<string, number>): unknown[][] {
  return agents.flatMap((agent) => agent.teams.map((team) => [agentIds.get(agent.email.toLowerCase()), teamIds.get(team)]));
}

/** Inserts the component tree level by level, because children need their parent's id. */
async function writeComponents(tx: Queryable, createdAt: Date) {
  const all = flattenComponents();
  const columns = ['key', 'name', 'description', 'parent_id', 'created_at', 'updated_at'];
  const options = { onConflict: 'on conflict (key) do nothing', returning: 'id' };

  const roots = all.filter((entry) => entry.parentKey === null);
  const insertedRoots = await insertRows(tx, 'product_components', columns,
    roots.map(({ component }) => [component.key, component.name, component.description, null, createdAt, createdAt]), options);
  const rootIds = await mapIds(tx, 'select id, key from product_components where key = any($1)', roots.map((entry) => entry.component.key));

  const children = all.filter((entry) => entry.parentKey !== null);
  const insertedChildren = await insertRows(tx, 'product_components', columns,
    children.map(({ component, parentKey }) => [component.key, component.name, component.description, rootIds.get(parentKey!), createdAt, createdAt]), options);
  const ids = await mapIds(tx, 'select id, key from product_components where key = any($1)', all.map((entry) => entry.component.key));

  return { ids, inserted: insertedRoots.length + insertedChildren.length };
}

/** Runs a query returning (id, key) rows and maps key to id. */
export async function mapIds(tx: Queryable, sql: string, keys: string[]): Promise<Map<string, number>> {
  const rows = await tx.query<{ id: number; key: string }>(sql, [keys]);
  return new Map(rows.map((row) => [row.key, row.id]));
}
