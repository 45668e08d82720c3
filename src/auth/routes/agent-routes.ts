import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context.ts';
import { requireRole } from '../../http/actor.ts';
import { createAgent, listAgents, updateAgent } from '../agents.ts';
import { agentSchema, agentWithTeamsSchema, idParamsSchema, newPasswordSchema, roleSchema } from './schemas.ts';

const createAgentBodySchema = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  password: newPasswordSchema.optional().describe('Without a password the agent cannot log in until one is set'),
});

const updateAgentBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: roleSchema.optional(),
  active: z.boolean().optional().describe('false ends the agent\'s sessions and stops its API tokens from working'),
  password: newPasswordSchema.optional().describe('A new password ends the agent\'s sessions'),
});

/** Registers the agent directory (viewer) and agent management (admin). */
export function registerAgentRoutes(app: FastifyInstance, context: AppContext) {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get('/api/v1/agents', {
    schema: {
      tags: ['agents'],
      summary: 'List agents',
      description: 'Needs the viewer role. Returns `{ items }`: every agent, active or not, with its role and teams, ordered by name.',
      response: { 200: z.object({ items: z.array(agentWithTeamsSchema) }) },
    },
  }, async (request) => {
    requireRole(request, 'viewer');

    return { items: await listAgents(context.db) };
  });

  routes.post('/api/v1/agents', {
    schema: {
      tags: ['agents'],
      summary: 'Create an agent',
      description: 'Needs the admin role and returns 201. An email that another agent already has (ignoring case) gets 409 `duplicate`. An agent created without a password cannot log in until one is set.',
      body: createAgentBodySchema,
      response: { 201: agentSchema },
    },
  }, async (request, reply) => {
    const actor = requireRole(request, 'admin');

    const agent = await createAgent(context.db, request.body, actor);
    request.log.info({ createdAgentId: agent.id }, 'agent created');

    return reply.status(201).send(agent);
  });

  routes.patch('/api/v1/agents/:id', {
    schema: {
      tags: ['agents'],
      summary: 'Update an agent',
      description: 'Needs the admin role. Changes the name, role, active flag or password. Deactivating an agent or setting a new password ends its sessions, and an inactive agent\'s API tokens stop working.',
      params: idParamsSchema,
      body: updateAgentBodySchema,
      response: { 200: agentSchema },
    },
  }, async (request) => {
    const actor = requireRole(request, 'admin');

    return updateAgent(context.db, request.params.id, request.body, actor);
  });
}
