/**
 * The minimal portal: static pages from portal/web/ (the full react-admin portal is its own issue).
 * /verify/<number> is where certificate QR codes point.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const WEB_DIR = path.resolve(__dirname, '../../web');

function page(name: string): string {
  return fs.readFileSync(path.join(WEB_DIR, name), 'utf8');
}

export async function webRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(page('index.html')));
  app.get('/verify', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(page('verify.html')));
  app.get('/verify/:number', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(page('verify.html')));
}
