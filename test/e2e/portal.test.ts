/**
 * The minimal portal in a real browser (Debian's chromium driven by playwright-core) against the
 * real stack: HTTP API → Temporal dev server → workflow → activities → signed PDF → public verify.
 *
 * Applicant applies through the start form (the product documentation uploaded as a PDF, files of
 * the wrong kind refused); the formal reviewer first submits an invalid decision and sees the field
 * error, then completes the check; the technical reviewer sees that a rejection needs a named
 * condition, downloads the applicant's document and approves; the applicant downloads the
 * certificate; the public verify page shows it valid and accepts the file.
 * The pages load their stylesheets, scripts and the Vazirmatn font from /assets/, which serves
 * nothing outside portal/web/assets/. Screenshots of every page go to test-artifacts/e2e/.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Locator, Page } from 'playwright-core';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { runTool } from '../../activities/certificates/pdf-tools.test-helper';
import { samplePdf } from '../../scripts/lib/walk-steps';
import { BrowserSession, SHOTS, shot } from '../support/browser';
import { RunningWorker, Stack, startApi, startWorker } from '../support/harness';

/** The workflow is asynchronous: lists refresh themselves, so waiting on a locator is enough. */
const WORKFLOW_WAIT = 60_000;

const APPLICATION = {
  productName: 'سامانه یکپارچه مدیریت مکاتبات «نامه‌نگار»',
  productVersion: '3.2.0',
  platform: 'web',
  description: 'سامانه تحت وب برای ثبت، ارجاع و بایگانی مکاتبات اداری با امضای دیجیتال. A web system for official correspondence.',
  ownerCompany: 'شرکت نرم‌افزاری نمونه پارس',
};

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;

let trackingNumber = '';
let certificateNumber = '';
let pdfPath = '';

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

const newPage = (): Promise<Page> => browser.newPage();
const login = (username: string): Promise<Page> => browser.login(stack.baseUrl, username);

/** The row of one open task of the application, waited for while the task list refreshes itself. */
async function openTask(page: Page, elementId: string): Promise<void> {
  await page.getByTestId('nav-tasks').click();
  const row = page.locator(`[data-testid="task-row"][data-tracking="${trackingNumber}"][data-element="${elementId}"]`);
  await row.waitFor({ timeout: WORKFLOW_WAIT });
  await row.getByTestId('open-task').click();
  await page.getByTestId('task-form').waitFor();
}

/** Later steps need what earlier ones produced: fail at once instead of waiting for timeouts. */
function needs(value: string, what: string): void {
  if (!value) throw new Error(`an earlier step failed: no ${what}`);
}

async function isVisible(locator: Locator): Promise<boolean> {
  return (await locator.count()) > 0 && locator.first().isVisible();
}

