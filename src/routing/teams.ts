import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../core/context.ts';
import { AppError, notFound } from '../core/errors.ts';
import { requireRole } from '../http/actor.ts';
import { recordAudit } from '../audit/index.ts';

const teamKey = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, dash or underscore');

function toTeam(row: Record<string, unknown>) {
  return { id: row.id, key: row.key, name: row.name, description: row.description, memberIds: row.member_ids ?? [], version: row.version };
}

const teamSelect = `select t.*, coalesce((select array_agg(agent_id order by agent_id) from agent_teams where team_id = t.id), '{}') as member_ids from teams t`;

export async function registerTeamRoutes(app: FastifyInstance, context: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;

  api.get('/api/v1/teams', {
    schema: {
      tags: ['teams'],
      summary: 'List teams',
      description: 'Needs the viewer role. Returns `{ items }` ordered by name, each team with its member agent ids.',
    },
  }, async (request) => {
    requireRole(request, 'viewer');
    return { items: (await db.query(`${teamSelect} order by t.name`)).map(toTeam) };
  });

  api.post('/api/v1/teams', {
    schema: {
      tags: ['teams'],
      summary: 'Create a team',
      description: 'Needs the admin role and returns 201 with the team. A key that another team already has gets 409 `duplicate`, and an unknown agent id in `memberIds` gets 422.',
      body: z.strictObject({ key: teamKey, name: z.string().trim().min(1).max(100), description: z.string().max(1000).optional(), memberIds: z.array(z.number().int().positive()).optional() }),
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const { key, name, description, memberIds } = request.body;
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>('insert into teams (key, name, description) values ($1, $2, $3) on conflict (key) do nothing returning id', [key, name, description ?? null]);
      if (!row) throw new AppError('duplicate', `A team with key ${key} already exists`, [{ field: 'key', value: key, fix: 'choose another key' }]);
      await setMembers(tx, row.id, memberIds ?? []);
      await recordAudit(tx, { entity: 'team', entityId: row.id, action: 'created', actor, changes: { key: [null, key] } });
      return row.id;
    });
    const [row] = await db.query(`${teamSelect} where t.id = $1`, [id]);
    return reply.status(201).send(toTeam(row));
  });

  api.patch('/api/v1/teams/:id', {
    schema: {
      tags: ['teams'],
      summary: 'Update a team',
      description: 'Needs the admin role. Send only the fields to change. `memberIds` replaces the whole membership. There is no version check, so the last write wins.',
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: z.strictObject({ name: z.string().trim().min(1).max(100).optional(), description: z.string().max(1000).nullable().optional(), memberIds: z.array(z.number().int().positive()).optional() }),
    },
  }, async (request) => {
    const actor = requireRole(request, 'admin');
    const { id } = request.params;
    const { name, description, memberIds } = request.body;
    await db.transaction(async (tx) => {
      const [row] = await tx.query('update teams set name = coalesce($2, name), description = case when $4 then $3 else description end, updated_at = now(), version = version + 1 where id = $1 returning id',
        [id, name ?? null, description ?? null, description !== undefined]);
      if (!row) throw notFound('Team', id);
      if (memberIds) await setMembers(tx, id, memberIds);
      await recordAudit(tx, { entity: 'team', entityId: id, action: 'updated', actor, changes: { team: [null, request.body] } });
    });
    const [row] = await db.query(`${teamSelect} where t.id = $1`, [id]);
    return toTeam(row);
  });
}

async function setMembers(tx: import('../store/index.ts').Queryable, teamId: number, agentIds: number[]) {
  const found = await tx.query<{ id: number }>('select id from agents where id = any($1::bigint[])', [agentIds]);
  const missing = agentIds.filter((agentId) => !found.some((row) => row.id === agentId));
  if (missing.length) {
    throw new AppError('unknown_reference', `Agents ${missing.join(', ')} do not exist`, [{ field: 'memberIds', value: missing, fix: 'use agent ids from GET /api/v1/agents' }]);
  }
  await tx.query('delete from agent_teams where team_id = $1', [teamId]);
  await tx.query('insert into agent_teams (agent_id, team_id) select unnest($1::bigint[]), $2', [agentIds, teamId]);
}
