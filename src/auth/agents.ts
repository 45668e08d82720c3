import { AppError, notFound } from '../core/errors.ts';
import type { Db, Queryable } from '../store/index.ts';
import type { Actor, Role } from '../http/actor.ts';
import { type AuditChanges, recordAudit } from '../audit/index.ts';
import { messages } from './messages.ts';
import { assertPasswordPolicy, hashPassword } from './password.ts';

export interface AgentRecord {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
}

export interface AgentWithTeams extends AgentRecord {
  teams: Array<{ id: number; key: string; name: string }>;
}

export interface CreateAgentInput {
  email: string;
  name: string;
  role: Role;
  /** Without a password the agent cannot log in until an admin sets one. */
  password?: string;
}

export interface UpdateAgentInput {
  name?: string;
  role?: Role;
  active?: boolean;
  password?: string;
}

const agentColumns = 'id, email, name, role, active';
const uniqueViolation = '23505';

/**
 * Creates an agent, hashing its password, and records an audit entry. A taken
 * email raises duplicate. A null actor records the change as made by the system.
 */
export async function createAgent(db: Db, input: CreateAgentInput, actor: Actor | null = null): Promise<AgentRecord> {
  if (input.password !== undefined) {
    assertPasswordPolicy(input.password);
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);

  try {
    return await db.transaction(async (tx) => {
      const [agent] = await tx.query<AgentRecord>(
        `insert into agents (email, name, role, password_hash) values ($1, $2, $3, $4) returning ${agentColumns}`,
        [input.email, input.name, input.role, passwordHash],
      );
      const changes: AuditChanges = { email: [null, agent.email], name: [null, agent.name], role: [null, agent.role] };
      if (passwordHash) {
        changes.password = [null, 'set'];
      }
      await recordAudit(tx, { entity: 'agent', entityId: agent.id, action: 'create', actor, changes });

      return agent;
    });
  } catch (error) {
    if ((error as { code?: string }).code === uniqueViolation) {
      throw new AppError('duplicate', messages.duplicateEmail(input.email), [
        { field: 'email', value: input.email, fix: messages.duplicateEmailFix },
      ]);
    }
    throw error;
  }
}

/** Finds an agent by email, ignoring case, or returns null when none exists. */
export async function findAgentByEmail(db: Queryable, email: string): Promise<AgentRecord | null> {
  const [agent] = await db.query<AgentRecord>(`select ${agentColumns} from agents where lower(email) = lower($1)`, [email]);

  return agent ?? null;
}

export async function findAgentById(db: Queryable, id: number): Promise<AgentRecord | null> {
  const [agent] = await db.query<AgentRecord>(`select ${agentColumns} from agents where id = $1`, [id]);

  return agent ?? null;
}

/** Lists every agent with the teams it belongs to, ordered by name. */
export async function listAgents(db: Queryable): Promise<AgentWithTeams[]> {
  return db.query<AgentWithTeams>(
    `select a.id, a.email, a.name, a.role, a.active,
            coalesce(json_agg(json_build_object('id', t.id, 'key', t.key, 'name', t.name) order by t.name)
                     filter (where t.id is not null), '[]'::json) as teams
       from agents a
       left join agent_teams at on at.agent_id = a.id
       left join teams t on t.id = at.team_id
      group by a.id
      order by a.name, a.id`,
  );
}

/**
 * Updates an agent's name, role, active flag or password and records what
 * changed. Deactivating an agent or changing its password ends its sessions.
 */
export async function updateAgent(db: Db, id: number, input: UpdateAgentInput, actor: Actor | null = null): Promise<AgentRecord> {
  if (Object.values(input).every((value) => value === undefined)) {
    throw new AppError('invalid_input', messages.emptyPatch, [{ field: 'body', fix: messages.emptyPatchFix }]);
  }
  if (input.password !== undefined) {
    assertPasswordPolicy(input.password);
  }
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);

  return db.transaction(async (tx) => {
    const [before] = await tx.query<AgentRecord>(`select ${agentColumns} from agents where id = $1 for update`, [id]);
    if (!before) {
      throw notFound('Agent', id);
    }

    const after = { ...before, ...withoutUndefined({ name: input.name, role: input.role, active: input.active }) };
    if (before.role === 'admin' && before.active && (after.role !== 'admin' || !after.active)) {
      await assertAnotherActiveAdmin(tx, id);
    }

    const [updated] = await tx.query<AgentRecord>(
      `update agents
          set name = $2, role = $3, active = $4, password_hash = coalesce($5, password_hash),
              updated_at = now(), version = version + 1
        where id = $1
        returning ${agentColumns}`,
      [id, after.name, after.role, after.active, passwordHash ?? null],
    );
    if (!updated.active || passwordHash) {
      await tx.query('delete from sessions where agent_id = $1', [id]);
    }

    const changes = diffAgent(before, updated, passwordHash !== undefined);
    await recordAudit(tx, { entity: 'agent', entityId: id, action: 'update', actor, changes });

    return updated;
  });
}

async function assertAnotherActiveAdmin(tx: Queryable, exceptId: number) {
  const [row] = await tx.query<{ count: number }>(
    `select count(*) as count from agents where role = 'admin' and active and id <> $1`,
    [exceptId],
  );
  if (row.count === 0) {
    throw new AppError('invalid_input', messages.lastAdmin, [{ field: 'role', fix: messages.lastAdminFix }]);
  }
}

function diffAgent(before: AgentRecord, after: AgentRecord, passwordChanged: boolean): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of ['name', 'role', 'active'] as const) {
    if (before[field] !== after[field]) {
      changes[field] = [before[field], after[field]];
    }
  }
  if (passwordChanged) {
    changes.password = ['set', 'changed'];
  }

  return changes;
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
