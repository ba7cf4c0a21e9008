/**
 * The trust services over HTTP (node:http, nothing else): POST /tsa answers an RFC 3161
 * time-stamp request (RFC 3161 §3.4: application/timestamp-query in, application/timestamp-reply
 * out); GET /health says it is up. A refused request (wrong type, too large, not DER) gets a status
 * and a JSON error before the TSA sees it, or a TSA rejection (badAlg, badDataFormat…) in a reply.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TimeStampAuthority } from '../activities/certificates/timestamp/time-stamp-authority';
import { MAX_TIME_STAMP_REQUEST_BYTES } from '../activities/certificates/timestamp/timestamp-request';
import { TIME_STAMP_QUERY, TIME_STAMP_REPLY } from '../activities/certificates/timestamp/time-stamper';

export interface TrustServicesOptions {
  tsa: TimeStampAuthority;
  port: number;
  host?: string;
}

export interface RunningTrustServices {
  /** http://host:port, without a trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0].trim().toLowerCase();

function answerJson(res: http.ServerResponse, status: number, error: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error, message }));
}

/** The body, or null once it passed `limit` bytes (then the rest is not read). */
function readLimited(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function handleTimeStamp(tsa: TimeStampAuthority, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return answerJson(res, 405, 'method_not_allowed', 'POST a time-stamp request (application/timestamp-query)');
  }
  if (mediaTypeOf(req.headers['content-type']) !== TIME_STAMP_QUERY) {
    return answerJson(res, 415, 'unsupported_media_type', `send the DER time-stamp request as ${TIME_STAMP_QUERY}`);
  }
  const tooLarge = () => answerJson(res, 413, 'payload_too_large', `a time-stamp request is at most ${MAX_TIME_STAMP_REQUEST_BYTES} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > MAX_TIME_STAMP_REQUEST_BYTES) return tooLarge();
  const body = await readLimited(req, MAX_TIME_STAMP_REQUEST_BYTES);
  if (body === null) return tooLarge();
  const reply = tsa.respond(body);
  res.writeHead(200, { 'content-type': TIME_STAMP_REPLY, 'content-length': reply.length, 'cache-control': 'no-store' });
  res.end(reply);
}

export function startTrustServices({ tsa, port, host = '127.0.0.1' }: TrustServicesOptions): Promise<RunningTrustServices> {
  const server = http.createServer((req, res) => {
    const route = (req.url ?? '').split('?')[0];
    const done = (err?: unknown) => {
      if (!err) return;
      console.error('trust-services: request failed', err);
      if (!res.headersSent) answerJson(res, 500, 'internal_error', 'Internal Server Error');
      else res.destroy();
    };
    if (route === '/tsa') return void handleTimeStamp(tsa, req, res).then(() => done(), done);
    if (route === '/health' && req.method === 'GET') return answerJson(res, 200, 'ok', 'trust services are running');
    answerJson(res, 404, 'not_found', `no route ${req.method} ${route}`);
  });
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
        port: actual,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
