/**
 * A certificate's life after issue, on the real parts: an administrator suspends, reinstates and
 * revokes through the API; each change runs the certificate-status-change BPMN process (a
 * revocation waits for a technical reviewer's confirmation); the public record shows the status,
 * every change with its reason and deciding role, and how the certificate came to be; the public
 * status feed lists the changes; refused transitions and bad requests get clear 4xx answers.
 */
import { ApiClient, Stack, useRunningProduct } from '../support/harness';
import { completeTask, waitForCompletion, waitForPublicStatus, waitForTask, walkToCertificate } from '../../scripts/lib/walk-steps';

const product = useRunningProduct();
let stack: Stack;
let anonymous: ApiClient;
let admin: ApiClient;
let applicant: ApiClient;
let reviewer1: ApiClient;
let reviewer2: ApiClient;
let number = '';
const startedAt = new Date(Date.now() - 1000).toISOString();

beforeAll(async () => {
  ({ stack, anonymous } = product);
  [admin, applicant, reviewer1, reviewer2] = await product.login('admin', 'applicant', 'reviewer1', 'reviewer2');
  ({ certificateNumber: number } = await walkToCertificate({ applicant, formalReviewer: reviewer1, technicalReviewer: reviewer2 }));
}, 120_000);

/** Asks for a change and waits for its process instance to end; returns the tracking number. */
async function change(action: string, reason: string): Promise<string> {
  const res = await admin.post(`/api/certificates/${number}/status-changes`, { action, reason });
  expect([res.status, res.body]).toEqual([202, expect.objectContaining({ certificateNumber: number, action })]);
  return res.body.trackingNumber;
}

async function publicStatus(): Promise<string> {
  return (await anonymous.get(`/api/public/certificates/${number}`)).body.status;
}

/** A change shows on the public record once its process has run (and the record's cache expired). */
async function waitForPublic(expected: string): Promise<void> {
  expect((await waitForPublicStatus(anonymous, number, expected)).status).toBe(expected);
}

