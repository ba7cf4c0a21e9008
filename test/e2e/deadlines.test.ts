/**
 * Legal deadlines and appeals in a real browser against the real stack. An application is sent
 * back for fixes, fixed, and rejected (through the API). On its page the applicant reads the legal
 * deadline with the family's rule, and the history shows where the legal clock stopped (the fix
 * request) and ran again; the applicant appeals the rejection with its grounds. The appeal board's
 * reviewer (`appeals`) finds the appeal in the queue, reads the grounds and overturns the
 * rejection; once its fee is paid (through the API) the applicant's page shows the certificate and
 * the accepted appeal. An application left undecided past its legal time (its clock moved, the sweep
 * run through the API) is deemed approved and, its fee paid: the public register and the verify page mark its certificate as issued by law at the
 * deadline, with the reviewing unit. One of a family that escalates instead (afta-services-license)
 * reaches the unit head (`head`) in the queue: the task shows the application it rules on (what was
 * applied for, its earlier steps) and why it came (the legal deadline passed, and when, the
 * reviewing unit); the head approves it in the form and, its fee paid, the applicant's page shows
 * the head's approval and the certificate (its registry inquiries named in the history).
 * Screenshots in Persian and English go to test-artifacts/e2e/, each page scanned with axe.
 */
import type { Page } from 'playwright-core';
import { SAMPLE_APPLICATION, apply, completeTask, payFee, waitForFee, waitForTask } from '../../scripts/lib/walk-steps';
import { AFTA_APPLICATION, PERSONNEL } from '../../scripts/lib/walks/demo-data';
import { BrowserSession, checkBothLanguages, shot, needs } from '../support/browser';
import { ApiClient, RunningWorker, Stack, startApi, startWorker, waitFor } from '../support/harness';

const WORKFLOW_WAIT = 60_000;
const GROUNDS = 'رمزنگاری در نسخه ۲.۱ پیاده شده است. Encryption is in version 2.1, see annex 3.';

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let applicantApi: ApiClient;
let tracking = '';
let appealTracking = '';

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
  const client = new ApiClient(stack.baseUrl);
  const [applicant, reviewer1, reviewer2] = await Promise.all(['applicant', 'reviewer1', 'reviewer2'].map((u) => client.login(u)));
  applicantApi = applicant;
  tracking = await apply(applicant, { ...SAMPLE_APPLICATION, productName: `سامانه اعتراض مرورگر ${Date.now()}` });
  await completeTask(reviewer1, await waitForTask(reviewer1, tracking, 'formal-check'), { formalDecision: 'incomplete', formalComment: 'نسخه را اصلاح کنید. Fix the version.' });
  const fix = await waitForTask(applicant, tracking, 'applicant-fix');
  await completeTask(applicant, fix, { ...SAMPLE_APPLICATION, productName: fix.prefill!.productName, productDocuments: fix.prefill!.productDocuments, productVersion: '2.1.1', fixNote: 'نسخه اصلاح شد. Version fixed.' });
  await completeTask(reviewer1, await waitForTask(reviewer1, tracking, 'formal-check'), { formalDecision: 'complete' });
  await completeTask(reviewer2, await waitForTask(reviewer2, tracking, 'technical-review'), {
    technicalDecision: 'reject', rejectionCondition: 'security-requirements-not-met', rejectionReason: 'رمزنگاری پیاده‌سازی نشده است. Encryption is missing.',
  });
  await waitFor('the rejection', async () => (await applicant.get(`/api/applications/${tracking}`)).body.outcome === 'rejected');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

const login = (username: string): Promise<Page> => browser.login(stack.baseUrl, username);

