/**
 * The applicant's pages in a real browser against the real stack (HTTP API → Temporal dev server →
 * workflow → activities → signed PDF):
 *
 * From the desk, the applicant picks software technical approval among the families (decision time
 * and documents shown), sees the decision time and rejection conditions beside the start form, has
 * a file of the wrong kind refused with words before any upload, uploads the PDF, submits, and lands
 * on the application's page; the list shows it with its status and expected decision date. The
 * formal reviewer (through the API) sends it back for fixes: the applicant sees the count in the menu
 * and "waiting for you" in the list, the notice with the deadline, the reviewer's comment beside the
 * form prefilled with the earlier data, corrects the version and sends it; the page shows the new
 * version and the history shows the decision and its reason. The inbox has the request for fixes,
 * linked to the application. Another application is withdrawn with a reason. A certificate (walked
 * through the API) is downloaded as a signed PDF, its verify page linked, and its renewal opens the
 * renewal's start form prefilled with its number.
 * Screenshots of each main page in Persian and English go to test-artifacts/e2e/, each page scanned
 * with axe (no serious or critical violation).
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { apply, completeTask, samplePdf, waitForTask, walkToCertificate } from '../../scripts/lib/walk-steps';
import { seriousAccessibilityProblems } from '../support/axe';
import { BrowserSession, shot, checkBothLanguages, needs } from '../support/browser';
import { ApiClient, RunningWorker, Stack, startApi, startWorker } from '../support/harness';

/** The workflow is asynchronous: the pages refresh themselves, so waiting on a locator is enough. */
const WORKFLOW_WAIT = 60_000;

const APPLICATION = {
  productName: 'سامانه یکپارچه مدیریت مکاتبات «نامه‌نگار»',
  productVersion: '3.2.0',
  description: 'سامانه تحت وب برای ثبت، ارجاع و بایگانی مکاتبات اداری با امضای دیجیتال. A web system for official correspondence.',
  ownerCompany: 'شرکت نرم‌افزاری نمونه پارس',
};
const FIX_COMMENT = 'شماره نسخه با مستندات یکی نیست. The version does not match the documentation.';

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let applicantApi: ApiClient;
let page: Page;
let trackingNumber = '';
/** Walked to its certificate through the API. */
let certified = { trackingNumber: '', certificateNumber: '' };
/** Withdrawn in the browser. */
let toWithdraw = '';

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
  const client = new ApiClient(stack.baseUrl);
  const [applicant, formal, technical] = await Promise.all(['applicant', 'reviewer1', 'reviewer2'].map((u) => client.login(u)));
  applicantApi = applicant;
  certified = await walkToCertificate({ applicant, formalReviewer: formal, technicalReviewer: technical });
  toWithdraw = await apply(applicant);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

const bothLanguages = (name: string, ready: () => Promise<unknown>): Promise<void> => checkBothLanguages(page, `applicant-${name}`, ready);
const login = (username: string): Promise<Page> => browser.login(stack.baseUrl, username);

/** Later steps need what earlier ones produced: fail at once instead of waiting for timeouts. */
/** A form-js field of a form by its field id (Field_<key>). */
const field = (form: string, id: string) => page.locator(`[data-testid="${form}"] [id$="-${id}"]`);

async function chooseOption(form: string, id: string, label: string): Promise<void> {
  await page.locator(`[data-testid="${form}"] [id$="-${id}-display"]`).click();
  await page.locator(`[data-testid="${form}"] .fjs-dropdownlist-item`, { hasText: label }).click();
}

const listRow = (tracking: string) => page.locator('tr', { has: page.locator(`[data-testid="application-link"][data-tracking="${tracking}"]`) });

