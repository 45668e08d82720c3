import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Output directory of `npm run build` (web/vite.config.ts sets root web/ and outDir dist). */
export const defaultConsoleDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const missingBuildPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Casebook</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem;">
<h1>Casebook</h1>
<p>The web console has not been built. Run <code>npm run build</code> and restart the server.</p>
<p>The REST API is available under <a href="/api/docs">/api/docs</a>.</p>
</body>
</html>
`;

/**
 * Serves the agent console from `consoleDir`. A path whose last segment has a
 * file extension is a built file (404 when missing). Any other GET outside
 * /api gets index.html, so client routes such as /tickets/42 survive a
 * reload. Files are looked up per request, so a rebuild needs no restart.
 */
export async function registerWebConsole(app: FastifyInstance, consoleDir: string = defaultConsoleDir) {
  if (!fs.existsSync(path.join(consoleDir, 'index.html'))) {
    app.log.warn({ consoleDir }, 'web console not built');
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.type('text/html; charset=utf-8').send(missingBuildPage));
    return;
  }

  // With serve: false the plugin only adds reply.sendFile, and the routes below decide what to send.
  await app.register(fastifyStatic, {
    root: consoleDir,
    serve: false,
    cacheControl: false,
    setHeaders: (response, filePath) => {
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      response.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  const sendConsole = (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0];
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return reply.callNotFound();
    }

    const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
    if (lastSegment.includes('.')) {
      // The send library rejects paths that leave the root (403 or 404), so no file outside consoleDir is sent.
      return reply.sendFile(pathname.slice(1));
    }
    return reply.sendFile('index.html');
  };

  // The console's pages are not API operations, so the OpenAPI document leaves them out.
  const pageOptions = { schema: { hide: true } };
  app.get('/', pageOptions, sendConsole);
  app.get('/*', pageOptions, sendConsole);
}
