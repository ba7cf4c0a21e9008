/**
 * The public time-stamping authority: POST /api/public/pki/tsa goes through the API (which holds no
 * key) to the trust-services process (trust-services/main.ts, started here as npm start runs it),
 * and the reply is one openssl reads and verifies against the published root and issuing CA. Wrong
 * content types get 415 and oversize requests 413, in the API's error shape; with the trust services
 * down the API answers 503. A certificate signed with a time-stamp from that process verifies as
 * PAdES B-T on the public verify route, with the signing time.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { loadCertificateTemplate } from '../../activities/certificates/certificate-template';
import { runTool } from '../../activities/certificates/pdf-tools.test-helper';
import { renderCertificatePdf } from '../../activities/certificates/render-certificate-pdf';
import { signPdf } from '../../activities/certificates/sign-pdf';
import { httpTimeStamper } from '../../activities/certificates/timestamp/time-stamper';
import { killHard, Stack, startApi, waitFor } from '../support/harness';
import { freePort } from '../support/ports';
import { pdfForm } from '../support/pdf-form';

let trustServices: ChildProcess | undefined;
let output = '';
let stack: Stack;
let tsaUrl: string;
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-tsa-api-'));
  const port = await freePort();
  trustServices = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'trust-services', 'main.ts')], {
    env: { ...process.env, TRUST_SERVICES_PORT: String(port) }, cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  trustServices.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  trustServices.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  tsaUrl = `http://127.0.0.1:${port}/tsa`;
  await waitFor('the trust-services process to listen', async () => {
    if (trustServices!.exitCode !== null) throw new Error(`trust-services exited (${trustServices!.exitCode}): ${output}`);
    return (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok;
  }, 90_000);
  stack = await startApi(undefined, undefined, { TRUST_SERVICES_URL: `http://127.0.0.1:${port}` });
});

afterAll(async () => {
  await stack?.close();
  if (trustServices) await killHard(trustServices);
  await fs.rm(dir, { recursive: true, force: true });
});

const post = (body: Uint8Array<ArrayBuffer>, type: string) => fetch(`${stack.baseUrl}/api/public/pki/tsa`, { method: 'POST', headers: { 'content-type': type }, body });

describe('POST /api/public/pki/tsa', () => {
  it('answers an openssl time-stamp request with a reply openssl verifies against the root and the issuing CA', async () => {
    const data = path.join(dir, 'data.txt');
    await fs.writeFile(data, 'a document to time-stamp');
    const query = path.join(dir, 'q.tsq');
    expect(runTool('openssl', ['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query]).status).toBe(0);

    const res = await post(new Uint8Array(await fs.readFile(query)), 'application/timestamp-query');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/timestamp-reply');
    const reply = path.join(dir, 'r.tsr');
    await fs.writeFile(reply, Buffer.from(await res.arrayBuffer()));

    const text = runTool('openssl', ['ts', '-reply', '-in', reply, '-text']).stdout;
    expect(text).toContain('Status: Granted.');
    expect(text).toContain('Policy OID: 1.3.6.1.4.1.32473.1.2.1');
    const chain = path.join(dir, 'chain.pem');
    await fs.writeFile(chain, stack.pki.rootCertPem + stack.pki.issuingCertPem);
    const verify = runTool('openssl', ['ts', '-verify', '-data', data, '-in', reply, '-CAfile', chain]);
    expect(verify.stdout + verify.stderr).toContain('Verification: OK');
  });

  it('answers 415 for another content type and 413 for a request over 64 KB, with a JSON error', async () => {
    const wrongType = await post(new TextEncoder().encode('{"digest":"00"}'), 'application/json');
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({ error: 'unsupported_media_type', message: expect.stringContaining('application/timestamp-query') });

    const noType = await fetch(`${stack.baseUrl}/api/public/pki/tsa`, { method: 'POST' });
    expect(noType.status).toBe(415);

    const oversize = await post(new Uint8Array(65 * 1024).fill(0x30), 'application/timestamp-query');
    expect(oversize.status).toBe(413);
    expect(await oversize.json()).toMatchObject({ error: 'payload_too_large', message: expect.stringContaining('65536 bytes') });
  });

  it('passes a malformed request on to the TSA, which rejects it in a time-stamp reply (badDataFormat)', async () => {
    const res = await post(new TextEncoder().encode('not DER'), 'application/timestamp-query');
    expect(res.status).toBe(200);
    const reply = path.join(dir, 'bad.tsr');
    await fs.writeFile(reply, Buffer.from(await res.arrayBuffer()));
    expect(runTool('openssl', ['ts', '-reply', '-in', reply, '-text']).stdout).toMatch(/Status: Rejected[\s\S]*has the wrong format/);
  });

  it('signs a certificate with a time-stamp from the trust services that the public verifier reports as PAdES B-T with its time', async () => {
    const number = formatCertificateNumber({ family: 'TA', jalaliYear: 1395, sequence: 7 });
    const unsigned = await renderCertificatePdf({
      number, holder: { name: 'شرکت نمونه', nationalId: '10101234567' }, subject: { productName: 'TSA Test', productVersion: '1.0', platform: 'web' },
      issuedAt: new Date('2026-01-01T00:00:00Z'), expiresAt: new Date('2028-01-01T00:00:00Z'), verifyUrl: `http://localhost:3000/verify/${number}`, trackingNumber: 'TSA-1',
    }, loadCertificateTemplate('software-technical-approval'));
    const before = Date.now();
    const pdf = await signPdf(unsigned, await stack.pki.signerFor('TA'), httpTimeStamper(tsaUrl, { rootCertPems: [stack.pki.rootCertPem] }));
    const res = await fetch(`${stack.baseUrl}/api/public/verify`, { method: 'POST', body: pdfForm(pdf) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ signatureValid: true, chainTrusted: true, padesLevel: 'B-T', timeStamp: { valid: true, tsaSubject: expect.stringContaining('Time-Stamping Authority') } });
    expect(Date.parse(body.timeStamp.time)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('answers 503 when the trust services are down', async () => {
    const down = await startApi(undefined, undefined, { TRUST_SERVICES_URL: `http://127.0.0.1:${await freePort()}` });
    try {
      const res = await fetch(`${down.baseUrl}/api/public/pki/tsa`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: new Uint8Array([0x30, 0x00]) });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: 'unavailable' });
    } finally {
      await down.close();
    }
  });
});