describe('legal deadline and appeal in a browser', () => {
  it('shows the applicant the legal deadline and the clock stop, and takes the appeal of the rejection', async () => {
    needs(tracking, 'a rejected application');
    const page = await login('applicant');
    await page.goto(`${stack.baseUrl}/applications/${tracking}/show`);
    await page.locator(`[data-testid="application-page"][data-tracking="${tracking}"]`).waitFor();
    // the legal deadline and the family's rule, in the summary and above the history
    await page.locator('[data-testid="legal-deadline"] [data-testid="legal-rule"][data-on-deadline="deemed-approval"]').waitFor();
    await page.getByTestId('history-legal-deadline').waitFor();
    // the clock stopped when the fix request reached the applicant and ran again when it was answered
    const stopped = page.locator('[data-testid="history-entry"][data-action="legal.clock-stopped"]');
    const resumed = page.locator('[data-testid="history-entry"][data-action="legal.clock-resumed"]');
    await stopped.waitFor();
    await resumed.waitFor();
    expect(await stopped.count()).toBe(1);
    await checkBothLanguages(page, 'deadlines-rejected', () => page.getByTestId('appeal-window').waitFor());

    await page.getByTestId('appeal').click();
    await page.getByTestId('appeal-dialog').waitFor();
    await page.getByTestId('appeal-reason').fill(GROUNDS);
    await shot(page, 'deadlines-appeal-dialog-fa');
    await page.getByTestId('appeal-confirm').click();
    const lodged = page.getByTestId('appeal-lodged');
    await lodged.waitFor({ timeout: WORKFLOW_WAIT });
    await page.locator('[data-testid="history-entry"][data-action="application.appeal-started"]').waitFor({ timeout: WORKFLOW_WAIT });
    appealTracking = (await applicantApi.get(`/api/applications/${tracking}`)).body.appeal.appeal.trackingNumber;
    expect(await lodged.textContent()).toContain(appealTracking);
    await page.getByTestId('appeal').waitFor({ state: 'detached' });
  }, 180_000);

  it('lets the appeal board overturn the rejection, and the applicant then has the certificate', async () => {
    needs(appealTracking, 'an appeal');
    const page = await login('appeals');
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('filter-q').locator('input').fill(appealTracking.slice(-6).toLowerCase());
    const row = page.locator(`[data-testid="task-row"][data-tracking="${appealTracking}"][data-element="appeal-review"]`);
    await row.waitFor({ timeout: WORKFLOW_WAIT });
    await row.getByTestId('open-task').click();
    const form = page.locator('[data-testid="task-form"][data-ready="true"]');
    await form.waitFor();
    // the grounds and the rejected application, read-only (the form may be rebuilt once as the task's details arrive)
    await page.locator('[data-testid="task-form"] [id$="-Field_appealReason"]').waitFor({ timeout: WORKFLOW_WAIT });
    expect(await page.locator('[data-testid="task-form"] [id$="-Field_appealReason"]').inputValue()).toBe(GROUNDS);
    expect(await page.locator('[data-testid="task-form"] [id$="-Field_ruledTrackingNumber"]').inputValue()).toBe(tracking);
    await checkBothLanguages(page, 'deadlines-appeal-review', () => form.waitFor());
    await page.locator('[data-testid="task-form"] [id$="-Field_appealDecision-display"]').click();
    await page.locator('[data-testid="task-form"] .fjs-dropdownlist-item', { hasText: 'Overturn' }).click();
    const comment = page.locator('[data-testid="task-form"] [id$="-Field_rulingComment"]');
    await comment.fill('پیوست ۳ رمزنگاری را نشان می‌دهد. Annex 3 shows it.');
    await comment.blur();
    await page.getByTestId('task-form-submit').click();
    await page.waitForURL(/\/tasks(\?.*)?$/);

    // the overturned application's fee, asked for by the appeal: no certificate until it is paid (paid through the API as a browser would)
    await waitForFee(applicantApi, tracking, WORKFLOW_WAIT);
    expect((await applicantApi.get(`/api/applications/${tracking}`)).body.certificates).toEqual([]);
    await payFee(applicantApi, tracking);

    const applicant = await login('applicant');
    await applicant.goto(`${stack.baseUrl}/applications/${tracking}/show`);
    await applicant.locator('[data-testid="appeal-lodged"][data-outcome="approved"]').waitFor({ timeout: WORKFLOW_WAIT });
    await applicant.locator('[data-testid="certificates-card"] a').first().waitFor({ timeout: WORKFLOW_WAIT });
    await applicant.locator('[data-testid="history-entry"][data-action="application.appeal-overturned"]').waitFor();
    await checkBothLanguages(applicant, 'deadlines-overturned', () => applicant.getByTestId('appeal-lodged').waitFor());
  }, 180_000);

  it('marks a deemed approval on the public register and the verify page', async () => {
    const client = new ApiClient(stack.baseUrl);
    const admin = await client.login('admin');
    const product = `سامانه مهلت قانونی ${Date.now()}`;
    const deemed = await apply(applicantApi, { ...SAMPLE_APPLICATION, productName: product });
    await waitForTask(await client.login('reviewer1'), deemed, 'formal-check');
    await admin.post(`/api/applications/${deemed}/clock`, { days: 45 });
    expect((await admin.post('/api/legal-deadlines/sweep', { trackingNumbers: [deemed] })).body.ruled).toHaveLength(1);
    await payFee(applicantApi, deemed); // the deemed-approved application's fee, before its certificate
    const number = await waitFor('the deemed approval', async () => {
      const certs = (await applicantApi.get(`/api/applications/${deemed}`)).body.certificates as { number: string; status: string }[];
      return certs.find((c) => c.status === 'valid')?.number;
    });

    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/register?q=${encodeURIComponent(product)}`);
    await page.locator(`[data-testid="register-row"][data-number="${number}"] [data-testid="register-issued-by-deadline"]`).waitFor({ timeout: WORKFLOW_WAIT });
    await page.goto(`${stack.baseUrl}/verify/${encodeURIComponent(number)}`);
    const mark = page.getByTestId('verify-issued-by-deadline');
    await checkBothLanguages(page, 'deadlines-verify-deemed', () => mark.waitFor());
    expect(await page.getByTestId('verify-reviewing-unit').textContent()).toContain('کارشناسان بررسی');
  }, 180_000);

  it("gives the unit head an escalated application with the reason, and the head's approval reaches the applicant", async () => {
    const client = new ApiClient(stack.baseUrl);
    const [admin, reviewer1] = await Promise.all(['admin', 'reviewer1'].map((u) => client.login(u)));
    const escalated = await apply(applicantApi, AFTA_APPLICATION, 'afta-services-license');
    await waitForTask(reviewer1, escalated, 'formal-check');
    await admin.post(`/api/applications/${escalated}/clock`, { days: 60 });
    const swept = (await admin.post<{ ruled: { trackingNumber: string; ruling: string; deadline: string }[] }>('/api/legal-deadlines/sweep', { trackingNumbers: [escalated] })).body.ruled;
    expect(swept).toEqual([expect.objectContaining({ trackingNumber: escalated })]);
    const { ruling, deadline } = swept[0];

    const page = await login('head');
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('filter-q').locator('input').fill(ruling.slice(-6).toLowerCase());
    const row = page.locator(`[data-testid="task-row"][data-tracking="${ruling}"][data-element="head-decision"]`);
    await row.waitFor({ timeout: WORKFLOW_WAIT });
    await row.getByTestId('open-task').click();
    await page.locator('[data-testid="task-form"][data-ready="true"]').waitFor();
    // why it came: the legal deadline of the named application passed (its date), the unit that held it
    const reason = page.locator(`[data-testid="ruling-reason"][data-kind="legal-deadline"][data-ruled="${escalated}"]`);
    await reason.waitFor();
    await reason.locator(`time[datetime="${new Date(deadline).toISOString()}"]`).waitFor();
    expect(await reason.textContent()).toContain('کارشناسان بررسی');
    // what was applied for in the escalated application, read with its own form's labels, and its earlier steps
    const submitted = page.getByTestId('submitted-data');
    await submitted.getByTestId('value-keyPersonnel').waitFor();
    expect(await submitted.getByTestId('value-keyPersonnel').textContent()).toContain(PERSONNEL.sara.fullName);
    await checkBothLanguages(page, 'deadlines-escalation-head', () => reason.waitFor());

    await page.locator('[data-testid="task-form"] [id$="-Field_headDecision-display"]').click();
    await page.locator('[data-testid="task-form"] .fjs-dropdownlist-item', { hasText: 'Approve' }).click();
    const comment = page.locator('[data-testid="task-form"] [id$="-Field_rulingComment"]');
    await comment.fill('مدارک کامل است؛ صادر شود. The file is complete.');
    await comment.blur();
    await page.getByTestId('task-form-submit').click();
    await page.waitForURL(/\/tasks(\?.*)?$/);

    await waitForFee(applicantApi, escalated, WORKFLOW_WAIT);
    await payFee(applicantApi, escalated);
    const applicant = await login('applicant');
    await applicant.goto(`${stack.baseUrl}/applications/${escalated}/show`);
    await applicant.locator('[data-testid="certificates-card"] a').first().waitFor({ timeout: WORKFLOW_WAIT });
    const approved = applicant.locator('[data-testid="history-entry"][data-action="application.escalation-approved"]');
    await approved.waitFor();
    // the registry inquiries of its submission read as what they were, not as their action codes
    const inquiry = applicant.locator('[data-testid="history-entry"][data-action="inquiry.answered"] [data-testid="history-inquiry"][data-registry="company-registry"]');
    expect(await inquiry.textContent()).toContain('سامانه ثبت شرکت‌ها');
    await checkBothLanguages(applicant, 'deadlines-escalation-approved', () => approved.waitFor());
  }, 240_000);
});
