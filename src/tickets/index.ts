import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/context.ts';

export async function registerTicketRoutes(_app: FastifyInstance, _context: AppContext) {}
