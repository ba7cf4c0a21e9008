/**
 * The portal's pages: one react-admin app (portal/app/, bundled by scripts/lib/build-web.ts into
 * portal/web/assets/build/) whose index.html is sent for `/` and every path the app draws, so a
 * reload or a bookmark lands on the same page. The process editor (portal/modeler/) is its own
 * bundle, loaded by the app's editor page. /verify/<number> is where certificate QR codes point.
 *
 * /assets/<file> serves the built app, its stylesheets and the emblem from portal/web/assets/ and nothing else:
 * a whitelist of extensions, plain names only (no `..`, no hidden files, no absolute paths, nothing
 * that resolves outside the folder, symbolic links included). /assets/fonts/ serves the Vazirmatn
 * web fonts straight from the `vazirmatn` npm package. Anything else under /assets/ is the API's 404.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { notFound } from '../plugins/errors';

const WEB_DIR = path.resolve(__dirname, '../../web');
const ASSETS_DIR = path.join(WEB_DIR, 'assets');
const VAZIRMATN_DIR = path.join(path.dirname(require.resolve('vazirmatn/package.json')), 'fonts', 'webfonts');

/** The only fonts served: /assets/fonts/<name> → the package's file. */
const FONTS: Record<string, string> = {
  'Vazirmatn-Regular.woff2': path.join(VAZIRMATN_DIR, 'Vazirmatn-Regular.woff2'),
  'Vazirmatn-Bold.woff2': path.join(VAZIRMATN_DIR, 'Vazirmatn-Bold.woff2'),
};

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
};

/** Segments of letters, digits, `.`, `_` and `-` that do not start with a dot, joined by single slashes. */
const SAFE_PATH = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** The file an asset path names, or null when it is not one that may be served. */
async function assetFile(rel: string): Promise<string | null> {
  if (!SAFE_PATH.test(rel) || !Object.hasOwn(CONTENT_TYPES, path.extname(rel))) return null;
  if (rel.startsWith('fonts/')) return Object.hasOwn(FONTS, rel.slice('fonts/'.length)) ? FONTS[rel.slice('fonts/'.length)] : null;
  try {
    const root = await fs.promises.realpath(ASSETS_DIR);
    const file = await fs.promises.realpath(path.resolve(root, rel));
    if (!file.startsWith(root + path.sep)) return null;
    return (await fs.promises.stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** The portal's one page (portal/app/index.html): the app's router draws whatever path it was opened at. */
const APP_PAGE = path.resolve(__dirname, '../../app/index.html');

/** Paths the portal app draws: words, digits and dashes between slashes (a certificate number, a tracking number, an id). */
const APP_PATH = /^\/[A-Za-z0-9_:%.-]*(\/[A-Za-z0-9_:%.-]+)*\/?$/;
/** A `.` or `..` segment: no page of the app has one, so it is a 404 rather than the app. */
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

export async function webRoutes(app: FastifyInstance): Promise<void> {
  const sendApp = async (_req: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(await fs.promises.readFile(APP_PAGE));
  app.get('/', { schema: { hide: true } }, sendApp);
  // /modeler (the earlier editor page) is the app too: it sends /modeler#/<key>[/<version>] on to /processes/edit/<key>[/<version>]
  // printed certificates carry /verify/<number> in their QR code and link: it must stay a page
  app.get('/verify', { schema: { hide: true } }, sendApp);
  app.get('/verify/:number', { schema: { hide: true } }, sendApp);
  // every other portal path (a reload on /applications/RQ-…, a bookmark) is the app too; the API's paths stay the API's
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0];
    if (url.startsWith('/api/') || url === '/api' || url.startsWith('/assets/') || !APP_PATH.test(url) || DOT_SEGMENT.test(url)) throw notFound(`no route GET ${url}`);
    return sendApp(req, reply);
  });

  app.get<{ Params: { '*': string } }>('/assets/*', { schema: { hide: true } }, async (req, reply) => {
    const rel = req.params['*'] ?? '';
    const file = await assetFile(rel);
    if (!file) throw notFound(`no asset ${JSON.stringify(rel)}`);
    const body = await fs.promises.readFile(file);
    return reply
      .type(CONTENT_TYPES[path.extname(file)])
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  });
}
