/**
 * The trust-services HTTP server and the worker's HTTP time-stamper: a request answered over HTTP
 * gives a token the client checks; wrong method, type or size are refused before the TSA; and the
 * time-stamper fails (so the issuing activity is retried) when the TSA is unreachable or answers
 * something that is not a time-stamp reply.
 */
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoPki, Pki } from '../activities/certificates/pki';
import { createTimeStampAuthority } from '../activities/certificates/timestamp/time-stamp-authority';
import { buildTimeStampRequest, imprintOf } from '../activities/certificates/timestamp/timestamp-request';
import { httpTimeStamper, TimeStampFailure } from '../activities/certificates/timestamp/time-stamper';
import { verifyTimeStampToken } from '../activities/certificates/timestamp/timestamp-token';
import { RunningTrustServices, startTrustServices } from './server';

describe('trust-services - POST /tsa and the HTTP time-stamper', () => {
  let dir: string;
  let pki: Pki;
  let running: RunningTrustServices;
  const data = Buffer.from('a signature value');

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-trust-services-'));
    pki = await ensureDemoPki(path.join(dir, 'pki'), 'test-passphrase', { testOnlyKeyIterations: 1_000 });
    running = await startTrustServices({ tsa: createTimeStampAuthority(await pki.timeStampAuthority()), port: 0 });
  });

  afterAll(async () => {
    await running?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('time-stamps over HTTP: the token verifies for the data and chains to the root', async () => {
    const stamper = httpTimeStamper(`${running.url}/tsa`, { rootCertPems: [pki.rootCertPem] });
    const token = await stamper(imprintOf(data).hashedMessage);
    expect(verifyTimeStampToken(token, { data }, { rootCertPems: [pki.rootCertPem] })).toMatchObject({ valid: true });
  });

  it('refuses another method (405), another content type (415), more than 64 KB (413) and unknown paths (404), with a JSON error', async () => {
    const { der } = buildTimeStampRequest(imprintOf(data));
    const get = await fetch(`${running.url}/tsa`);
    expect(get.status).toBe(405);
    const json = await fetch(`${running.url}/tsa`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: 'unsupported_media_type' });
    const big = await fetch(`${running.url}/tsa`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: new Uint8Array(70 * 1024) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: 'payload_too_large' });
    const other = await fetch(`${running.url}/other`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: new Uint8Array(der) });
    expect(other.status).toBe(404);
  });

  it('makes the time-stamper fail when the TSA is unreachable or answers something else, never handing back a bad token', async () => {
    const trust = { rootCertPems: [pki.rootCertPem] };
    const imprint = imprintOf(data).hashedMessage;
    const impostor = http.createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>proxy login</html>'); });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const impostorUrl = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}/tsa`;
    try {
      await expect(httpTimeStamper(impostorUrl, trust)(imprint)).rejects.toThrow(/not application\/timestamp-reply/);
    } finally {
      impostor.closeAllConnections();
      await new Promise((resolve) => impostor.close(resolve));
    }
    await expect(httpTimeStamper(impostorUrl, trust, { timeoutMs: 2000 })(imprint)).rejects.toBeInstanceOf(TimeStampFailure);
    const otherRoot = await ensureDemoPki(path.join(dir, 'other'), 'test-passphrase', { testOnlyKeyIterations: 1_000 });
    await expect(httpTimeStamper(`${running.url}/tsa`, { rootCertPems: [otherRoot.rootCertPem] })(imprint)).rejects.toThrow(/not trusted/);
  });
});
