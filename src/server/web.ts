import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
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
 * Serves the agent console: its built files from `consoleDir`, and index.html
 * for any other GET outside /api so client routes such as /tickets/42 survive
 * a reload. Unknown /api paths keep the JSON 404.
 */
export async function registerWebConsole(app: FastifyInstance, consoleDir: string = defaultConsoleDir) {
  if (!fs.existsSync(path.join(consoleDir, 'index.html'))) {
    app.log.warn({ consoleDir }, 'web console not built');
    app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(missingBuildPage));
    return;
  }

  // Without the wildcard the plugin registers one route per file found at
  // start, which leaves `/*` free for the client-route fallback below.
  await app.register(fastifyStatic, {
    root: consoleDir,
    wildcard: false,
    cacheControl: false,
    setHeaders: (response, filePath) => {
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      response.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  app.get('/*', (request, reply) => {
    if (request.url === '/api' || request.url.startsWith('/api/')) {
      return reply.callNotFound();
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
