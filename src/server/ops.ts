import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/context.ts';

// TODO: placeholder until /healthz and /metrics land.
export async function registerOpsRoutes(_app: FastifyInstance, _context: AppContext) {}
