import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` puts the browser app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * Serves the built browser app: hashed files under /assets/ are cached for a year, everything else is
 * revalidated. Returns the fallback for client-side routes (any other GET that is not under /api/
 * gets index.html, so /a/<token> survives a reload).
 */
export async function registerWeb(
  app: FastifyInstance,
  root: string,
): Promise<((request: FastifyRequest, reply: FastifyReply) => unknown) | undefined> {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'no built web app found; run `npm run build` (npm start does it for you)');
    return undefined;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    setHeaders(res, path) {
      res.header(
        'Cache-Control',
        path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (request, reply) => {
    const accept = request.headers.accept ?? '';
    if (!accept.includes('text/html') && !accept.includes('*/*')) {
      return reply.status(404).send({ error: { code: 'not_found', message: 'not found', problems: [] } });
    }
    reply.header('Cache-Control', 'no-cache');
    return reply.type('text/html').sendFile('index.html');
  };
}
