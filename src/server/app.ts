import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../core/context.ts';
import { errorHandler } from '../http/errors.ts';
import { registerStrictJsonParser } from '../http/body-parser.ts';
import { registerAuth } from '../auth/index.ts';
import { registerTicketRoutes } from '../tickets/index.ts';
import { registerAccountRoutes } from '../accounts/index.ts';
import { registerTeamRoutes } from '../routing/teams.ts';
import { registerComponentRoutes } from '../components/routes.ts';
import { registerVocabularyRoutes, VocabularyCache } from '../vocabularies/index.ts';
import { registerOpsRoutes } from './ops.ts';
import { registerSchemaRoutes } from './schemas.ts';
import { registerQueryRoutes } from '../query/index.ts';
import { registerWebConsole } from './web.ts';
import { registerEventRoutes } from '../events/index.ts';
import { registerHealthRoutes } from '../health/index.ts';
import { registerImpactRoutes } from '../impact/index.ts';
import { registerAssistRoutes } from '../triage/assist/index.ts';
import { registerQueryFieldRoutes, registerViewRoutes } from '../views/index.ts';
import { registerTriageRoutes } from '../triage/live/index.ts';
import { apiTags } from './api-tags.ts';
import { registerSubscriptionRoutes } from '../accounts/subscriptions-routes.ts';

export interface BuildAppOptions {
  /** Serve the built web console from web/dist when it exists. */
  serveConsole?: boolean;
}

/** Assembles the HTTP server: parsers, error mapping, auth, every capability's routes and the console. */
export async function buildApp(context: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: context.logger,
    bodyLimit: context.config.CASEBOOK_MAX_BODY_BYTES,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    },
    requestIdHeader: false,
  }) as unknown as FastifyInstance;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, details: [{ field: 'url', value: request.url.split('?')[0], fix: 'see /api/docs for the routes' }] },
    });
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerStrictJsonParser(app);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Casebook API', version: '1' },
      tags: apiTags,
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'casebook_session' },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await registerAuth(app, context);
  await registerOpsRoutes(app, context);
  const vocabularies = new VocabularyCache();
  await registerVocabularyRoutes(app, context, vocabularies);
  await registerTicketRoutes(app, context, vocabularies);
  await registerAccountRoutes(app, context, vocabularies);
  await registerTeamRoutes(app, context);
  await registerComponentRoutes(app, context);
  await registerSchemaRoutes(app);
  await registerQueryRoutes(app, context);
  await registerEventRoutes(app, context);
  await registerHealthRoutes(app, context);
  await registerImpactRoutes(app, context);
  await registerAssistRoutes(app, context);
  await registerViewRoutes(app, context, vocabularies);
  await registerQueryFieldRoutes(app, context);
  await registerTriageRoutes(app, context, vocabularies);
  await registerSubscriptionRoutes(app, context);

  if (options.serveConsole) {
    await registerWebConsole(app);
  }

  return app;
}
