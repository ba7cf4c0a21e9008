/**
 * The public and protected doors of the API refuse bad input with clear 4xx answers: unknown or
 * mistyped certificate numbers, uploads that are not PDFs or too large, calls without a login.
 */
import { ApiClient, Stack, startApi } from '../support/harness';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';

let stack: Stack;
let anonymous: ApiClient;

beforeAll(async () => {
  stack = await startApi();
  anonymous = new ApiClient(stack.baseUrl);
});

afterAll(async () => {
  await stack?.close();
});

function upload(bytes: Uint8Array<ArrayBuffer>, field = 'file', type = 'application/pdf'): FormData {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), 'upload.pdf');
  return form;
}

describe('public certificate lookup', () => {
  it('answers 404 for a well-formed number that was never issued', async () => {
    const unknown = formatCertificateNumber({ family: 'TA', jalaliYear: 1399, sequence: 999999 });
    const res = await anonymous.get(`/api/public/certificates/${unknown}`);
    expect(res.status).toBe(404);
    expect(res.body.message).toContain(unknown);
  });

  it('answers 400 when the check character shows a typo, before any lookup', async () => {
    const good = formatCertificateNumber({ family: 'TA', jalaliYear: 1405, sequence: 42 });
    const typo = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    const res = await anonymous.get(`/api/public/certificates/${typo}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/check/i);
  });

  it('answers 400 for text that is not a certificate number', async () => {
    const res = await anonymous.get('/api/public/certificates/hello-world');
    expect(res.status).toBe(400);
  });
});

describe('public verification upload', () => {
  it('refuses a file that is not a PDF with 415', async () => {
    const res = await anonymous.post('/api/public/verify', upload(new TextEncoder().encode('just some text, not a pdf'), 'file', 'text/plain'));
    expect(res.status).toBe(415);
    expect(res.body.message).toMatch(/not a PDF/);
  });

  it('refuses an upload in the wrong field, and a request without a file', async () => {
    expect((await anonymous.post('/api/public/verify', upload(new TextEncoder().encode('%PDF-1.7'), 'document'))).status).toBe(400);
    expect((await anonymous.post('/api/public/verify', { file: 'x' })).status).toBe(415);
  });

  it('refuses a file over 10 MB with 413', async () => {
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    const res = await anonymous.post('/api/public/verify', upload(big));
    expect(res.status).toBe(413);
  });

  it('reports a PDF that carries no signature as not valid, without failing', async () => {
    const res = await anonymous.post('/api/public/verify', upload(new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF')));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ signatureValid: false, hashMatchesRecord: false, status: 'unknown' });
    expect(res.body.verdict.en).toMatch(/not valid/);
  });
});

describe('authentication', () => {
  it('refuses protected routes without a token, or with a forged one', async () => {
    expect((await anonymous.get('/api/tasks')).status).toBe(401);
    expect((await new ApiClient(stack.baseUrl, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl').get('/api/applications')).status).toBe(401);
  });

  it('refuses a wrong password with 401 and a missing field with 400', async () => {
    expect((await anonymous.post('/api/auth/login', { username: 'admin', password: 'wrong' })).status).toBe(401);
    expect((await anonymous.post('/api/auth/login', { username: 'admin' })).status).toBe(400);
  });

  it('keeps applicants out of reviewer-only and admin-only actions', async () => {
    const applicant = await anonymous.login('applicant');
    expect((await applicant.post('/api/definitions', { xml: '<x/>' })).status).toBe(403);
    const reviewer = await anonymous.login('reviewer1');
    expect((await reviewer.post('/api/applications', { processKey: 'software-technical-approval', data: {} })).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('publishes the API description with the public endpoints', async () => {
    const res = await anonymous.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/public/certificates/{number}', '/api/public/verify', '/api/auth/login', '/api/tasks/{taskId}/complete']));
  });
});
