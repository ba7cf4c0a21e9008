/**
 * The public and protected doors of the API refuse bad input with clear 4xx answers: unknown or
 * mistyped certificate numbers, uploads that are not PDFs or too large, calls without a login.
 */
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { ApiClient, startApi, useApi } from '../support/harness';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { loadCertificateTemplate } from '../../activities/certificates/certificate-template';
import { ensureDemoPki, rotateIssuingCa } from '../../activities/certificates/pki';
import { renderCertificatePdf } from '../../activities/certificates/render-certificate-pdf';
import { signPdf } from '../../activities/certificates/sign-pdf';

const api = useApi();

function upload(bytes: Uint8Array<ArrayBuffer>, field = 'file', type = 'application/pdf'): FormData {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), 'upload.pdf');
  return form;
}

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
      const form = () => {
        const f = new FormData();
        f.append('file', new Blob([new TextEncoder().encode('not a pdf')], { type: 'text/plain' }), 'x.pdf');
        return f;
      };
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
