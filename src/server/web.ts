import type { FastifyInstance } from 'fastify';

// TODO: placeholder until the console build is served.
export async function registerWebConsole(_app: FastifyInstance) {}
