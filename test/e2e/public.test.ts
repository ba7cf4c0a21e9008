/**
 * The public pages of the portal app in a real browser (chromium via playwright-core), as an
 * anonymous visitor, on the real stack: one software technical approval is walked to its signed
 * certificate through the API, then everything else goes through the UI only.
 *
 * The home page's verify box and the verify page catch a mistyped number while it is typed (no
 * request leaves the browser), the right number gives the valid verdict with the holder, dates and
 * status history; the QR address /verify/<number> opens with the verdict shown (any accepted
 * spelling); an unknown number is a verdict of its own; the certificate PDF dropped on the page is
 * valid, the same file with one byte changed is forged, with text painted on it by an incremental
 * update is "modified after signing" and says what changed; the register finds the certificate by
 * search and by type, pages through the server (?pageSize= makes pages of one row) and says what
 * to do when nothing matches; the CA page downloads the root's PEM. A suspended certificate shows
 * its own verdict, and the register by status narrows to it; an administrator revokes a second
 * certificate on its page, a technical reviewer (shown the certificate and the reason) confirms the
 * revocation from the task queue, and the verify page then leads with the revoked verdict, the
 * reason and date in the history. Every page is scanned by axe (no serious or critical problem)
 * and photographed in Persian, in English and at phone width (360 px, no horizontal scroll).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { toPersianDigits } from '../../activities/certificates/digits';
import { paintText } from '../../activities/certificates/tamper-corpus.test-helper';
import { verifyUrlFor } from '../../activities';
import { SAMPLE_APPLICATION, waitForPublicStatus } from '../../scripts/lib/walk-steps';
import { walkContext, walkTechnicalApproval } from '../../scripts/lib/walks';
import { seriousAccessibilityProblems } from '../support/axe';
import { BrowserSession, checkBothLanguages, shot, needs } from '../support/browser';
import { RunningWorker, Stack, startApi, startWorker } from '../support/harness';

/** Unique to this run: other tests of the run (one shared database) issue certificates too. */
const RUN_TOKEN = `pub-${Date.now().toString(36).slice(-6)}`;
const PRODUCT = `سامانه آزمون فهرست عمومی «دفتر» ${RUN_TOKEN}`;
/** A second certificate of this run: the register's second page, and the one revoked. */
const SECOND_PRODUCT = `سامانه دوم آزمون فهرست عمومی «بایگان» ${RUN_TOKEN}`;
/** Status changes and the reviewer's queue follow processes that run in the worker. */
const WORKFLOW_WAIT = 60_000;

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let number = '';
let second = '';
let pdf: Buffer = Buffer.alloc(0);
let holderName = '';
let ctx: ReturnType<typeof walkContext>;

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
  ctx = walkContext(stack.baseUrl);
  [{ certificateNumber: number }, { certificateNumber: second }] = await Promise.all([
    walkTechnicalApproval(ctx, { ...SAMPLE_APPLICATION, productName: PRODUCT }),
    walkTechnicalApproval(ctx, { ...SAMPLE_APPLICATION, productName: SECOND_PRODUCT }),
  ]);
  const applicant = await ctx.as('applicant');
  const file = await applicant.get(`/api/certificates/${number}/pdf`);
  expect(file.status).toBe(200);
  pdf = file.body as Buffer;
  holderName = (await ctx.anonymous.get(`/api/public/certificates/${number}`)).body.holder.name;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

/** Requests for a certificate's public record made by the page, from now on. */
function lookups(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => { if (r.url().includes('/api/public/certificates/')) seen.push(r); });
  return seen;
}