describe('the applicant in a browser', () => {
  it('starts from the desk and chooses a family with its decision time and documents', async () => {
    page = await login('applicant');
    const card = page.getByTestId('home-card-applicant');
    await card.waitFor();
    await card.getByTestId('home-by-state').waitFor();
    await bothLanguages('home', () => card.getByTestId('home-by-state').waitFor());
    await card.getByTestId('new-application').click();
    await page.waitForURL(/\/apply$/);
    const family = page.locator('[data-testid="family-card"][data-key="software-technical-approval"]');
    await family.getByTestId('family-documents').waitFor();
    expect(await family.getByTestId('family-decision-time').textContent()).toContain('۲۰');
    expect(await family.getByTestId('family-documents').textContent()).toContain('Technical documentation');
    // processes the regulator starts are not offered
    expect(await page.locator('[data-testid="family-card"][data-key="certificate-status-change"]').count()).toBe(0);
    await bothLanguages('families', () => family.getByTestId('family-documents').waitFor());
    await family.getByTestId('apply-family').click();
    await page.waitForURL(/\/apply\/software-technical-approval$/);
  }, 120_000);

  it('applies with a document, a file of the wrong kind refused in words before upload', async () => {
    const form = page.getByTestId('start-form');
    await page.locator('[data-testid="start-form"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('decision-time').textContent()).toContain('۲۰');
    expect(await page.locator('[data-testid="rejection-conditions"] li[data-code="documentation-incomplete"]').count()).toBe(1);
    await bothLanguages('apply', () => page.locator('[data-testid="start-form"][data-ready="true"]').waitFor());

    let uploads = 0;
    page.on('request', (req) => { if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/documents') uploads++; });
    const files = form.getByTestId('file-input-productDocuments');
    await files.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text') });
    const problem = form.getByTestId('file-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('notes.txt');
    expect(await problem.textContent()).toContain('PDF');
    expect(uploads).toBe(0);
    // one that only pretends to be a PDF: the server looks at its content and refuses it (415), said in words
    await files.setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('this is not a PDF file at all') });
    await form.getByTestId('file-problem').getByText('PDF، PNG یا JPEG نیست').waitFor();
    expect(await form.getByTestId('file-item').count()).toBe(0);
    await files.setInputFiles({ name: 'technical-documentation.pdf', mimeType: 'application/pdf', buffer: samplePdf('Technical documentation') });
    await form.getByTestId('file-item').waitFor();
    expect(uploads).toBe(2);

    await field('start-form', 'Field_productName').fill(APPLICATION.productName);
    await field('start-form', 'Field_productVersion').fill(APPLICATION.productVersion);
    await chooseOption('start-form', 'Field_platform', 'Web');
    await field('start-form', 'Field_ownerCompany').fill(APPLICATION.ownerCompany);
    // too short a description: refused on the field, nothing sent
    await field('start-form', 'Field_description').fill('کوتاه');
    await page.getByTestId('start-form-submit').click();
    await page.getByTestId('form-error').waitFor();
    expect(await field('start-form', 'Field_description').getAttribute('aria-invalid')).toBe('true');
    await field('start-form', 'Field_description').fill(APPLICATION.description);
    await page.getByTestId('start-form-submit').click();

    await page.waitForURL(/\/applications\/[A-Z]{2,4}-\d{8}-[0-9A-Z]{6}\/show$/, { timeout: 30_000 });
    const shown = page.getByTestId('application-page');
    await shown.waitFor();
    trackingNumber = (await shown.getAttribute('data-tracking')) ?? '';
    expect(trackingNumber).toMatch(/^TA-\d{8}-[0-9A-Z]{6}$/);
    expect(await page.getByTestId('submitted-data').textContent()).toContain(APPLICATION.productName);
    expect(await page.getByTestId('documents').textContent()).toContain('technical-documentation.pdf');
  }, 120_000);

  it('lists the application with its status and expected decision date', async () => {
    needs(trackingNumber, 'tracking number');
    await page.getByTestId('nav-applications').click();
    const row = listRow(trackingNumber);
    await row.waitFor();
    expect(await row.getByTestId('app-status').getAttribute('data-value')).toMatch(/^(submitted|running)$/);
    expect(await row.getByTestId('expected-decision').getAttribute('data-expected')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // dates in the Solar Hijri calendar (Persian digits) with the Gregorian beside them
    expect(await row.locator('time').first().textContent()).toMatch(/[۰-۹]{4}.*\d{4}/);
    // search by tracking number
    await page.getByTestId('filter-q').locator('input').fill(trackingNumber.slice(-6));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="application-link"]').length === 1);
    await page.getByTestId('filter-q').locator('input').fill('');
    await listRow(certified.trackingNumber).waitFor();
    await bothLanguages('list', () => listRow(trackingNumber).waitFor());
  }, 120_000);

  it('shows the request for fixes with the reviewer\'s comment, and the fixed data after sending it', async () => {
    needs(trackingNumber, 'tracking number');
    const formal = await new ApiClient(stack.baseUrl).login('reviewer1');
    await completeTask(formal, await waitForTask(formal, trackingNumber, 'formal-check'), { formalDecision: 'incomplete', formalComment: FIX_COMMENT });

    // the list marks it and the menu counts it
    const row = listRow(trackingNumber);
    await row.locator('[data-testid="application-link"][data-waiting="true"]').waitFor({ timeout: WORKFLOW_WAIT });
    await row.getByTestId('waiting-badge').waitFor();
    await page.locator('[data-testid="waiting-menu-badge"][data-count="1"]').waitFor({ timeout: WORKFLOW_WAIT });
    await row.getByTestId('application-link').click();

    await page.getByTestId('fix-notice').waitFor({ timeout: WORKFLOW_WAIT });
    expect(await page.getByTestId('fix-deadline').textContent()).toMatch(/[۰-۹]{4}/);
    expect(await page.getByTestId('fix-comment').textContent()).toContain('The version does not match');
    await page.locator('[data-testid="fix-form"][data-ready="true"]').waitFor();
    // prefilled with what was sent
    expect(await field('fix-form', 'Field_productVersion').inputValue()).toBe(APPLICATION.productVersion);
    expect(await field('fix-form', 'Field_productName').inputValue()).toBe(APPLICATION.productName);
    await page.getByTestId('fix-form').getByTestId('file-item').waitFor();
    await bothLanguages('fix', () => page.locator('[data-testid="fix-form"][data-ready="true"]').waitFor());

    await field('fix-form', 'Field_productVersion').fill('3.2.1');
    await field('fix-form', 'Field_fixNote').fill('نسخه با مستندات یکی شد. The version now matches.');
    await page.getByTestId('fix-form-submit').click();
    await page.getByTestId('fix-panel').waitFor({ state: 'detached' });
    // the new data, from the application as it now stands (no stale copy)
    await page.locator('[data-testid="value-row"][data-key="productVersion"][data-changed="true"]').waitFor({ timeout: WORKFLOW_WAIT });
    expect(await page.getByTestId('submitted-data').getByTestId('value-productVersion').textContent()).toContain('3.2.1');
    // the history: the formal check's decision with its reason
    const decision = page.locator('[data-testid="history-entry"][data-action="task.completed"]', { hasText: 'The version does not match' });
    await decision.waitFor();
    expect(await decision.getByTestId('history-decision').textContent()).toContain('Needs fixes');
    expect(await decision.getByTestId('history-role').getAttribute('data-role')).toBe('formal-reviewers');
    await page.locator('[data-testid="waiting-menu-badge"]').waitFor({ state: 'detached', timeout: WORKFLOW_WAIT });
    await page.locator(`[data-testid="application-page"][data-tracking="${trackingNumber}"]`).waitFor();
    await bothLanguages('application', () => page.getByTestId('history').waitFor());
  }, 180_000);

  it('reads the inbox, linked to the application', async () => {
    needs(trackingNumber, 'tracking number');
    // the menu counts the unread messages
    await page.getByTestId('unread-menu-badge').waitFor({ timeout: WORKFLOW_WAIT });
    await page.getByTestId('nav-inbox').click();
    const message = page.locator(`[data-testid="notification"][data-tracking="${trackingNumber}"]`).first();
    await message.waitFor({ timeout: WORKFLOW_WAIT });
    // shown as new on this visit, and read from now on: the menu's count goes
    expect(await message.getAttribute('data-unread')).toBe('true');
    await page.getByTestId('unread-menu-badge').waitFor({ state: 'detached' });
    expect(((await applicantApi.get('/api/notifications')).body as { readAt: string | null }[]).every((n) => n.readAt)).toBe(true);
    // the Persian body carries the tracking number in Latin letters and reads right to left
    const body = message.getByTestId('notification-body').first();
    expect(await body.getAttribute('dir')).toBe('auto');
    expect(await body.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await page.locator(`[data-testid="notification"][data-tracking="${certified.trackingNumber}"]`).first().waitFor();
    expect(await page.getByTestId('notification').filter({ hasText: certified.certificateNumber }).count()).toBeGreaterThan(0);
    await bothLanguages('inbox', () => message.waitFor());
    await message.getByTestId('notification-application').click();
    await page.waitForURL(new RegExp(`/applications/${trackingNumber}/show$`));
  }, 120_000);

  it('withdraws another application with a reason', async () => {
    needs(toWithdraw, 'an application to withdraw');
    await page.goto(`${stack.baseUrl}/applications/${toWithdraw}/show`);
    await page.getByTestId('withdraw').click();
    const dialog = page.getByTestId('withdraw-dialog');
    await dialog.waitFor();
    await page.getByTestId('withdraw-confirm').click();
    await dialog.getByText('دست‌کم در ۳ نویسه').waitFor();
    await page.getByTestId('withdraw-reason').fill('درخواست تکراری ثبت شده بود. A duplicate.');
    await shot(page, 'applicant-withdraw-fa');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByTestId('withdraw-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`[data-testid="application-page"][data-status="cancelled"]`).waitFor({ timeout: WORKFLOW_WAIT });
    await page.locator('[data-testid="history-entry"][data-action="application.withdrawn"]', { hasText: 'A duplicate' }).waitFor();
    expect(await page.getByTestId('withdraw').count()).toBe(0);
    const res = await applicantApi.get(`/api/applications/${toWithdraw}`);
    expect(res.body.status).toBe('cancelled');
  }, 120_000);

  it('downloads the signed certificate, links its verify page and offers its renewal', async () => {
    needs(certified.certificateNumber, 'certificate');
    await page.goto(`${stack.baseUrl}/applications/${certified.trackingNumber}/show`);
    const cert = page.locator(`[data-testid="certificate"][data-number="${certified.certificateNumber}"]`);
    await cert.waitFor();
    expect(await cert.getAttribute('data-status')).toBe('valid');
    const [download] = await Promise.all([page.waitForEvent('download'), cert.getByTestId('download-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`${certified.certificateNumber}.pdf`);
    expect(fs.readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await cert.getByTestId('verify-link').getAttribute('href')).toBe(`/verify/${certified.certificateNumber}`);
    expect(await page.locator('[data-testid="history-entry"][data-action="certificate.issued"]').count()).toBe(1);
    await bothLanguages('certificate', () => cert.waitFor());
    await cert.getByTestId('renew-certificate').click();
    await page.waitForURL(/\/apply\/certificate-renewal\?certificateNumber=/);
    await page.getByTestId('renewal-notice').waitFor();
    await page.locator('[data-testid="start-form"][data-ready="true"]').waitFor();
    expect(await field('start-form', 'Field_certificateNumber').inputValue()).toBe(certified.certificateNumber);
  }, 120_000);

  it('raised no script errors', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