describe('certificate lifecycle', () => {
  it('suspends and reinstates through the status-change process, each change on the public record with its reason and role', async () => {
    const suspension = await change('suspend', 'گزارش آسیب‌پذیری امنیتی در حال بررسی است / security report under review');
    expect(suspension).toMatch(/^CS-/);
    expect((await waitForCompletion(admin, suspension)).status).toBe('completed');
    await waitForPublic('suspended');

    const reinstatement = await change('reinstate', 'بررسی پایان یافت / review finished');
    await waitForCompletion(admin, reinstatement);
    await waitForPublic('valid');
    const record = await anonymous.get(`/api/public/certificates/${number}`);
    expect(record.body.status).toBe('valid');
    expect(record.body.history.map((h: { action: string; status: string; decidedBy: string }) => [h.action, h.status, h.decidedBy])).toEqual([
      ['issue', 'valid', 'system'],
      ['suspend', 'suspended', 'admin'],
      ['reinstate', 'valid', 'admin'],
    ]);
    expect(record.body.history[1].reason).toContain('security report under review');
    // how the certificate came to be: the process version and each decision's role, no personal names
    expect(record.body.process).toMatchObject({ key: 'software-technical-approval', version: expect.any(Number) });
    expect(record.body.process.decisions.map((d: { step: string; role: string }) => [d.step, d.role])).toEqual([
      ['formal-check', 'formal-reviewers'],
      ['technical-review', 'technical-reviewers'],
    ]);
    expect(JSON.stringify(record.body)).not.toMatch(/reviewer1|reviewer2/);
  });

  it('refuses transitions the lifecycle does not allow, and bad requests, with clear answers', async () => {
    const again = await admin.post(`/api/certificates/${number}/status-changes`, { action: 'reinstate', reason: 'nothing to reinstate' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('a valid certificate cannot be reinstated');
    expect((await admin.post(`/api/certificates/${number}/status-changes`, { action: 'expire', reason: 'not an action' })).status).toBe(400);
    expect((await admin.post(`/api/certificates/${number}/status-changes`, { action: 'suspend' })).status).toBe(400);
    expect((await admin.post(`/api/certificates/${number}/status-changes`, { action: 'suspend', reason: '     ' })).status).toBe(400);
    expect((await admin.post(`/api/certificates/${number.slice(0, -1)}${number.endsWith('A') ? 'B' : 'A'}/status-changes`, { action: 'suspend', reason: 'typo in the number' })).status).toBe(400);
    expect((await admin.post('/api/certificates/TA-1399-999999-0/status-changes', { action: 'suspend', reason: 'never issued' })).status).toBeGreaterThanOrEqual(400);
    expect((await reviewer2.post(`/api/certificates/${number}/status-changes`, { action: 'suspend', reason: 'a reviewer may not' })).status).toBe(403);
    expect((await applicant.post(`/api/certificates/${number}/status-changes`, { action: 'suspend', reason: 'a holder may not' })).status).toBe(403);
    expect((await anonymous.post(`/api/certificates/${number}/status-changes`, { action: 'suspend', reason: 'nobody may' })).status).toBe(401);
  });

  it('revokes only once a technical reviewer confirms; a declined revocation changes nothing; revoked is final', async () => {
    const declined = await change('revoke', 'first request, to be declined');
    // while a change is under way, a second one for the same certificate waits its turn
    const meanwhile = await admin.post(`/api/certificates/${number}/status-changes`, { action: 'suspend', reason: 'while the revocation is pending' });
    expect(meanwhile.status).toBe(409);
    expect(meanwhile.body.message).toContain('already under way');
    await completeTask(reviewer2, await waitForTask(reviewer2, declined, 'confirm-revocation'), { revocationDecision: 'decline', revocationNote: 'not enough evidence' });
    expect((await waitForCompletion(admin, declined)).status).toBe('completed');
    await waitForPublic('valid');

    const revocation = await change('revoke', 'مجوز با اطلاعات نادرست گرفته شده / obtained with false information');
    const task = await waitForTask(reviewer2, revocation, 'confirm-revocation');
    expect(await publicStatus()).toBe('valid'); // not before the confirmation
    await completeTask(reviewer2, task, { revocationDecision: 'confirm' });
    await waitForCompletion(admin, revocation);
    await waitForPublic('revoked');
    const record = await anonymous.get(`/api/public/certificates/${number}`);
    expect(record.body.status).toBe('revoked');
    expect(record.body.history.at(-1)).toMatchObject({ action: 'revoke', status: 'revoked', decidedBy: 'admin, technical-reviewers' });

    const afterRevocation = await admin.post(`/api/certificates/${number}/status-changes`, { action: 'reinstate', reason: 'try to undo a revocation' });
    expect(afterRevocation.status).toBe(409);
    expect(afterRevocation.body.message).toContain('a revoked certificate cannot be reinstated');
  });

  it('lists the changes in the public status feed, oldest first, in pages', async () => {
    const feed = await anonymous.get(`/api/public/status-feed?since=${encodeURIComponent(startedAt)}`);
    expect(feed.status).toBe(200);
    const mine = feed.body.changes.filter((c: { number: string }) => c.number === number);
    expect(mine.map((c: { action: string; status: string }) => [c.action, c.status])).toEqual([['suspend', 'suspended'], ['reinstate', 'valid'], ['revoke', 'revoked']]);
    const first = await anonymous.get(`/api/public/status-feed?since=${encodeURIComponent(startedAt)}&limit=1`);
    expect(first.body.changes).toHaveLength(1);
    const second = await anonymous.get(`/api/public/status-feed?since=${encodeURIComponent(startedAt)}&limit=1&afterId=${first.body.nextAfterId}`);
    expect(second.body.changes[0].id).toBeGreaterThan(first.body.changes[0].id);
    expect((await anonymous.get(`/api/public/status-feed?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).body.changes).toEqual([]);
    expect((await anonymous.get('/api/public/status-feed')).status).toBe(400);
    expect((await anonymous.get('/api/public/status-feed?since=yesterday')).status).toBe(400);
  });

  it('does not let an applicant start the status-change process (ito:startedBy="regulator"), nor offer it to them', async () => {
    const res = await applicant.post('/api/applications', { processKey: 'certificate-status-change', data: { certificateNumber: number, action: 'suspend', reason: 'by the back door' } });
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('started by the regulator');
    const listed = (await applicant.get('/api/definitions')).body as { key: string; startedBy: string }[];
    expect(listed.find((d) => d.key === 'certificate-status-change')?.startedBy).toBe('regulator');
    expect(listed.find((d) => d.key === 'software-technical-approval')?.startedBy).toBe('applicant');
    await waitForPublic('revoked');
    expect((await stack.db.certificateStatusChange.count({ where: { certificate: { number } } }))).toBe(3);
  });
});