/** Colour transitions (buttons, ripples) finished, so the contrast check sees the final colours. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity));
  // nothing wider than the window
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** Screenshot and axe scan in Persian, then in English (the toggle), then back to Persian. */
async function inBothLanguages(page: Page, name: string, still?: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fa');
  await settled(page);
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
  await shot(page, `${name}-fa`);
  await page.getByTestId('locale-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en' && document.documentElement.dir === 'ltr');
  // what the page showed is still there in the other language
  if (still) await page.locator(still).first().waitFor();
  await settled(page);
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
  await shot(page, `${name}-en`);
  await page.getByTestId('locale-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'fa');
}

/** The page at phone width: one column, no horizontal scroll, axe clean; a screenshot. */
async function atPhoneWidth(address: string, name: string, ready: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
  await page.goto(`${stack.baseUrl}${address}`);
  await ready(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await settled(page);
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
  await shot(page, `${name}-360`);
  return page;
}

/** The register shows the answer to the address's filters (not the previous one's). */
/**
 * The register shows the answer to its current filters; `filters` names them, for a change made on
 * the page (the URL changes a moment before the page renders for it, still marked ready).
 */
async function registerReady(page: Page, filters: { family?: string } = {}): Promise<void> {
  const family = filters.family === undefined ? '' : `[data-family="${filters.family}"]`;
  await page.locator(`[data-testid="register-results"][data-ready="true"]${family}`).waitFor();
}

/** Drops a file on the drop zone, as a browser does when a file is dragged from the desktop. */
async function dropFile(page: Page, bytes: Buffer, name: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(({ b64, fileName }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], fileName, { type: 'application/pdf' }));
    return transfer;
  }, { b64: bytes.toString('base64'), fileName: name });
  await page.dispatchEvent('[data-testid="verify-drop"]', 'dragenter', { dataTransfer });
  await page.dispatchEvent('[data-testid="verify-drop"]', 'drop', { dataTransfer });
}

