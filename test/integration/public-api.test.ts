/**
 * The public and protected doors of the API refuse bad input with clear 4xx answers: unknown or
 * mistyped certificate numbers, uploads that are not PDFs or too large, calls without a login;
 * and the revocation data it serves (CRLs, OCSP, CA certificates), checked with openssl.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApiClient, Stack, startApi, useApi } from '../support/harness';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { loadCertificateTemplate } from '../../activities/certificates/certificate-template';
import { ensureDemoPki, PdfSigner, rotateIssuingCa } from '../../activities/certificates/pki';
import { createRevocationPublisher } from '../../activities/certificates/revocation/publish';
import { revokeCertificate } from '../../activities/certificates/revocation/revoke';
import { renderCertificatePdf } from '../../activities/certificates/render-certificate-pdf';
import { signPdf } from '../../activities/certificates/sign-pdf';
import { pdfForm } from '../support/pdf-form';

const api = useApi();

const upload = (bytes: Uint8Array, field = 'file', type = 'application/pdf'): FormData => pdfForm(bytes, 'upload.pdf', { field, type });

describe('public certificate lookup', () => {
  it('answers 404 for a well-formed number that was never issued', async () => {
    const unknown = formatCertificateNumber({ family: 'TA', jalaliYear: 1399, sequence: 999999 });
    const res = await api.anonymous.get(`/api/public/certificates/${unknown}`);
    expect(res.status).toBe(404);
    expect(res.body.message).toContain(unknown);
  });

  it('answers 400 when the check character shows a typo, before any lookup', async () => {
    const good = formatCertificateNumber({ family: 'TA', jalaliYear: 1405, sequence: 42 });
    const typo = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    const res = await api.anonymous.get(`/api/public/certificates/${typo}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/check/i);
  });

  it('answers 400 for text that is not a certificate number', async () => {
    const res = await api.anonymous.get('/api/public/certificates/hello-world');
    expect(res.status).toBe(400);
  });
});

describe('published CA certificates', () => {
  it('publishes the root and the issuing CA as PEM with their fingerprints, without a login', async () => {
    const res = await api.anonymous.get('/api/public/ca');
    expect(res.status).toBe(200);
    expect(res.body.roots).toHaveLength(1);
    expect(res.body.issuing).toHaveLength(1);
    const root = new X509Certificate(res.body.roots[0].pem);
    const issuing = new X509Certificate(res.body.issuing[0].pem);
    expect(root.fingerprint256).toBe(new X509Certificate(api.stack.pki.rootCertPem).fingerprint256);
    expect(res.body.roots[0].sha256Fingerprint).toBe(root.fingerprint256);
    expect(issuing.verify(root.publicKey)).toBe(true);
    expect(issuing.checkIssued(root)).toBe(true);
  });
});

describe('published CA certificates after an issuing-CA rotation', () => {
  it('lists the new issuing CA first and keeps the earlier one, and the verifier trusts PDFs signed under either', async () => {
    const pkiDir = path.join(process.env.TEST_RUN_DIR!, 'rotated', 'pki');
    const passphrase = process.env.PKI_PASSPHRASE!;
    const template = loadCertificateTemplate('software-technical-approval');
    const sign = async (signer: Parameters<typeof signPdf>[1], sequence: number) => {
      const number = formatCertificateNumber({ family: 'TA', jalaliYear: 1398, sequence });
      const pdf = await renderCertificatePdf({
        number, holder: { name: 'شرکت نرم‌افزاری نمونه پارس', nationalId: '10101234567' },
        subject: { productName: 'Rotation Test', productVersion: '1.0', platform: 'web' },
        issuedAt: new Date('2026-01-01T00:00:00Z'), expiresAt: new Date('2028-01-01T00:00:00Z'),
        verifyUrl: `http://localhost:3000/verify/${number}`, trackingNumber: `ROT-${sequence}`,
      }, template);
      return signPdf(pdf, signer, null);
    };
    const first = await ensureDemoPki(pkiDir, passphrase);
    const signedBefore = await sign(await first.signerFor('TA'), 1);
    // the root key that the creation put offline, brought in for the rotation
    const rotated = await rotateIssuingCa(pkiDir, passphrase, { families: ['TA'], rootKeyFile: first.offlineRootKeyFile });
    const signedAfter = await sign(await rotated.signerFor('TA'), 2);

    // the API never decrypts a key: a wrong PKI passphrase, or none (demo mode then makes up one), changes nothing for it
    for (const pkiPassphrase of ['not-the-pki-passphrase', '']) {
      const api = await startApi(undefined, undefined, { PKI_DIR: pkiDir, PKI_PASSPHRASE: pkiPassphrase });
      try {
        const client = new ApiClient(api.baseUrl);
        const res = await client.get('/api/public/ca');
        expect(res.status).toBe(200);
        expect(res.body.roots).toHaveLength(1);
        const root = new X509Certificate(res.body.roots[0].pem);
        expect(root.fingerprint256).toBe(new X509Certificate(first.rootCertPem).fingerprint256);
        const issuing = (res.body.issuing as { pem: string; subject: string; sha256Fingerprint: string }[]).map((ca) => new X509Certificate(ca.pem));
        expect(issuing.map((c) => c.fingerprint256)).toEqual([rotated.issuingCertPem, first.issuingCertPem].map((pem) => new X509Certificate(pem).fingerprint256));
        expect(res.body.issuing[0].subject).toContain('CN=ITO Demo Issuing CA G2');
        for (const ca of issuing) expect(ca.checkIssued(root) && ca.verify(root.publicKey)).toBe(true);

        for (const pdf of [signedBefore, signedAfter]) {
          const verified = await client.post('/api/public/verify', upload(new Uint8Array(pdf)));
          expect(verified.status).toBe(200);
          expect(verified.body).toMatchObject({ signatureValid: true, chainTrusted: true, status: 'unknown' }); // never issued, so no record
        }
      } finally {
        await api.close();
      }
    }
  });
});

describe('the public register', () => {
  const YEAR = 1399; // a year no other test issues in
  const issued: string[] = [];

  beforeAll(async () => {
    const { db } = api.stack;
    const definition = await db.processDefinition.findFirstOrThrow({ where: { key: 'software-technical-approval' } });
    const applicant = await db.user.findUniqueOrThrow({ where: { username: 'applicant' } });
    const rows = [
      { holderName: 'شرکت ثبت عمومی الف', holderNationalId: '14000000001', product: 'سامانه بایگانی ثبت', status: 'valid', expires: '2099-01-01' },
      { holderName: 'شرکت ثبت عمومی ب', holderNationalId: '14000000002', product: 'Register Mail Gateway', status: 'revoked', expires: '2099-01-01' },
      { holderName: 'شرکت ثبت عمومی ب', holderNationalId: '14000000002', product: 'Register Old Product', status: 'valid', expires: '2001-01-01' },
      { holderName: 'شرکت ثبت عمومی پ', holderNationalId: '14000000003', product: 'Register Pending', status: 'pending', expires: '2099-01-01' },
    ];
    for (const [i, row] of rows.entries()) {
      const trackingNumber = `REG-TEST-${i}`;
      const application = await db.application.create({
        data: {
          trackingNumber, definitionId: definition.id, processKey: definition.key, processVersion: definition.version,
          organisationId: applicant.organisationId!, applicantId: applicant.id, status: 'completed', submittedData: '{}',
        },
      });
      const number = formatCertificateNumber({ family: 'TA', jalaliYear: YEAR, sequence: 900 + i });
      await db.certificate.create({
        data: {
          number, issuanceKey: `${trackingNumber}/issue`, family: 'software-technical-approval', familyCode: 'TA', jalaliYear: YEAR, sequence: 900 + i,
          applicationId: application.id, holderName: row.holderName, holderNationalId: row.holderNationalId,
          subject: JSON.stringify({ productName: row.product }), status: row.status,
          issuedAt: new Date(Date.UTC(2020, 0, 1 + i)), expiresAt: new Date(row.expires),
          ...(row.status === 'pending' ? {} : { pdf: Buffer.from('%PDF-1.7 test'), pdfSha256: 'ab'.repeat(32) }),
        },
      });
      issued.push(number);
    }
  });

  it('searches by holder name, national ID, product and number, newest first, never showing certificates still being issued', async () => {
    const byName = await api.anonymous.get(`/api/public/certificates?q=${encodeURIComponent('شرکت ثبت عمومی')}`);
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((c: { number: string }) => c.number)).toEqual([issued[2], issued[1], issued[0]]);
    expect(byName.body.total).toBe(3);
    expect((await api.anonymous.get('/api/public/certificates?q=14000000002')).body.total).toBe(2);
    expect((await api.anonymous.get('/api/public/certificates?q=Mail%20Gateway')).body.items[0]).toMatchObject({ number: issued[1], status: 'revoked', holder: { nationalId: '14000000002' } });
    expect((await api.anonymous.get(`/api/public/certificates?q=${issued[0].toLowerCase()}`)).body.items.map((c: { number: string }) => c.number)).toEqual([issued[0]]);
    expect((await api.anonymous.get('/api/public/certificates?q=Register%20Pending')).body.total).toBe(0);
  });

  it('filters by status (expired is told apart from valid by date) and family, and pages', async () => {
    const q = `q=${encodeURIComponent('شرکت ثبت عمومی')}`;
    expect((await api.anonymous.get(`/api/public/certificates?${q}&status=expired`)).body.items.map((c: { number: string }) => c.number)).toEqual([issued[2]]);
    expect((await api.anonymous.get(`/api/public/certificates?${q}&status=valid`)).body.items.map((c: { number: string }) => c.number)).toEqual([issued[0]]);
    expect((await api.anonymous.get(`/api/public/certificates?${q}&family=cloud-provider-profile`)).body.total).toBe(0);
    const page2 = await api.anonymous.get(`/api/public/certificates?${q}&pageSize=2&page=2`);
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items.map((c: { number: string }) => c.number)).toEqual([issued[0]]);
  });

  it('refuses bad query parameters with 400', async () => {
    for (const query of ['pageSize=1000', 'page=0', 'status=lost', 'family=NOT%20A%20FAMILY', 'q=', 'sort=holder', `q=${'x'.repeat(101)}`]) {
      const res = await api.anonymous.get(`/api/public/certificates?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
    }
  });
});

describe('rate limits on the public doors', () => {
  it('answers 429 with a clear message and Retry-After once a client exceeds its limit, and limits only that door group', async () => {
    const limited = await startApi(undefined, { lookupsPerMinute: 3, uploadsPerMinute: 1 });
    try {
      // the counts are in the database, shared with this file's other API: its calls are not this one's
      await limited.db.rateLimitWindow.deleteMany();
      const client = new ApiClient(limited.baseUrl);
      for (let i = 0; i < 3; i++) expect((await client.get('/api/public/ca')).status).toBe(200);
      const refused = await fetch(`${limited.baseUrl}/api/public/ca`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await refused.json()).toMatchObject({ error: 'too_many_requests', message: expect.stringMatching(/too many requests: at most 3 per 1 minute/) });
      // routes that need a login are not limited by the public limits
      for (let i = 0; i < 5; i++) expect((await client.get('/api/definitions')).status).toBe(401);
      const form = () => pdfForm(new TextEncoder().encode('not a pdf'), 'x.pdf', { type: 'text/plain' });
      expect((await client.post('/api/public/verify', form())).status).toBe(415);
      expect((await client.post('/api/public/verify', form())).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('public verification upload', () => {
  it('refuses a file that is not a PDF with 415', async () => {
    const res = await api.anonymous.post('/api/public/verify', upload(new TextEncoder().encode('just some text, not a pdf'), 'file', 'text/plain'));
    expect(res.status).toBe(415);
    expect(res.body.message).toMatch(/not a PDF/);
  });

  it('refuses an upload in the wrong field, and a request without a file', async () => {
    expect((await api.anonymous.post('/api/public/verify', upload(new TextEncoder().encode('%PDF-1.7'), 'document'))).status).toBe(400);
    expect((await api.anonymous.post('/api/public/verify', { file: 'x' })).status).toBe(415);
  });

  it('refuses a file over 10 MB with 413', async () => {
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    const res = await api.anonymous.post('/api/public/verify', upload(big));
    expect(res.status).toBe(413);
  });

  it('reports a PDF that carries no signature as not valid, without failing', async () => {
    const res = await api.anonymous.post('/api/public/verify', upload(new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF')));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ signatureValid: false, hashMatchesRecord: false, status: 'unknown' });
    expect(res.body.verdict.en).toMatch(/not valid/);
  });
});

describe('authentication', () => {
  it('refuses protected routes without a token, or with a forged one', async () => {
    expect((await api.anonymous.get('/api/tasks')).status).toBe(401);
    expect((await new ApiClient(api.stack.baseUrl, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl').get('/api/applications')).status).toBe(401);
  });

  it('refuses a wrong password with 401 and a missing field with 400', async () => {
    expect((await api.anonymous.post('/api/auth/login', { username: 'admin', password: 'wrong' })).status).toBe(401);
    expect((await api.anonymous.post('/api/auth/login', { username: 'admin' })).status).toBe(400);
  });

  it('keeps applicants out of reviewer-only and admin-only actions', async () => {
    const applicant = await api.anonymous.login('applicant');
    expect((await applicant.post('/api/definitions', { xml: '<x/>' })).status).toBe(403);
    const reviewer = await api.anonymous.login('reviewer1');
    expect((await reviewer.post('/api/applications', { processKey: 'software-technical-approval', data: {} })).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('publishes the API description with the public endpoints', async () => {
    const res = await api.anonymous.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/public/certificates/{number}', '/api/public/verify', '/api/auth/login', '/api/tasks/{taskId}/complete']));
  });
});

describe('revocation data served by the API (CRL, OCSP, CA certificates), judged by openssl', () => {
  const run = promisify(execFile);
  /** openssl without blocking this process: the API answering it runs here. */
  const openssl = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run('openssl', args, { timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const failed = err as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  };
  let dir: string;
  let pkiDir: string;
  let server: Stack;
  let signer: PdfSigner;
  let files: { chain: string; issuing: string; signer: string };
  let passphrase: string;
  const ocspUrl = () => `${server.baseUrl}/api/public/pki/ocsp`;
  const postOcsp = (body: Uint8Array<ArrayBuffer>, type = 'application/ocsp-request') =>
    fetch(ocspUrl(), { method: 'POST', headers: { 'content-type': type }, body });
  const ocspStatus = async (res: Response) => (await res.arrayBuffer().then((b) => Buffer.from(b)));

  beforeAll(async () => {
    dir = path.join(process.env.TEST_RUN_DIR!, 'revocation');
    pkiDir = path.join(dir, 'pki');
    passphrase = process.env.PKI_PASSPHRASE!;
    await ensureDemoPki(pkiDir, passphrase); // as set-up does, before the API starts
    server = await startApi(undefined, undefined, { PKI_DIR: pkiDir });
    // the signer is made on first use, naming the URLs of the API that now runs
    const pki = await ensureDemoPki(pkiDir, passphrase, { publicBaseUrl: server.baseUrl });
    signer = await pki.signerFor('TA');
    await createRevocationPublisher(pkiDir, { passphrase }).publish();
    files = { chain: path.join(dir, 'chain.pem'), issuing: path.join(dir, 'issuing.pem'), signer: path.join(dir, 'signer.pem') };
    await fs.writeFile(files.chain, pki.rootCertPem + pki.issuingCertPem);
    await fs.writeFile(files.issuing, pki.issuingCertPem);
    await fs.writeFile(files.signer, signer.certPem);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('serves the issuing CA at the caIssuers URL and a CRL that verifies at the CRL distribution point the signer names', async () => {
    const text = (await openssl('x509', '-in', files.signer, '-noout', '-text')).stdout;
    const caIssuers = /CA Issuers - URI:(\S+)/.exec(text)?.[1];
    const crlUrl = /CRL Distribution Points:\s+Full Name:\s+URI:(\S+)/.exec(text)?.[1];
    expect(caIssuers).toBe(`${server.baseUrl}/api/public/pki/certs/g1.crt`);
    expect((await openssl('x509', '-in', files.signer, '-noout', '-ocsp_uri')).stdout.trim()).toBe(ocspUrl());

    const cert = await fetch(caIssuers!);
    expect(cert.status).toBe(200);
    expect(cert.headers.get('content-type')).toBe('application/pkix-cert');
    const fetched = new X509Certificate(Buffer.from(await cert.arrayBuffer()));
    expect(fetched.fingerprint256).toBe(new X509Certificate(await fs.readFile(files.issuing, 'utf8')).fingerprint256);
    expect(new X509Certificate(signer.certPem).checkIssued(fetched)).toBe(true);

    const crl = await fetch(crlUrl!);
    expect(crl.status).toBe(200);
    expect(crl.headers.get('content-type')).toBe('application/pkix-crl');
    await fs.writeFile(path.join(dir, 'g1.crl'), Buffer.from(await crl.arrayBuffer()));
    const checked = await openssl('crl', '-in', path.join(dir, 'g1.crl'), '-inform', 'DER', '-CAfile', files.chain, '-noout');
    expect(checked.stderr).toMatch(/verify OK/);
    const root = await fetch(`${server.baseUrl}/api/public/pki/crl/root.crl`);
    expect(root.status).toBe(200);
    for (const missing of ['g9.crl', 'root.crt', '..%2Fcurrent.crl', 'x.crl']) expect((await fetch(`${server.baseUrl}/api/public/pki/crl/${missing}`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/api/public/pki/certs/root.crt`)).status).toBe(200);
  });

  it('answers openssl ocsp good, then revoked with the reason once the signer is revoked; the verifier then reports the signer revoked', async () => {
    const ask = () => openssl('ocsp', '-issuer', files.issuing, '-cert', files.signer, '-url', ocspUrl(), '-CAfile', files.chain, '-resp_text', '-no_nonce');
    const good = await ask();
    expect(good.stderr).toContain('Response verify OK');
    expect(good.stdout).toContain(`${files.signer}: good`);

    const template = loadCertificateTemplate('software-technical-approval');
    const number = formatCertificateNumber({ family: 'TA', jalaliYear: 1397, sequence: 77 });
    const pdf = await signPdf(await renderCertificatePdf({
      number, holder: { name: 'شرکت نمونه ابطال', nationalId: '10101234567' },
      subject: { productName: 'Revocation Test', productVersion: '1.0', platform: 'web' },
      issuedAt: new Date(), expiresAt: new Date(Date.now() + 365 * 86_400_000),
      verifyUrl: `${server.baseUrl}/verify/${number}`, trackingNumber: 'REV-1',
    }, template, { signingTime: new Date(Date.now() - 60_000) }), signer, null); // B-B: the revocation is compared with the claimed /M, a minute ago
    const client = new ApiClient(server.baseUrl);
    expect((await client.post('/api/public/verify', upload(new Uint8Array(pdf)))).body.signerRevocation).toEqual({ status: 'good', source: 'crl' });

    // what `npm run pki -- revoke --family TA --reason keyCompromise` does
    await revokeCertificate(pkiDir, { passphrase }, { target: { family: 'TA' }, reason: 'keyCompromise' });
    const revoked = await ask();
    expect(revoked.stderr).toContain('Response verify OK');
    expect(revoked.stdout).toContain(`${files.signer}: revoked`);
    expect(revoked.stdout).toMatch(/Reason: keyCompromise/);

    const verified = await client.post('/api/public/verify', upload(new Uint8Array(pdf)));
    expect(verified.body).toMatchObject({ signatureValid: true, chainTrusted: true, signerRevocation: { status: 'revoked', reason: 'keyCompromise', revokedAfterSigning: true, signingTimeFrom: 'signature-dictionary', source: 'crl' } });
    expect(verified.body.verdict.en).toMatch(/not valid: its signer's certificate was revoked on \d{4}-\d{2}-\d{2} \(keyCompromise\)/);
    expect(verified.body.verdict.fa).toMatch(/ابطال شده است/);
  });

  it('answers the GET form (RFC 6960 A.1) as the POST form', async () => {
    const requestFile = path.join(dir, 'request.der');
    await openssl('ocsp', '-issuer', files.issuing, '-cert', files.signer, '-reqout', requestFile, '-no_nonce');
    const request = await fs.readFile(requestFile);
    const viaGet = await fetch(`${ocspUrl()}/${encodeURIComponent(request.toString('base64'))}`);
    expect(viaGet.status).toBe(200);
    expect(viaGet.headers.get('content-type')).toBe('application/ocsp-response');
    const viaPost = await postOcsp(new Uint8Array(request));
    expect(await ocspStatus(viaGet)).toEqual(await ocspStatus(viaPost));
  });

  it('answers garbage with malformedRequest, an issuer or serial it does not serve with unauthorized, oversize with 413 and a wrong type with 415; never a 500', async () => {
    const MALFORMED = Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x01]);
    const UNAUTHORIZED = Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x06]);
    for (const garbage of [Buffer.from('hello'), Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), Buffer.alloc(1000, 0x30)]) {
      const res = await postOcsp(new Uint8Array(garbage));
      expect(res.status).toBe(200);
      expect(await ocspStatus(res)).toEqual(MALFORMED);
    }
    expect(await ocspStatus(await fetch(`${ocspUrl()}/not-base64!`))).toEqual(MALFORMED);
    expect(await ocspStatus(await fetch(`${ocspUrl()}/${encodeURIComponent(Buffer.from('garbage').toString('base64'))}`))).toEqual(MALFORMED);

    // the shared test PKI's issuing CA is not served by this API; a serial this issuer never issued has no answer
    const other = path.join(dir, 'other-issuer.pem');
    await fs.writeFile(other, api.stack.pki.issuingCertPem);
    for (const [issuer, name] of [[other, 'foreign'], [files.issuing, 'unknown-serial']]) {
      const file = path.join(dir, `${name}.der`);
      await openssl('ocsp', '-issuer', issuer, '-serial', '0x0badc0de', '-reqout', file, '-no_nonce');
      expect(await ocspStatus(await postOcsp(new Uint8Array(await fs.readFile(file))))).toEqual(UNAUTHORIZED);
    }

    expect((await postOcsp(new Uint8Array(17 * 1024))).status).toBe(413);
    expect((await postOcsp(new Uint8Array(Buffer.from('{"a":1}')), 'application/json')).status).toBe(415);
    expect((await postOcsp(new Uint8Array(Buffer.from('hello')), 'text/plain')).status).toBe(415);
  });
});
