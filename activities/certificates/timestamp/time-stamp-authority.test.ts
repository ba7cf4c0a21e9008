/**
 * The RFC 3161 TSA: requests it reads and refuses, replies OpenSSL reads and verifies (`openssl ts
 * -reply -text`, `openssl ts -verify` with the demo root and issuing CA), and the client-side check
 * of a reply (status, imprint, nonce, signature, TSA certificate, chain).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTool } from '../pdf-tools.test-helper';
import { ensureDemoPki, loadPkiCertificates, Pki, PdfSigner } from '../pki';
import { createTimeStampAuthority, TimeStampAuthority } from './time-stamp-authority';
import { buildTimeStampRequest, imprintOf, MAX_TIME_STAMP_REQUEST_BYTES, parseTimeStampRequest } from './timestamp-request';
import { checkTimeStampReply, parseTimeStampReply } from './timestamp-reply';
import { verifyTimeStampToken } from './timestamp-token';
import { extendedKeyUsageOf } from './tsa-certificate';
import { TSA_POLICY_OID } from './tsp-oids';

describe('certificates - RFC 3161 time-stamping authority', () => {
  let dir: string;
  let pki: Pki;
  let tsaSigner: PdfSigner;
  let tsa: TimeStampAuthority;
  let chainFile: string;
  let tsaFile: string;
  const data = Buffer.from('the signature value of a certificate');
  const digestHex = createHash('sha256').update(data).digest('hex');

  const write = async (name: string, content: Buffer | string): Promise<string> => {
    const file = path.join(dir, name);
    await fs.writeFile(file, content);
    return file;
  };
  const openssl = (args: string[]) => runTool('openssl', args);

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-tsa-'));
    pki = await ensureDemoPki(path.join(dir, 'pki'), 'test-passphrase', { testOnlyKeyIterations: 1_000 });
    tsaSigner = await pki.timeStampAuthority();
    tsa = createTimeStampAuthority(tsaSigner);
    chainFile = await write('chain.pem', pki.rootCertPem + pki.issuingCertPem);
    tsaFile = await write('tsa.pem', tsaSigner.certPem);
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  describe('the TSA certificate', () => {
    it('is issued by the current issuing CA, not a CA, with extendedKeyUsage timeStamping alone and critical, until the issuing CA expires', async () => {
      const cert = new X509Certificate(tsaSigner.certPem);
      const issuing = new X509Certificate(pki.issuingCertPem);
      expect(cert.subject).toContain('CN=ITO Demo Time-Stamping Authority (G1)');
      expect(cert.ca).toBe(false);
      expect(cert.checkIssued(issuing) && cert.verify(issuing.publicKey)).toBe(true);
      expect(extendedKeyUsageOf(cert)).toEqual({ purposes: ['1.3.6.1.5.5.7.3.8'], critical: true });
      expect(cert.validTo).toBe(issuing.validTo);
      const text = openssl(['x509', '-in', tsaFile, '-noout', '-text']).stdout;
      expect(text).toMatch(/X509v3 Extended Key Usage: critical\s+Time Stamping/);
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
      expect(openssl(['verify', '-CAfile', chainFile, '-purpose', 'timestampsign', tsaFile]).stdout).toContain(': OK');
    });

    it('is made once and listed, certificate only, by loadPkiCertificates', async () => {
      expect((await pki.timeStampAuthority()).certPem).toBe(tsaSigner.certPem);
      const again = await ensureDemoPki(path.join(dir, 'pki'), 'test-passphrase', { testOnlyKeyIterations: 1_000 });
      expect((await again.timeStampAuthority()).certPem).toBe(tsaSigner.certPem);
      expect((await loadPkiCertificates(path.join(dir, 'pki'))).timeStampAuthorityCertPems).toEqual([tsaSigner.certPem]);
    });
  });

  describe('requests', () => {
    it('reads a request openssl made: imprint, nonce, certReq, policy', async () => {
      const file = await write('data.bin', data);
      const query = openssl(['ts', '-query', '-data', file, '-sha256', '-cert', '-tspolicy', TSA_POLICY_OID, '-out', path.join(dir, 'q.tsq')]);
      expect(query.status).toBe(0);
      const reading = parseTimeStampRequest(await fs.readFile(path.join(dir, 'q.tsq')));
      expect(reading.ok).toBe(true);
      if (!reading.ok) return;
      expect(reading.request.imprint.hash).toBe('sha256');
      expect(reading.request.imprint.hashedMessage.toString('hex')).toBe(digestHex);
      expect(reading.request.certReq).toBe(true);
      expect(reading.request.policy).toBe(TSA_POLICY_OID);
      expect(reading.request.nonce?.length).toBeGreaterThan(0);
    });

    it('refuses SHA-1 with badAlg, garbage with badDataFormat, an oversize request with badRequest, and another policy with unacceptedPolicy', async () => {
      const file = await write('data-sha1.bin', data);
      openssl(['ts', '-query', '-data', file, '-sha1', '-out', path.join(dir, 'sha1.tsq')]);
      const sha1 = await fs.readFile(path.join(dir, 'sha1.tsq'));
      expect(parseTimeStampRequest(sha1)).toMatchObject({ ok: false, failure: 'badAlg' });
      expect(parseTimeStampRequest(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toMatchObject({ ok: false, failure: 'badDataFormat' });
      expect(parseTimeStampRequest(Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]))).toMatchObject({ ok: false, failure: 'badDataFormat' });
      expect(parseTimeStampRequest(Buffer.alloc(0))).toMatchObject({ ok: false, failure: 'badDataFormat' });
      expect(parseTimeStampRequest(Buffer.alloc(MAX_TIME_STAMP_REQUEST_BYTES + 1, 0x30))).toMatchObject({ ok: false, failure: 'badRequest' });
      const shortImprint = buildTimeStampRequest({ hash: 'sha256', hashedMessage: Buffer.alloc(20) }).der;
      expect(parseTimeStampRequest(shortImprint)).toMatchObject({ ok: false, failure: 'badDataFormat' });

      const cases: [Buffer, string][] = [
        [sha1, 'badAlg'],
        [Buffer.from('garbage'), 'badDataFormat'],
        [buildTimeStampRequest(imprintOf(data), { policy: '1.2.3.4' }).der, 'unacceptedPolicy'],
      ];
      for (const [request, failure] of cases) {
        const reply = parseTimeStampReply(tsa.respond(request));
        expect(reply).toMatchObject({ status: 2, failInfo: [failure], token: null });
      }
      const rejected = await write('rejected.tsr', tsa.respond(sha1));
      expect(openssl(['ts', '-reply', '-in', rejected, '-text']).stdout).toMatch(/Status: Rejected[\s\S]*unrecognized or unsupported algorithm/);
    });
  });

  describe('replies', () => {
    it('are read by openssl ts -reply -text and verified by openssl ts -verify against the root and issuing CA', async () => {
      const file = await write('stamped.bin', data);
      openssl(['ts', '-query', '-data', file, '-sha256', '-cert', '-out', path.join(dir, 'r.tsq')]);
      const reply = await write('r.tsr', tsa.respond(await fs.readFile(path.join(dir, 'r.tsq'))));

      const text = openssl(['ts', '-reply', '-in', reply, '-text']).stdout;
      expect(text).toContain('Status: Granted.');
      expect(text).toContain(`Policy OID: ${TSA_POLICY_OID}`);
      expect(text).toMatch(/Time stamp: \w{3} +\d+ \d\d:\d\d:\d\d(\.\d+)? \d{4} GMT/);
      expect(text).toContain('Accuracy: 0x01 seconds');
      const queryText = openssl(['ts', '-query', '-in', path.join(dir, 'r.tsq'), '-text']).stdout;
      expect(text).toContain(/Nonce: (0x[0-9A-F]+)/.exec(queryText)![1]);

      const verify = openssl(['ts', '-verify', '-digest', digestHex, '-in', reply, '-CAfile', chainFile, '-untrusted', tsaFile]);
      expect(verify.stdout + verify.stderr).toContain('Verification: OK');
      const other = openssl(['ts', '-verify', '-digest', 'aa'.repeat(32), '-in', reply, '-CAfile', chainFile, '-untrusted', tsaFile]);
      expect(other.stdout + other.stderr).toContain('Verification: FAILED');
      const againstQuery = openssl(['ts', '-verify', '-queryfile', path.join(dir, 'r.tsq'), '-in', reply, '-CAfile', chainFile]);
      expect(againstQuery.stdout + againstQuery.stderr).toContain('Verification: OK'); // the token carries its certificates (certReq)
    });

    it('pass the client check only for the request they answer, signed by a timeStamping certificate chaining to the root', async () => {
      const trust = { rootCertPems: [pki.rootCertPem] };
      const { der, request } = buildTimeStampRequest(imprintOf(data));
      const reply = tsa.respond(der);
      const check = checkTimeStampReply(reply, request, trust);
      expect(check).toMatchObject({ ok: true });
      if (!check.ok) return;
      expect(Math.abs(check.time.getTime() - Date.now())).toBeLessThan(60_000);
      expect(verifyTimeStampToken(check.token, { data }, trust)).toMatchObject({ valid: true, tsaSubject: expect.stringContaining('Time-Stamping Authority') });

      expect(checkTimeStampReply(reply, { ...request, nonce: Buffer.from([0x42]) }, trust)).toMatchObject({ ok: false, problem: expect.stringContaining('nonce') });
      expect(checkTimeStampReply(reply, { ...request, imprint: imprintOf(Buffer.from('other')) }, trust)).toMatchObject({ ok: false, problem: expect.stringContaining('imprint') });
      const otherRoot = await ensureDemoPki(path.join(dir, 'other-pki'), 'test-passphrase', { testOnlyKeyIterations: 1_000 });
      expect(checkTimeStampReply(reply, request, { rootCertPems: [otherRoot.rootCertPem] })).toMatchObject({ ok: false, problem: expect.stringContaining('not trusted') });

      const flipped = Buffer.from(check.token);
      flipped[flipped.length - 10] ^= 0x01; // inside the signature value
      expect(verifyTimeStampToken(flipped, { data }, trust)).toMatchObject({ valid: false });

      // a document signer (emailProtection + documentSigning) is no TSA
      const bySigner = createTimeStampAuthority(await pki.signerFor('TA')).respond(der);
      expect(checkTimeStampReply(bySigner, request, trust)).toMatchObject({ ok: false, problem: expect.stringContaining('timeStamping') });
    });

    it('leave out the certificates unless certReq, and the token then verifies with the TSA certificate given', () => {
      const { der, request } = buildTimeStampRequest(imprintOf(data), { certReq: false });
      const reply = parseTimeStampReply(tsa.respond(der));
      expect(verifyTimeStampToken(reply.token!, { data }, { rootCertPems: [pki.rootCertPem] })).toMatchObject({ valid: false, problem: expect.stringContaining('neither in the token') });
      expect(checkTimeStampReply(tsa.respond(der), request, { rootCertPems: [pki.rootCertPem], extraCertPems: [tsaSigner.certPem, pki.issuingCertPem] })).toMatchObject({ ok: true });
    });
  });
});
