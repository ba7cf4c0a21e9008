/**
 * Local stand-ins of the external registries (the company registry, national identity, degree
 * verification), speaking the HTTP the clients in activities/inquiries/clients/ speak, with the
 * demo data of demo-data.ts. `npm start` runs it unless real registries are configured; the tests
 * run it on a free port and stop it to make a registry unreachable.
 *
 *   POST /company-registry/lookup        {nationalId}                  → {found, name, status, registeredAt, directors}
 *   POST /national-identity/match        {nationalId, mobile}          → {match}
 *   POST /degree-verification/verify     {nationalId, degree, fieldOfStudy?} → {verified, degrees}
 *   GET  /health                                                       → {ok: true}
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { COMPANIES, DEGREES, MOBILES } from './demo-data';

const MAX_BODY = 16 * 1024;

type Body = Record<string, unknown>;
type Handler = (body: Body) => { status: number; json: unknown };

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 200 ? v.trim() : undefined);
const digits = (v: string): string => v.replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660)).replace(/[\s-]/g, '');
const bad = (error: string) => ({ status: 400, json: { error } });

const ROUTES: Record<string, Handler> = {
  '/company-registry/lookup': (body) => {
    const nationalId = text(body.nationalId);
    if (!nationalId) return bad('nationalId (text) is required');
    const company = COMPANIES.find((c) => c.nationalId === digits(nationalId));
    return { status: 200, json: company ? { found: true, ...company } : { found: false } };
  },
  '/national-identity/match': (body) => {
    const nationalId = text(body.nationalId);
    const mobile = text(body.mobile);
    if (!nationalId || !mobile) return bad('nationalId and mobile (text) are required');
    const own = MOBILES[digits(nationalId)];
    return { status: 200, json: { match: own !== undefined && own === digits(mobile).replace(/^(\+98|0098)/, '0') } };
  },
  '/degree-verification/verify': (body) => {
    const nationalId = text(body.nationalId);
    const degree = text(body.degree);
    const field = body.fieldOfStudy === undefined ? undefined : text(body.fieldOfStudy);
    if (!nationalId || !degree || (body.fieldOfStudy !== undefined && field === undefined)) return bad('nationalId and degree (text) are required; fieldOfStudy is text when given');
    const degrees = DEGREES[digits(nationalId)] ?? [];
    const verified = degrees.some((d) => d.degree === degree && (field === undefined || d.fieldOfStudy === field));
    return { status: 200, json: { verified, degrees } };
  },
};

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) { resolve(undefined); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

function send(res: http.ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(json));
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === '/health') return send(res, 200, { ok: true });
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  if (!route) return send(res, 404, { error: `no ${path}` });
  if (req.method !== 'POST') return send(res, 405, { error: 'POST a JSON body' });
  const raw = await readBody(req);
  if (raw === undefined) return send(res, 413, { error: `the body is over ${MAX_BODY} bytes` });
  let body: unknown;
  try { body = JSON.parse(raw); } catch { return send(res, 400, { error: 'the body is not JSON' }); }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return send(res, 400, { error: 'the body is a JSON object' });
  const { status, json } = route(body as Body);
  send(res, status, json);
}

export interface RunningRegistrySimulator {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the simulator (port 0: any free port). */
export function startRegistrySimulator(options: { port?: number; host?: string } = {}): Promise<RunningRegistrySimulator> {
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => { if (!res.headersSent) send(res, 500, { error: 'simulator failure' }); });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}`,
        port,
        stop: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}