/** A GET with the path sent exactly as written (fetch and browsers would resolve `..` and `%2e%2e` first). */
function rawGet(rawPath: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(stack.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The fonts the browser really drew a node's own text with (Chromium's DevTools protocol). */
async function renderedFonts(page: Page, selector: string): Promise<{ familyName: string; isCustomFont: boolean }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

describe('portal in a browser', () => {
  it('shows a right-to-left, bilingual sign-in page and refuses a wrong password', async () => {
    const page = await newPage();
    await page.goto(`${stack.baseUrl}/`);
    await page.getByTestId('login-form').waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction])).toEqual(['fa', 'rtl', 'rtl']);
    expect(await page.getByTestId('site-title').textContent()).toContain('سامانه صدور مجوزها و گواهی‌ها');
    // every input has a label tied to it
    expect(await page.locator('label[for="login-username"]').textContent()).toContain('نام کاربری');
    await shot(page, '01-login');

    await page.getByTestId('login-username').fill('applicant');
    await page.getByTestId('login-password').fill('wrong');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').getByText('نام کاربری یا گذرواژه نادرست است').waitFor();
    await shot(page, '02-login-wrong-password');
  });

  it('loads its stylesheets, scripts, emblem and the Vazirmatn font from /assets/', async () => {
    for (const [address, css, js] of [['/', 'app.css', 'app.js'], ['/verify', 'verify.css', 'verify.js']]) {
      const page = await newPage();
      const assets = new Map<string, { status: number; type: string; cache: string }>();
      page.on('response', (res) => {
        const url = new URL(res.url());
        if (url.pathname.startsWith('/assets/')) assets.set(url.pathname, { status: res.status(), type: res.headers()['content-type'] ?? '', cache: res.headers()['cache-control'] ?? '' });
      });
      await page.goto(`${stack.baseUrl}${address}`);
      await page.getByTestId(address === '/' ? 'login-form' : 'lookup-form').waitFor();
      await page.evaluate(() => document.fonts.ready.then(() => undefined));

      const expected: Record<string, string> = {
        '/assets/portal.css': 'text/css', [`/assets/${css}`]: 'text/css',
        '/assets/common.js': 'text/javascript', [`/assets/${js}`]: 'text/javascript',
        '/assets/fonts/Vazirmatn-Regular.woff2': 'font/woff2', '/assets/fonts/Vazirmatn-Bold.woff2': 'font/woff2',
        '/assets/emblem.svg': 'image/svg+xml',
      };
      for (const [asset, type] of Object.entries(expected)) {
        expect([asset, assets.get(asset)?.status]).toEqual([asset, 200]);
        expect(assets.get(asset)?.type.split(';')[0]).toBe(type);
        expect(assets.get(asset)?.cache).toBe('public, max-age=3600');
      }
      // the stylesheet applies, and Persian is drawn in Vazirmatn (not a system fallback)
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(238, 241, 245)');
      expect(await page.evaluate(() => document.fonts.check('16px Vazirmatn') && document.fonts.check('bold 16px Vazirmatn'))).toBe(true);
      const loaded = await page.evaluate(() => {
        const weights: string[] = [];
        document.fonts.forEach((f) => { if (f.family.replace(/"/g, '') === 'Vazirmatn' && f.status === 'loaded') weights.push(f.weight); });
        return weights.sort();
      });
      expect(loaded).toEqual(['400', '700']);
      for (const selector of ['h1', address === '/' ? 'label[for="login-username"] .fa' : 'label[for="number"]']) {
        const fonts = await renderedFonts(page, selector);
        expect(fonts.length).toBeGreaterThan(0);
        for (const font of fonts) expect([selector, font]).toEqual([selector, expect.objectContaining({ familyName: 'Vazirmatn', isCustomFont: true })]);
      }
    }
  });

  it('serves nothing outside portal/web/assets/ under /assets/', async () => {
    const font = await fetch(`${stack.baseUrl}/assets/fonts/Vazirmatn-Regular.woff2`);
    expect(Buffer.from(await font.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('wOF2');
    const refused = [
      '/assets/../package.json', '/assets/%2e%2e/package.json', '/assets/%2E%2E/package.json', '/assets/..%2fpackage.json',
      '/assets/%2e%2e%2fpackage.json', '/assets/fonts/../../package.json', '/assets/fonts/%2e%2e/%2e%2e/package.json',
      '/assets/..%5cpackage.json', '/assets//etc/passwd', '/assets/%2fetc%2fpasswd', '/assets/portal.css%00.js',
      '/assets/.hidden.css', '/assets/portal.css.map', '/assets/', '/assets/missing.js', '/assets/fonts/Vazirmatn-Thin.woff2',
      '/assets/fonts/../../../node_modules/vazirmatn/fonts/webfonts/Vazirmatn-Thin.woff2',
    ];
    for (const rawPath of refused) {
      const res = await rawGet(rawPath);
      expect([rawPath, res.status]).toEqual([rawPath, 404]);
      expect(res.type).toContain('application/json');
      expect(JSON.parse(res.body)).toMatchObject({ error: 'not_found', message: expect.any(String) });
    }
  });

  it('lets the applicant apply through the start form, with field errors from the server', async () => {
    const page = await login('applicant');
    await page.getByTestId('nav-new').click();
    await page.getByTestId('process-select').selectOption('software-technical-approval');
    const form = page.getByTestId('start-form');
    await form.waitFor();
    expect(await page.locator('label[for="apply-productName"]').textContent()).toContain('نام محصول');

    // the published decision time before the form
    expect(await page.getByTestId('decision-time').textContent()).toContain('working days');

    // the documentation: a file of another kind is refused before it is sent, one that only
    // pretends to be a PDF by the server (415), a real PDF is uploaded and listed
    const docs = form.getByTestId('field-productDocuments');
    await docs.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text') });
    expect(await form.getByTestId('error-productDocuments').textContent()).toContain('notes.txt');
    await docs.setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('this is not a PDF file at all') });
    await form.getByTestId('error-productDocuments').getByText('PDF، PNG یا JPEG نیست').waitFor();
    expect(await docs.getAttribute('aria-invalid')).toBe('true');
    await docs.setInputFiles({ name: 'technical-documentation.pdf', mimeType: 'application/pdf', buffer: samplePdf('Technical documentation') });
    await form.getByTestId('files-productDocuments').getByTestId('file-item').waitFor();
    expect(await form.getByTestId('error-productDocuments').isVisible()).toBe(false);

    // too short a description: the server refuses it, and the error shows next to the field
    await form.getByTestId('field-productName').fill(APPLICATION.productName);
    await form.getByTestId('field-productVersion').fill(APPLICATION.productVersion);
    await form.getByTestId('field-platform').selectOption(APPLICATION.platform);
    await form.getByTestId('field-description').fill('کوتاه');
    await form.getByTestId('field-ownerCompany').fill(APPLICATION.ownerCompany);
    await page.getByTestId('submit-application').click();
    const descriptionError = form.getByTestId('error-description');
    await descriptionError.waitFor();
    expect(await descriptionError.textContent()).toContain('۲۰');
    expect(await form.getByTestId('field-description').getAttribute('aria-invalid')).toBe('true');
    await shot(page, '03-applicant-start-form-error');

    await form.getByTestId('field-description').fill(APPLICATION.description);
    await page.getByTestId('submit-application').click();
    const tracking = page.getByTestId('tracking-number');
    await tracking.waitFor();
    trackingNumber = (await tracking.textContent())!.trim();
    expect(trackingNumber).toMatch(/^[A-Z]{2,4}-\d{8}-[0-9A-Z]{6}$/);
    await shot(page, '04-applicant-submitted');

    await page.getByTestId('nav-applications').click();
    const row = page.locator(`[data-testid="application-row"][data-tracking="${trackingNumber}"]`);
    await row.waitFor();
    // dates in the Solar Hijri calendar (Persian digits) with the Gregorian date beside them
    expect(await row.locator('time').textContent()).toMatch(/[۰-۹]{4}.*\d{4}/);
    await shot(page, '05-applicant-applications-running');
  }, 120_000);

  it('lets the formal reviewer see a field error, then complete the check', async () => {
    needs(trackingNumber, 'tracking number');
    const page = await login('reviewer1');
    await openTask(page, 'formal-check');
    const submitted = page.getByTestId('submitted-data');
    expect(await submitted.textContent()).toContain(APPLICATION.productName);
    expect(await submitted.textContent()).toContain('وب / Web');
    await shot(page, '06-reviewer1-task');

    // "needs fixes" without saying what: refused by the server, error next to the comment field
    const form = page.getByTestId('task-form');
    await form.getByTestId('field-formalDecision').selectOption('incomplete');
    await form.getByTestId('field-formalComment').waitFor();
    await page.getByTestId('submit-task').click();
    const commentError = form.getByTestId('error-formalComment');
    await commentError.waitFor();
    expect(await commentError.textContent()).toContain('الزامی');
    expect(await commentError.textContent()).toContain('This field is required');
    await shot(page, '07-reviewer1-task-error');

    // "complete" hides the comment field (conditional.hide) and goes through
    await form.getByTestId('field-formalDecision').selectOption('complete');
    await form.getByTestId('field-formalComment').waitFor({ state: 'hidden' });
    await page.getByTestId('submit-task').click();
    await page.getByTestId('flash').waitFor();
    expect(await page.getByTestId('flash').textContent()).toContain(trackingNumber);
    await page.locator(`[data-testid="task-row"][data-tracking="${trackingNumber}"]`).waitFor({ state: 'detached' });
    await shot(page, '08-reviewer1-done');
  }, 120_000);

  it('lets the technical reviewer see the documentation, learn that a rejection names a condition, and approve', async () => {
    needs(trackingNumber, 'tracking number');
    const page = await login('reviewer2');
    await page.locator(`[data-testid="task-row"][data-tracking="${trackingNumber}"][data-element="technical-review"]`).waitFor({ timeout: WORKFLOW_WAIT });
    await shot(page, '09-reviewer2-tasks');
    await openTask(page, 'technical-review');

    // the applicant's documentation, downloadable beside the form
    const documents = page.getByTestId('task-documents');
    expect(await documents.getByTestId('document-item').textContent()).toContain('technical-documentation.pdf');
    const [download] = await Promise.all([page.waitForEvent('download'), documents.getByTestId('download-document').click()]);
    expect(download.suggestedFilename()).toBe('technical-documentation.pdf');
    expect(fs.readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // a rejection needs the condition not met (from the family's list) and a reason
    const form = page.getByTestId('task-form');
    await form.getByTestId('field-technicalDecision').selectOption('reject');
    const condition = form.getByTestId('field-rejectionCondition');
    await condition.waitFor();
    expect(await condition.locator('option[value="documentation-incomplete"]').count()).toBe(1);
    await page.getByTestId('submit-task').click();
    await form.getByTestId('error-rejectionCondition').waitFor();
    expect(await form.getByTestId('error-rejectionReason').textContent()).toContain('الزامی');

    await form.getByTestId('field-technicalDecision').selectOption('approve');
    await form.getByTestId('field-rejectionReason').waitFor({ state: 'hidden' });
    await condition.waitFor({ state: 'hidden' });
    await form.getByTestId('field-technicalComment').fill('همه معیارهای فنی رعایت شده است. All technical criteria are met.');
    await shot(page, '10-reviewer2-task');
    await page.getByTestId('submit-task').click();
    await page.getByTestId('flash').waitFor();
  }, 120_000);

  it('shows the applicant the completed application and downloads the signed PDF', async () => {
    needs(trackingNumber, 'tracking number');
    const page = await login('applicant');
    await page.getByTestId('nav-applications').click();
    const row = page.locator(`[data-testid="application-row"][data-tracking="${trackingNumber}"][data-status="completed"]`);
    await row.waitFor({ timeout: WORKFLOW_WAIT });
    expect(await row.getAttribute('data-outcome')).toBe('approved');
    certificateNumber = (await row.getByTestId('certificate-number').textContent())!.trim();
    expect(certificateNumber).toMatch(/^TA-\d{4}-\d{6}-[0-9A-Z]$/);

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('download-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`${certificateNumber}.pdf`);
    pdfPath = path.join(SHOTS, `${certificateNumber}.pdf`);
    await download.saveAs(pdfPath);
    expect(fs.readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await row.getByTestId('pdf-link').waitFor();
    await shot(page, '11-applicant-applications-completed');

    await row.getByTestId('application-link').click();
    const history = page.getByTestId('history');
    await history.waitFor();
    expect(await history.locator('[data-action="certificate.issued"]').count()).toBe(1);
    await shot(page, '12-applicant-application-detail');

    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('inbox').waitFor();
    expect(await page.getByTestId('notification').filter({ hasText: certificateNumber }).count()).toBeGreaterThan(0);
    await shot(page, '13-applicant-inbox');
  }, 120_000);

  it('shows the administrator the process definitions and the API document', async () => {
    const page = await login('admin');
    await page.getByTestId('nav-admin').click();
    const row = page.locator('[data-testid="definition-row"][data-key="software-technical-approval"]');
    await row.waitFor();
    await row.getByTestId('show-versions').click();
    await row.locator('li').first().waitFor();
    expect(await page.getByTestId('openapi-link').getAttribute('href')).toBe('/api/openapi.json');
    await shot(page, '14-admin-definitions');
    await page.getByTestId('nav-applications').click();
    await page.locator(`[data-testid="application-row"][data-tracking="${trackingNumber}"]`).waitFor();
    await shot(page, '15-admin-applications');
  });

  it('verifies the certificate publicly by the QR address and by uploading the PDF', async () => {
    needs(certificateNumber, 'certificate number');
    needs(pdfPath, 'downloaded PDF');
    const page = await newPage();
    await page.goto(`${stack.baseUrl}/verify/${certificateNumber}`);
    const status = page.getByTestId('verify-status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('valid');
    expect(await status.textContent()).toContain('معتبر');
    expect(await page.getByTestId('verify-number').inputValue()).toBe(certificateNumber);
    const recordText = await page.getByTestId('verify-record').textContent();
    expect(recordText).toContain(APPLICATION.productName);
    // the subject is read by the labels the record carries from the family's template: words, not codes
    expect(recordText).toContain('بستر اجرا');
    expect(recordText).toContain('وب');
    // the short record hash on the page is the one printed on the certificate
    const shortHash = (await page.getByTestId('verify-short-hash').textContent()) ?? '';
    expect(shortHash).toMatch(/^[0-9a-f]{16}$/);
    expect(runTool('pdftotext', [pdfPath, '-']).stdout).toContain(shortHash);
    // the record shows its history and how it came to be, by reviewer group, without people's names
    expect(await page.locator('[data-testid="verify-history"] li[data-action="issue"]').count()).toBe(1);
    const issuedBy = await page.getByTestId('verify-process').textContent();
    expect(issuedBy).toContain('technical reviewers');
    expect(issuedBy).not.toMatch(/reviewer1|reviewer2/);
    await shot(page, '16-verify-valid');

    await page.getByTestId('verify-file').setInputFiles(pdfPath);
    await page.getByTestId('verify-upload').click();
    const verdict = page.getByTestId('verify-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('good');
    expect(await page.getByTestId('verdict-fa').textContent()).toContain(certificateNumber);
    expect(await page.getByTestId('verdict-en').textContent()).toContain('authentic and valid');
    for (const check of ['check-signature', 'check-chain', 'check-hash']) {
      expect(await page.getByTestId(check).getAttribute('data-ok')).toBe('true');
    }
    await shot(page, '17-verify-upload-valid');

    // where a phone lands after scanning the QR code
    const mobile = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await mobile.goto(`${stack.baseUrl}/verify/${certificateNumber}`);
    await mobile.locator('[data-testid="verify-status"][data-status="valid"]').waitFor();
    await shot(mobile, '18-verify-valid-phone');
  });

  it('explains wrong numbers, unknown numbers and files that are not PDFs', async () => {
    needs(certificateNumber, 'certificate number');
    const page = await newPage();
    await page.goto(`${stack.baseUrl}/verify`);
    const number = page.getByTestId('verify-number');
    const error = page.getByTestId('verify-error');

    // a mistyped check character: 400
    const last = certificateNumber.slice(-1);
    await number.fill(certificateNumber.slice(0, -1) + (last === '0' ? '1' : '0'));
    await page.getByTestId('verify-submit').click();
    await error.getByText('نویسه کنترلی').waitFor();
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    await shot(page, '19-verify-wrong-check-character');

    // a well-formed number nobody issued: 404
    await number.fill(formatCertificateNumber({ family: 'TA', jalaliYear: 1404, sequence: 999_999 }));
    await page.getByTestId('verify-submit').click();
    await error.getByText('ثبت نشده است').waitFor();
    expect(await isVisible(page.getByTestId('verify-record'))).toBe(false);

    // not a PDF: 415
    await page.getByTestId('verify-file').setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: Buffer.from('this is not a PDF file at all') });
    await page.getByTestId('verify-upload').click();
    await page.getByTestId('upload-error').getByText('PDF نیست').waitFor();
    await shot(page, '20-verify-errors');
  });

  it('lets the administrator suspend and reinstate the certificate from its application, and the public page follows', async () => {
    needs(certificateNumber, 'certificate number');
    const admin = await login('admin');
    const publicPage = await newPage();
    /** The public page, reloaded until it shows `status` (the status-change process runs first). */
    const publicShows = async (status: string) => {
      for (let i = 0; i < 60; i++) {
        await publicPage.goto(`${stack.baseUrl}/verify/${certificateNumber}`);
        await publicPage.getByTestId('verify-status').waitFor();
        if ((await publicPage.getByTestId('verify-status').getAttribute('data-status')) === status) return;
        await publicPage.waitForTimeout(500);
      }
      throw new Error(`the public page never showed ${status}`);
    };
    const request = async (action: string, reason: string) => {
      await admin.goto(`${stack.baseUrl}/#/application/${encodeURIComponent(trackingNumber)}`);
      const card = admin.getByTestId('status-change-card');
      await card.waitFor();
      await card.getByTestId('status-action').selectOption(action);
      await card.getByTestId('status-reason').fill(reason);
      await card.getByTestId('status-submit').click();
      await card.getByTestId('status-change-link').waitFor();
    };

    await request('suspend', 'بررسی گزارش آسیب‌پذیری / checking a vulnerability report');
    await shot(admin, '19-admin-status-change');
    await publicShows('suspended');
    expect(await publicPage.getByTestId('verify-history').textContent()).toContain('checking a vulnerability report');
    await shot(publicPage, '20-verify-suspended');
    await request('reinstate', 'بررسی پایان یافت / review finished');
    await publicShows('valid');
  });

  it('raised no script errors on any page', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
