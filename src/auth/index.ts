import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/context.ts';

// TODO: placeholder until authentication lands.
export async function registerAuth(app: FastifyInstance, _context: AppContext) {
  app.decorateRequest('actor', null);
}
