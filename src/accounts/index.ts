import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/context.ts';

export async function registerAccountRoutes(_app: FastifyInstance, _context: AppContext) {}
