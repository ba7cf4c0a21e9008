/**
 * A local stand-in for a bank's internet payment gateway (IPG), for the demo and the tests.
 * Speaks the protocol activities/payments/http-gateway.ts expects:
 *  - POST /api/orders {orderId, amount, description, callbackUrl, returnUrl} -> {redirectUrl}
 *  - GET  /pay/<token>: the pay page (pay / fail buttons, bilingual); its form posts back here,
 *    the result is signed (HMAC-SHA256) and posted to callbackUrl, and the browser is sent to returnUrl
 *  - GET  /api/orders/<orderId> -> {result: SignedResult | null} (reconciliation of a lost callback)
 *  - POST /api/orders/<orderId>/refund {refundId, amount} -> {reference}
 * The pay page's "drop the callback" box keeps the result from reaching the callback, as when a
 * real gateway's call is lost; the inquiry still knows it.
 * Orders live in memory: a restart forgets them (the demo's applicants then pay again).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GatewayStatus, type SignedResult, signResult } from '../../activities/payments/gateway';
import { payPage, donePage } from './pages';

export interface SimulatorOrder {
  orderId: string;
  token: string;
  amount: number;
  description: string;
  callbackUrl: string;
  returnUrl: string;
  result: SignedResult | null;
  refunds: Map<string, string>;
}

export interface RunningSimulator {
  url: string;
  port: number;
  secret: string;
  orders: Map<string, SimulatorOrder>;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { reject(new Error('body too large')); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = type === 'application/json' ? JSON.stringify(body) : String(body);
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
  res.end(text);
}

const isHttpUrl = (v: unknown): v is string => {
  if (typeof v !== 'string') return false;
  try { return ['http:', 'https:'].includes(new URL(v).protocol); } catch { return false; }
};

async function postCallback(order: SimulatorOrder): Promise<void> {
  await fetch(order.callbackUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(order.result),
    signal: AbortSignal.timeout(10_000),
  }).then((r) => r.arrayBuffer()).catch(() => undefined); // a real gateway does not retry forever either: reconciliation covers it
}

export async function startPaymentSimulator({ port = 0, host = '127.0.0.1', secret }: { port?: number; host?: string; secret: string }): Promise<RunningSimulator> {
  const orders = new Map<string, SimulatorOrder>();
  const byToken = new Map<string, SimulatorOrder>();
  let base = '';

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'api') {
      if (req.headers.authorization !== `Bearer ${secret}`) return send(res, 401, { error: 'merchant secret required' });
      if (req.method === 'POST' && parts.length === 2 && parts[1] === 'orders') {
        const body = JSON.parse(await readBody(req) || '{}') as Record<string, unknown>;
        const { orderId, amount, description, callbackUrl, returnUrl } = body;
        if (typeof orderId !== 'string' || !orderId || orderId.length > 100 || !Number.isSafeInteger(amount) || (amount as number) <= 0 || !isHttpUrl(callbackUrl) || !isHttpUrl(returnUrl)) {
          return send(res, 400, { error: 'orderId, amount (> 0), callbackUrl and returnUrl are required' });
        }
        let order = orders.get(orderId);
        if (!order) {
          order = { orderId, token: crypto.randomBytes(16).toString('hex'), amount: amount as number, description: typeof description === 'string' ? description.slice(0, 300) : '', callbackUrl, returnUrl, result: null, refunds: new Map() };
          orders.set(orderId, order);
          byToken.set(order.token, order);
        }
        return send(res, 200, { redirectUrl: `${base}/pay/${order.token}` });
      }
      const order = parts[1] === 'orders' && parts[2] ? orders.get(parts[2]) : undefined;
      if (req.method === 'GET' && parts.length === 3 && parts[1] === 'orders') {
        if (!order) return send(res, 404, { error: 'no such order' });
        return send(res, 200, { result: order.result });
      }
      if (req.method === 'POST' && parts.length === 4 && parts[3] === 'refund') {
        if (!order) return send(res, 404, { error: 'no such order' });
        if (order.result?.status !== 'paid') return send(res, 409, { error: 'only a paid order can be refunded' });
        const { refundId } = JSON.parse(await readBody(req) || '{}') as { refundId?: unknown };
        if (typeof refundId !== 'string' || !refundId) return send(res, 400, { error: 'refundId is required' });
        let reference = order.refunds.get(refundId) ?? [...order.refunds.values()][0];
        if (!reference) {
          reference = `RF${crypto.randomInt(10 ** 9, 10 ** 10 - 1)}`;
          order.refunds.set(refundId, reference);
        }
        return send(res, 200, { reference });
      }
      return send(res, 404, { error: 'not found' });
    }
    if (parts[0] === 'pay' && parts.length === 2) {
      const order = byToken.get(parts[1]);
      if (!order) return send(res, 404, donePage('unknown'), 'text/html');
      if (req.method === 'GET') return send(res, 200, order.result ? donePage(order.result.status) : payPage(order), 'text/html');
      if (req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const outcome = form.get('outcome');
        if (outcome !== 'paid' && outcome !== 'failed') return send(res, 400, { error: 'outcome is paid or failed' });
        if (!order.result) {
          const status: GatewayStatus = outcome;
          order.result = signResult(secret, { orderId: order.orderId, status, amount: order.amount, reference: `TR${crypto.randomInt(10 ** 9, 10 ** 10 - 1)}`, at: new Date().toISOString() });
          if (form.get('dropCallback') !== 'on') await postCallback(order);
        }
        const back = new URL(order.returnUrl);
        back.searchParams.set('payment', order.result.status);
        res.writeHead(303, { location: back.toString() });
        res.end();
        return;
      }
    }
    send(res, 404, { error: 'not found' });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 400, { error: err instanceof Error ? err.message : 'bad request' });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const actual = (server.address() as AddressInfo).port;
  base = `http://${host}:${actual}`;
  return {
    url: base,
    port: actual,
    secret,
    orders,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
