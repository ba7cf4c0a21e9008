/**
 * The software technical-approval process end to end on the real parts: HTTP API → Temporal
 * (dev server) → interpreter workflow → activities → database → signed PDF → public verification.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiClient, Stack, recordHistory, useRunningProduct } from '../support/harness';
import { nssDatabaseTrusting, pdfsig, runTool } from '../../activities/certificates/pdf-tools.test-helper';
import { SAMPLE_APPLICATION, TaskView, apply, completeTask, payFee, waitForCompletion, waitForTask, walkToCertificate } from '../../scripts/lib/walk-steps';
import { pdfForm } from '../support/pdf-form';

const product = useRunningProduct();
let stack: Stack;
let anonymous: ApiClient;
let applicant: ApiClient;
let reviewer1: ApiClient;
let reviewer2: ApiClient;

beforeAll(async () => {
  ({ stack, anonymous } = product);
  [applicant, reviewer1, reviewer2] = await product.login('applicant', 'reviewer1', 'reviewer2');
});

describe('software technical approval', () => {
  it('takes an application through both reviews to a signed certificate that verifies publicly', async () => {
    const { trackingNumber, certificateNumber } = await walkToCertificate({ applicant, formalReviewer: reviewer1, technicalReviewer: reviewer2 });
    expect(certificateNumber).toMatch(/^TA-\d{4}-\d{6}-[0-9A-Z]$/);

    // the applicant downloads the PDF
    const pdf = await applicant.get(`/api/certificates/${certificateNumber}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = pdf.body as Buffer;
    const outDir = path.join(process.env.TEST_RUN_DIR!, 'out');
    fs.mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, `${certificateNumber}.pdf`);
    fs.writeFileSync(file, bytes);

    // poppler's pdfsig, an independent verifier, trusts it given the demo root CA…
    const nss = await nssDatabaseTrusting(path.join(outDir, `nss-${certificateNumber}`), stack.pki.rootCertPem);
    const report = pdfsig(file, nss);
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Certificate is Trusted.');
    expect(report).toContain('ETSI.CAdES.detached');
    // …and reports it invalid once one byte inside the signed range is changed
    const tamperedFile = path.join(outDir, `${certificateNumber}-tampered.pdf`);
    const tamperedBytes = Buffer.from(bytes);
    tamperedBytes[200] ^= 0x01;
    fs.writeFileSync(tamperedFile, tamperedBytes);
    expect(pdfsig(tamperedFile, nss)).not.toContain('Signature is Valid.');

    // the public record
    const record = await anonymous.get(`/api/public/certificates/${certificateNumber}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      number: certificateNumber,
      status: 'valid',
      family: 'software-technical-approval',
      holder: { name: 'شرکت نرم‌افزاری نمونه پارس', nationalId: '10101234567' },
      subject: { productName: SAMPLE_APPLICATION.productName, productVersion: '2.1.0', platform: 'web' },
    });
    expect(record.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    // it says how to read its subject (labels from the family's template)…
    expect(record.body.subjectFields.map((f: { key: string }) => f.key)).toEqual(['productName', 'productVersion', 'platform', 'description']);
    expect(record.body.subjectFields[2]).toMatchObject({ kind: 'enum', label: { fa: 'بستر اجرا', en: 'Platform' }, options: { web: { fa: 'وب', en: 'Web' } } });
    // …and its record hash, recomputed here from the record alone, is the one printed on the certificate
    const { number, family, holder, subject, issuedAt, expiresAt } = record.body;
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
    const recomputed = createHash('sha256').update(JSON.stringify(sorted({ number, family, holder, subject, issuedAt, expiresAt }))).digest('hex');
    expect(record.body.recordSha256).toBe(recomputed);
    expect(record.body.shortHash).toBe(recomputed.slice(0, 16));
    expect(runTool('pdftotext', [file, '-']).stdout).toContain(`Record hash: ${record.body.shortHash}`);
    expect(new Date(record.body.expiresAt).getTime()).toBeGreaterThan(new Date(record.body.issuedAt).getTime());

    // the public verifier accepts the issued file…
    const ok = await anonymous.post('/api/public/verify', pdfForm(bytes));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ signatureValid: true, chainTrusted: true, hashMatchesRecord: true, number: certificateNumber, status: 'valid' });
    expect(ok.body.verdict.fa).toContain(certificateNumber);

    // …and rejects the same file with one byte changed inside the signed range
    const forged = Buffer.from(bytes);
    const at = forged.indexOf('/Title');
    forged[at + 1] = 'X'.charCodeAt(0);
    const bad = await anonymous.post('/api/public/verify', pdfForm(forged));
    expect(bad.status).toBe(200);
    expect(bad.body.signatureValid).toBe(false);
    expect(bad.body.hashMatchesRecord).toBe(false);

    // the history shows every step, and the applicant got a message
    const app = await applicant.get(`/api/applications/${trackingNumber}`);
    const actions = app.body.history.map((h: { action: string }) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['application.submitted', 'task.opened', 'task.completed', 'certificate.issued', 'applicant.notified', 'application.completed']));
    // the audit chain's bookkeeping and the retry keys are not shown to the applicant
    for (const field of ['chainSeq', 'chainHash', 'dedupeKey']) expect(app.body.history[0]).not.toHaveProperty(field);
    const inbox = await applicant.get('/api/notifications');
    expect(inbox.body.some((n: { subjectEn: string; bodyEn: string }) => n.bodyEn.includes(certificateNumber))).toBe(true);
    await recordHistory(stack.client, trackingNumber, 'software-technical-approval.approved');
  });

  it('rejects with the reviewer\'s reason, notifies the applicant and issues no certificate', async () => {
    const trackingNumber = await apply(applicant);
    await completeTask(reviewer1, await waitForTask(reviewer1, trackingNumber, 'formal-check'), { formalDecision: 'complete' });
    const review = await waitForTask(reviewer2, trackingNumber, 'technical-review');
    // a rejection must cite one of the family's named conditions
    const uncited = await reviewer2.post(`/api/tasks/${encodeURIComponent(review.id)}/complete`, { values: { technicalDecision: 'reject', rejectionReason: 'x' } });
    expect(uncited.status).toBe(400);
    expect(uncited.body.errors.rejectionCondition).toBe('is required');
    await completeTask(reviewer2, review, { technicalDecision: 'reject', rejectionCondition: 'security-requirements-not-met', rejectionReason: 'رمزنگاری داده‌ها پیاده‌سازی نشده است. Data encryption is missing.' });
    const done = await waitForCompletion(applicant, trackingNumber);
    expect(done.outcome).toBe('rejected');
    expect(done.certificates).toHaveLength(0);
    // the applicant reads the named condition in both languages beside the reviewer's words
    const inbox = await applicant.get('/api/notifications');
    const message = inbox.body.find((n: { bodyEn: string }) => n.bodyEn.includes(trackingNumber));
    expect(message.bodyEn).toContain('Condition not met: Basic security requirements (authentication, encryption, logging) are not met');
    expect(message.bodyEn).toContain('Data encryption is missing');
    expect(message.bodyFa).toContain('الزامات امنیتی پایه (احراز هویت، رمزنگاری، ثبت رخداد) رعایت نشده است');
    await recordHistory(stack.client, trackingNumber, 'software-technical-approval.rejected');
  });

  it('returns an incomplete application to the applicant, who fixes it, and then continues', async () => {
    const trackingNumber = await apply(applicant, { ...SAMPLE_APPLICATION, productVersion: 'v?' });
    await completeTask(reviewer1, await waitForTask(reviewer1, trackingNumber, 'formal-check'), { formalDecision: 'incomplete', formalComment: 'شماره نسخه معتبر نیست. Give a real version number.' });

    const fix = await waitForTask(applicant, trackingNumber, 'applicant-fix');
    expect(fix.prefill).toMatchObject({ productVersion: 'v?', productName: SAMPLE_APPLICATION.productName, formalComment: expect.stringContaining('Give a real version number') });
    // the applicant was told, and has until the task's due date (ten working days)
    const told = await applicant.get('/api/notifications');
    expect(told.body.some((n: { template: string; bodyEn: string }) => n.template === 'fix-requested' && n.bodyEn.includes('Give a real version number'))).toBe(true);
    expect(new Date((fix as TaskView & { dueDate: string }).dueDate).getTime()).toBeGreaterThan(Date.now() + 10 * 86_400_000);
    await completeTask(applicant, fix, { ...SAMPLE_APPLICATION, productDocuments: fix.prefill!.productDocuments, productVersion: '2.1.1', fixNote: 'نسخه اصلاح شد. Version fixed.' });

    await completeTask(reviewer1, await waitForTask(reviewer1, trackingNumber, 'formal-check'), { formalDecision: 'complete' });
    await completeTask(reviewer2, await waitForTask(reviewer2, trackingNumber, 'technical-review'), { technicalDecision: 'approve' });
    await payFee(applicant, trackingNumber);
    const done = await waitForCompletion(applicant, trackingNumber);
    expect(done.outcome).toBe('approved');
    const record = await anonymous.get(`/api/public/certificates/${done.certificates[0].number}`);
    expect(record.body.subject.productVersion).toBe('2.1.1');
    await recordHistory(stack.client, trackingNumber, 'software-technical-approval.fix-loop');
  });

  it('lapses when the applicant does not fix the application before the deadline, and says why', async () => {
    const trackingNumber = await apply(applicant);
    await completeTask(reviewer1, await waitForTask(reviewer1, trackingNumber, 'formal-check'), { formalDecision: 'incomplete', formalComment: 'مستندات فنی ناخواناست. The documentation cannot be read.' });
    await waitForTask(applicant, trackingNumber, 'applicant-fix');
    // ten working days pass (Fridays and holidays included, 20 calendar days are enough)
    const [admin] = await product.login('admin');
    const moved = await admin.post(`/api/applications/${trackingNumber}/clock`, { days: 20 });
    expect(moved.status).toBe(200);
    const done = await waitForCompletion(applicant, trackingNumber);
    expect(done).toMatchObject({ outcome: 'lapsed', certificates: [] });
    const app = await applicant.get(`/api/applications/${trackingNumber}`);
    expect(app.body.tasks.find((t: { elementId: string }) => t.elementId === 'applicant-fix').status).toBe('cancelled');
    const inbox = await applicant.get('/api/notifications');
    expect(inbox.body.some((n: { template: string; bodyEn: string }) => n.template === 'lapsed' && n.bodyEn.includes(trackingNumber) && n.bodyEn.includes('The documentation cannot be read'))).toBe(true);
    // only administrators move the clock
    expect((await applicant.post(`/api/applications/${trackingNumber}/clock`, { days: 1 })).status).toBe(403);
  });

  it('tells the applicant the expected decision date: the published working days, with the clock stopped while the application waits for them', async () => {
    const trackingNumber = await apply(applicant);
    const before = (await applicant.get(`/api/applications/${trackingNumber}`)).body.decisionTime;
    expect(before).toMatchObject({ within: 'P20D', calendar: 'iran', pausedWorkingDays: 0, overdue: false });
    expect(new Date(before.expectedAt).getTime()).toBeGreaterThan(Date.now() + 20 * 86_400_000);
    // the reviewer sees the application's documents beside the task
    const task = await waitForTask(reviewer1, trackingNumber, 'formal-check');
    const detail = await reviewer1.get(`/api/tasks/${encodeURIComponent(task.id)}`);
    expect(detail.body.documents).toEqual([expect.objectContaining({ kind: 'productDocuments', contentType: 'application/pdf' })]);
    expect((await reviewer1.get(`/api/documents/${detail.body.documents[0].id}/content`)).status).toBe(200);
  });

  it('refuses a task to a reviewer outside its group, and refuses invalid form values with field errors', async () => {
    const trackingNumber = await apply(applicant);
    const task = await waitForTask(reviewer1, trackingNumber, 'formal-check');

    const wrongGroup = await reviewer2.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { values: { formalDecision: 'complete' } });
    expect(wrongGroup.status).toBe(403);

    const invalid = await reviewer1.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { values: { formalDecision: 'maybe' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.formalDecision).toBeDefined();

    const missingReason = await reviewer1.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { values: { formalDecision: 'incomplete' } });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.errors.formalComment).toBeDefined();

    // nothing was lost: the task is still open and can be completed properly
    await completeTask(reviewer1, task, { formalDecision: 'complete' });
    await waitForTask(reviewer2, trackingNumber, 'technical-review');
  });

  it('refuses an application whose data does not match the start form', async () => {
    const res = await applicant.post('/api/applications', { processKey: 'software-technical-approval', data: { productName: '', platform: 'mainframe' } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(['productName', 'platform', 'productVersion', 'description', 'ownerCompany', 'productDocuments']));
  });
});
