/**
 * GET /api/certificates (administrators): every issued certificate with its family title, holder,
 * product, effective status, dates and the application it came from; filtered by family, status,
 * expiry and a search; the number in each status; the status change under way named by its
 * tracking number.
 */
import { ApiClient, useRunningProduct } from '../support/harness';
import { waitForCompletion, walkToCertificate } from '../../scripts/lib/walk-steps';

const product = useRunningProduct();
let admin: ApiClient;
let applicant: ApiClient;
let number = '';
let trackingNumber = '';

beforeAll(async () => {
  let reviewer1: ApiClient, reviewer2: ApiClient;
  [admin, applicant, reviewer1, reviewer2] = await product.login('admin', 'applicant', 'reviewer1', 'reviewer2');
  ({ certificateNumber: number, trackingNumber } = await walkToCertificate({ applicant, formalReviewer: reviewer1, technicalReviewer: reviewer2 }));
}, 120_000);

const numbers = async (query = '') => {
  const res = await admin.get(`/api/certificates${query}`);
  expect(res.status).toBe(200);
  return (res.body.data as { number: string }[]).map((c) => c.number);
};

describe('GET /api/certificates', () => {
  it('is for administrators only', async () => {
    expect((await product.anonymous.get('/api/certificates')).status).toBe(401);
    expect((await applicant.get('/api/certificates')).status).toBe(403);
  });

  it('lists issued certificates with what an administrator needs, and the count in each status', async () => {
    const res = await admin.get('/api/certificates');
    const row = res.body.data.find((c: { number: string }) => c.number === number);
    expect(row).toMatchObject({
      id: number, number, family: 'software-technical-approval', familyCode: 'TA', familyTitle: { en: 'Software Technical Approval Certificate' },
      holder: { name: expect.any(String), nationalId: expect.any(String) }, scope: expect.any(String), status: 'valid', trackingNumber, pendingChange: null,
    });
    expect(Date.parse(row.expiresAt)).toBeGreaterThan(Date.parse(row.issuedAt));
    expect(res.body.counts.valid).toBeGreaterThanOrEqual(1);
    expect(res.body.total).toBe(res.body.data.length);
  });

  it('filters by family, status, expiry and a search', async () => {
    expect(await numbers('?family=TA')).toContain(number);
    expect(await numbers('?family=software-technical-approval')).toContain(number);
    expect(await numbers('?family=DG')).not.toContain(number);
    expect(await numbers('?status=valid')).toContain(number);
    expect(await numbers('?status=revoked')).not.toContain(number);
    expect(await numbers(`?q=${trackingNumber.slice(-6).toLowerCase()}`)).toEqual([number]);
    expect(await numbers('?expiringWithinDays=0')).not.toContain(number);
    expect(await numbers('?expiringWithinDays=3650')).toContain(number);
    expect((await admin.get('/api/certificates?status=lost')).status).toBe(400);
  });

  it('names the status change under way', async () => {
    const res = await admin.post(`/api/certificates/${number}/status-changes`, { action: 'suspend', reason: 'security report under review' });
    expect(res.status).toBe(202);
    const listed = (await admin.get(`/api/certificates?q=${number}`)).body.data[0];
    // the change may already have ended: then the certificate is suspended
    if (listed.pendingChange) expect(listed.pendingChange).toEqual({ trackingNumber: res.body.trackingNumber, action: 'suspend' });
    await waitForCompletion(admin, res.body.trackingNumber);
    const after = (await admin.get(`/api/certificates?q=${number}`)).body.data[0];
    expect(after).toMatchObject({ status: 'suspended', pendingChange: null });
  });
});