describe('public pages', () => {
  it('home: a typo in the verify box is caught while typing, the right number opens its verdict', async () => {
    needs(number, 'certificate');
    const page = await browser.newPage();
    const seen = lookups(page);
    await page.goto(`${stack.baseUrl}/`);
    await page.getByTestId('home-verify').waitFor();
    expect(await page.getByTestId('home-family').count()).toBe(5);
    await inBothLanguages(page, 'public-home');

    // the last character changed: the check character no longer matches
    const typo = number.slice(0, -1) + (number.endsWith('0') ? '1' : '0');
    await page.getByTestId('home-verify-number').pressSequentially(typo, { delay: 10 });
    await page.getByTestId('home-verify-number-error').getByText('نویسه کنترلی').waitFor();
    expect(await page.getByTestId('home-verify-number').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('home-verify-submit').click();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(seen).toEqual([]);
    await shot(page, 'public-home-typo-fa');

    await page.getByTestId('home-verify-number').fill(number);
    await page.getByTestId('home-verify-number-ok').waitFor();
    await page.getByTestId('home-verify-submit').click();
    await page.waitForURL(`**/verify/${number}`);
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('valid');
    expect(seen.map((r) => new URL(r.url()).pathname)).toEqual([`/api/public/certificates/${number}`]);

    await atPhoneWidth('/', 'public-home', (p) => p.getByTestId('home-verify').waitFor());
  });

  it('verify: the number typed in the box, a typo caught before asking, then the verdict, details and history', async () => {
    needs(number, 'certificate');
    const page = await browser.newPage();
    const seen = lookups(page);
    await page.goto(`${stack.baseUrl}/verify`);
    await page.getByTestId('verify-form').waitFor();
    await inBothLanguages(page, 'public-verify-empty');

    // two adjacent characters swapped: caught by the check character, while typing
    const digits = number.split('-');
    const swapped = [digits[0], digits[1], digits[2].slice(0, 4) + digits[2][5] + digits[2][4], digits[3]].join('-');
    if (swapped !== number) {
      await page.getByTestId('verify-number').pressSequentially(swapped, { delay: 10 });
      await page.getByTestId('verify-number-error').waitFor();
      await page.getByTestId('verify-submit').click();
      expect(seen).toEqual([]);
    }
    // empty: said on submit, not before
    await page.getByTestId('verify-number').fill('');
    await expect(page.getByTestId('verify-number-error').count()).resolves.toBe(0);
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-number-error').getByText('شماره گواهی را وارد کنید').waitFor();
    expect(seen).toEqual([]);

    await page.getByTestId('verify-number').fill(number);
    await page.getByTestId('verify-submit').click();
    await page.waitForURL(`**/verify/${number}`);
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('valid');
    expect(await page.getByTestId('verdict-title').textContent()).toContain('گواهی معتبر است');
    expect(await page.getByTestId('verify-field-holder').textContent()).toContain(holderName);
    expect(await page.getByTestId('verify-field-productName').textContent()).toContain(PRODUCT);
    // dates: Jalali with the Gregorian beside it
    const issued = await page.getByTestId('verify-field-issued').textContent();
    expect(issued).toMatch(/[۰-۹]{4}/);
    expect(issued).toMatch(/\b20\d\d\b/);
    expect(await page.getByTestId('verify-sha256').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('verify-short-hash').textContent()).toMatch(/^[0-9a-f]{16}$/);
    expect(await page.getByTestId('verify-history').getByTestId('history-entry').first().getAttribute('data-action')).toBe('issue');
    expect(await page.getByTestId('verify-process').getByTestId('process-entry').count()).toBeGreaterThanOrEqual(3);
    await inBothLanguages(page, 'public-verify', '[data-testid="verdict"][data-verdict="valid"]');
  });

  it('verify: the QR address opens with the verdict shown, in any accepted spelling; an unknown number is its own verdict', async () => {
    needs(number, 'certificate');
    const page = await browser.newPage();
    // the address printed on the certificate and in its QR code
    await page.goto(verifyUrlFor(stack.baseUrl, number));
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('valid');
    expect(await page.getByTestId('verify-number').inputValue()).toBe(number);

    // lowercase with Persian digits, as someone might type the address: shown under the canonical number
    await page.goto(`${stack.baseUrl}/verify/${encodeURIComponent(toPersianDigits(number.toLowerCase()))}`);
    await page.waitForURL(`**/verify/${number}`);
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('valid');

    const unknown = formatCertificateNumber({ family: 'TA', jalaliYear: 1399, sequence: 999_999 });
    await page.goto(`${stack.baseUrl}/verify/${unknown}`);
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('unknown');
    expect(await page.getByTestId('verdict-number').textContent()).toBe(unknown);
    await inBothLanguages(page, 'public-verify-unknown', '[data-testid="verdict"][data-verdict="unknown"]');

    await atPhoneWidth(`/verify/${number}`, 'public-verify', (p) => p.getByTestId('verify-record').waitFor());
  });

  it('verify: the certificate PDF dropped on the page is valid; the same file with one byte changed is forged, with text painted after signing is modified', async () => {
    needs(number, 'certificate');
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/verify`);
    await page.getByTestId('verify-drop').waitFor();

    await dropFile(page, pdf, `${number}.pdf`);
    const verdict = page.getByTestId('verdict');
    await page.locator('[data-testid="verdict"][data-verdict="valid"]').waitFor();
    for (const check of ['signatureValid', 'chainTrusted', 'hashMatchesRecord']) expect(await page.getByTestId(`check-${check}`).getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('verdict-number').textContent()).toBe(number);
    // the issued signature is time-stamped and long-term (PAdES B-LTA): the signing time in both
    // calendars, the level, and when the document time-stamp over the validation data was made
    const signingTime = page.getByTestId('verdict-signing-time');
    expect(await signingTime.getAttribute('data-valid')).toBe('true');
    expect(await signingTime.textContent()).toMatch(/[۰-۹]{4}/);
    expect(await signingTime.textContent()).toMatch(/\b20\d\d\b/);
    expect(await page.getByTestId('verdict-pades-level').textContent()).toContain('B-LTA');
    const documentTimeStamp = await page.getByTestId('verdict-document-time-stamp').textContent();
    expect(documentTimeStamp).toMatch(/[۰-۹]{4}/);
    expect(documentTimeStamp).toMatch(/\b20\d\d\b/);
    await page.getByTestId('verify-record').waitFor();
    await inBothLanguages(page, 'public-verify-file-valid', '[data-testid="verdict"][data-verdict="valid"]');

    // through the file button this time
    const altered = Buffer.from(pdf);
    altered[200] ^= 0x01;
    const file = path.join(process.env.TEST_RUN_DIR ?? fs.mkdtempSync('/tmp/public-'), `${number}-altered.pdf`);
    fs.writeFileSync(file, altered);
    await page.getByTestId('verify-file').setInputFiles(file);
    await page.locator('[data-testid="verdict"][data-verdict="forged"]').waitFor();
    expect(await page.getByTestId('check-signatureValid').getAttribute('data-ok')).toBe('false');
    expect(await verdict.textContent()).toContain('جعلی');
    expect(await page.getByTestId('verify-record').count()).toBe(0);
    await inBothLanguages(page, 'public-verify-file-forged', '[data-testid="verdict"][data-verdict="forged"]');

    // text painted on the page by an incremental update: the signature still holds, but the file was modified after signing
    const painted = path.join(path.dirname(file), `${number}-painted.pdf`);
    fs.writeFileSync(painted, paintText(pdf));
    await page.getByTestId('verify-file').setInputFiles(painted);
    await page.locator('[data-testid="verdict"][data-verdict="modified"]').waitFor();
    expect(await page.getByTestId('check-signatureValid').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('check-unchangedAfterSigning').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('modification').getAttribute('data-kind')).toBe('content-update');
    expect(await verdict.textContent()).toContain('پس از امضا تغییر کرده است');
    expect(await page.getByTestId('modification-objects').textContent()).toContain('صفحه');
    await inBothLanguages(page, 'public-verify-file-modified', '[data-testid="modification"][data-kind="content-update"]');
    expect(await page.getByTestId('modification-kind').textContent()).toContain('page content');

    // not a PDF: said in words, nothing sent as a verdict
    const text = path.join(path.dirname(file), 'not-a-pdf.pdf');
    fs.writeFileSync(text, 'just some text');
    await page.getByTestId('verify-file').setInputFiles(text);
    await page.getByTestId('verify-file-error').getByText('PDF نیست').waitFor();
  });

  it('register: finds the certificate by search and by type, and says what to do when nothing matches', async () => {
    needs(number, 'certificate');
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/register`);
    const row = page.locator(`[data-testid="register-row"][data-number="${number}"]`);
    await row.waitFor();
    await inBothLanguages(page, 'public-register', `[data-testid="register-row"][data-number="${number}"]`);

    await page.getByTestId('register-q').fill(RUN_TOKEN);
    await page.waitForURL(/q=/);
    // the results shown are those of this search (not the list from before it, still marked ready)
    await page.locator(`[data-testid="register-results"][data-ready="true"][data-q="${RUN_TOKEN}"]`).waitFor();
    await row.waitFor();
    // this run's two certificates, and nothing else
    expect((await page.getByTestId('register-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')))).sort()).toEqual([number, second].sort());
    expect(await row.getByTestId('register-holder').textContent()).toContain(holderName);

    await page.getByTestId('register-q').fill('');
    await page.waitForURL((u) => !u.searchParams.has('q'));
    await page.getByTestId('register-family').selectOption('software-technical-approval');
    await page.waitForURL(/family=software-technical-approval/);
    await registerReady(page, { family: 'software-technical-approval' });
    await row.waitFor();
    expect(await page.locator('[data-testid="register-row"]:not([data-family="software-technical-approval"])').count()).toBe(0);

    // this certificate under another family: nothing matches, and the page says what to do
    await page.getByTestId('register-q').fill(RUN_TOKEN);
    await page.waitForURL(/q=/);
    await page.getByTestId('register-family').selectOption('cloud-provider-profile');
    await page.getByTestId('register-empty').waitFor();
    await inBothLanguages(page, 'public-register-empty', '[data-testid="register-empty"]');
    await page.getByTestId('register-clear').click();
    await row.waitFor();

    // the number opens its verify page
    await row.getByTestId('register-number').click();
    await page.waitForURL(`**/verify/${number}`);
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('valid');

    await atPhoneWidth('/register', 'public-register', (p) => p.getByTestId('register-row').first().waitFor());
  });

  it('register: pages through the server, the total and page count right, back to the first page', async () => {
    needs(second, 'second certificate');
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/register?q=${RUN_TOKEN}&pageSize=1`);
    await registerReady(page);
    const results = page.getByTestId('register-results');
    expect(await results.getAttribute('data-total')).toBe('2');
    expect(await page.getByTestId('register-total').textContent()).toMatch(/^[2۲] /);
    expect(await page.getByTestId('register-paging').getAttribute('data-pages')).toBe('2');
    const shown = () => page.getByTestId('register-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));
    const first = await shown();
    expect(first).toHaveLength(1);
    expect([number, second]).toContain(first[0]);

    // the next page: the other certificate, asked of the server with the same search
    const pages = page.getByTestId('register-pages');
    await pages.getByRole('button', { name: 'صفحه بعد' }).click();
    await page.waitForURL(/[?&]page=2/);
    await page.locator('[data-testid="register-results"][data-ready="true"][data-page="2"]').waitFor();
    const other = await shown();
    expect(other).toHaveLength(1);
    expect([...first, ...other].sort()).toEqual([number, second].sort());
    expect(await results.getAttribute('data-total')).toBe('2');
    expect(await pages.locator('[aria-current="page"]').textContent()).toMatch(/^[2۲]$/);

    // back: by the previous-page button, and by the browser's back button (each page has its address)
    await pages.getByRole('button', { name: 'صفحه قبل' }).click();
    await page.waitForURL((u) => !u.searchParams.has('page'));
    await page.locator('[data-testid="register-results"][data-ready="true"][data-page="1"]').waitFor();
    expect(await shown()).toEqual(first);
    await page.goBack();
    await page.locator('[data-testid="register-results"][data-ready="true"][data-page="2"]').waitFor();
    expect(await shown()).toEqual(other);

    // the pages at phone width: no horizontal scroll
    await atPhoneWidth(`/register?q=${RUN_TOKEN}&pageSize=1`, 'public-register-paged', (p) => p.getByTestId('register-pages').waitFor());
  });

  it('CA certificates: the root downloads as a PEM file with its fingerprint shown', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/ca`);
    const root = page.locator('[data-testid="ca-root"] [data-testid="ca-card"]');
    await root.waitFor();
    expect(await page.locator('[data-testid="ca-issuing"] [data-testid="ca-card"]').count()).toBeGreaterThanOrEqual(1);
    await inBothLanguages(page, 'public-ca', '[data-testid="ca-download"]');

    const [download] = await Promise.all([page.waitForEvent('download'), root.getByTestId('ca-download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pem$/);
    const saved = await download.path();
    const pem = fs.readFileSync(saved!, 'utf8');
    const norm = (s: string) => s.replace(/\s+/g, '');
    expect(norm(pem)).toBe(norm(stack.pki.rootCertPem));
    const { X509Certificate } = await import('node:crypto');
    expect(await root.getByTestId('ca-fingerprint').textContent()).toBe(new X509Certificate(pem).fingerprint256);

    await atPhoneWidth('/ca', 'public-ca', (p) => p.getByTestId('ca-card').first().waitFor());
  });

  it('a suspended certificate: its verdict, the reason in its history, its file authentic but not in force, the register by status', async () => {
    needs(number, 'certificate');
    const reason = 'تعلیق موقت برای آزمون: گزارش آسیب‌پذیری در حال بررسی است.';
    const admin = await ctx.as('admin');
    expect((await admin.post(`/api/certificates/${number}/status-changes`, { action: 'suspend', reason })).status).toBe(202);
    await waitForPublicStatus(ctx.anonymous, number, 'suspended', 60_000);

    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/verify/${number}`);
    await page.locator('[data-testid="verdict"][data-verdict="suspended"]').waitFor();
    const suspension = page.locator('[data-testid="history-entry"][data-action="suspend"]');
    await suspension.waitFor();
    expect(await suspension.getByTestId('history-reason').textContent()).toBe(reason);
    await inBothLanguages(page, 'public-verify-suspended', '[data-testid="verdict"][data-verdict="suspended"]');

    await dropFile(page, pdf, `${number}.pdf`);
    await page.locator('[data-testid="file-verdict"][data-verdict="suspended"]').waitFor();
    expect(await page.getByTestId('check-hashMatchesRecord').getAttribute('data-ok')).toBe('true');

    // the register by status: only suspended certificates, and of this run's two only this one
    await page.goto(`${stack.baseUrl}/register?status=suspended`);
    await page.locator(`[data-testid="register-row"][data-number="${number}"][data-status="suspended"]`).waitFor();
    expect(await page.locator('[data-testid="register-row"]:not([data-status="suspended"])').count()).toBe(0);
    await page.goto(`${stack.baseUrl}/register?status=suspended&q=${RUN_TOKEN}`);
    await registerReady(page);
    expect(await page.getByTestId('register-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')))).toEqual([number]);
  });

  it('a revocation: asked on the administrator\'s certificate page with a reason, confirmed by a technical reviewer in the queue, then the revoked verdict first', async () => {
    needs(second, 'second certificate');
    const reason = 'ابطال برای آزمون: مجوز با اطلاعات نادرست گرفته شده است / obtained with false information';
    const admin = await browser.login(stack.baseUrl, 'admin');
    await admin.goto(`${stack.baseUrl}/issued-certificates/${encodeURIComponent(second)}/show`);
    const show = admin.getByTestId('certificate-show');
    await admin.locator('[data-testid="certificate-show"][data-status="valid"]').waitFor();
    await admin.getByTestId('certificate-revoke').click();
    await admin.getByTestId('status-reason').fill(reason);
    await admin.getByTestId('status-confirm').click();
    const requested = admin.getByTestId('status-requested');
    await requested.waitFor();
    const tracking = (await requested.getAttribute('data-tracking')) ?? '';
    expect(tracking).toMatch(/^CS-\d{8}-[0-9A-Z]{6}$/);
    // waiting for the reviewer: the page says so and offers no other change; still valid, publicly too
    await admin.locator(`[data-testid="pending-change"]`).waitFor({ timeout: WORKFLOW_WAIT });
    expect(await admin.getByTestId('pending-change').textContent()).toContain(tracking);
    expect(await show.getAttribute('data-status')).toBe('valid');
    expect(await admin.getByTestId('certificate-suspend').count()).toBe(0);

    const reviewer = await browser.login(stack.baseUrl, 'reviewer2');
    await reviewer.getByTestId('nav-tasks').click();
    await reviewer.getByTestId('filter-q').locator('input').fill(tracking.slice(-6).toLowerCase());
    const task = reviewer.locator(`[data-testid="task-row"][data-tracking="${tracking}"][data-element="confirm-revocation"]`);
    await task.waitFor({ timeout: WORKFLOW_WAIT });
    expect((await ctx.anonymous.get(`/api/public/certificates/${second}`)).body.status).toBe('valid');
    await task.getByTestId('open-task').click();
    await reviewer.locator('[data-testid="task-form"][data-ready="true"]').waitFor();
    // what is to be confirmed, in the form: the certificate and the administrator's reason, not editable
    const shown = (id: string) => reviewer.locator(`[data-testid="task-form"] [id$="-${id}"]`);
    expect(await shown('Field_certificateNumber').inputValue()).toBe(second);
    expect(await shown('Field_reason').inputValue()).toBe(reason);
    expect(await shown('Field_reason').getAttribute('readonly')).not.toBeNull();
    await checkBothLanguages(reviewer, 'public-revocation-confirm', () => reviewer.locator('[data-testid="task-form"][data-ready="true"]').waitFor());
    await reviewer.locator('[data-testid="task-form"] [id$="-Field_revocationDecision-display"]').click();
    await reviewer.locator('[data-testid="task-form"] .fjs-dropdownlist-item', { hasText: 'Confirm the revocation' }).click();
    await reviewer.getByTestId('task-form-submit').click();
    await reviewer.waitForURL(/\/tasks(\?.*)?$/);

    // the administrator's page follows the process to its end: revoked, the change in the history, nothing more to do
    await admin.locator('[data-testid="certificate-show"][data-status="revoked"]').waitFor({ timeout: WORKFLOW_WAIT });
    await admin.locator('[data-testid="history-row"][data-action="revoke"]').waitFor({ timeout: WORKFLOW_WAIT });
    expect(await admin.locator('[data-testid="certificate-suspend"], [data-testid="certificate-revoke"], [data-testid="certificate-reinstate"]').count()).toBe(0);
    await waitForPublicStatus(ctx.anonymous, second, 'revoked', WORKFLOW_WAIT);

    // the public verify page: the revoked verdict before anything else, the reason and date in the history
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/verify/${second}`);
    const verdict = page.locator('[data-testid="verdict"][data-verdict="revoked"]');
    await verdict.waitFor();
    await page.getByTestId('verify-record').waitFor();
    expect(await page.evaluate(() => {
      const first = document.querySelector('[data-testid="verdict"]');
      const record = document.querySelector('[data-testid="verify-record"]');
      return !!first && !!record && !!(first.compareDocumentPosition(record) & Node.DOCUMENT_POSITION_FOLLOWING);
    })).toBe(true);
    const revocation = page.locator('[data-testid="history-entry"][data-action="revoke"]');
    await revocation.waitFor();
    expect(await revocation.getByTestId('history-reason').textContent()).toBe(reason);
    const when = await revocation.textContent();
    expect(when).toMatch(/[۰-۹]{4}/);
    expect(when).toMatch(/\b20\d\d\b/);
    await inBothLanguages(page, 'public-verify-revoked', '[data-testid="verdict"][data-verdict="revoked"]');

    // the register by status narrows to it
    await page.goto(`${stack.baseUrl}/register?status=revoked&q=${RUN_TOKEN}`);
    await registerReady(page);
    expect(await page.getByTestId('register-row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-number'), r.getAttribute('data-status')]))).toEqual([[second, 'revoked']]);
  }, 180_000);

  it('raised no script errors', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
