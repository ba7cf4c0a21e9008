/**
 * Paying a fee in a real browser against the real stack: an approved software technical approval
 * shows its fee as due on the applicant's application page; the applicant presses "pay", lands on
 * the payment gateway simulator's page, first cancels (back on the page: the payment failed, "pay
 * again"), then pays; back on the application's page the fee shows as paid with the gateway's
 * reference, the receipt is among the documents and the certificate is issued. The administrator's
 * payments list shows the fee as paid. A data-centre grading fee, paid before review and refunded
 * when the formal check rejected the application, shows as refunded with the gateway's refund
 * reference. Screenshots in Persian and English, axe on each page.
 */
import type { Page } from 'playwright-core';
import { apply, completeTask, waitForCompletion, waitForFee, waitForTask } from '../../scripts/lib/walk-steps';
import { gradingPaid, walkContext, walkQualification } from '../../scripts/lib/walks';
import { ensureQualified, work } from '../../scripts/lib/walks/steps';
import { BrowserSession, checkBothLanguages, shot } from '../support/browser';
import { ApiClient, RunningWorker, Stack, startApi, startWorker } from '../support/harness';

const WORKFLOW_WAIT = 60_000;

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let trackingNumber = '';

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki, undefined, undefined, stack.paymentGateway);
  browser = await BrowserSession.launch();
  const client = new ApiClient(stack.baseUrl);
  const [applicant, formal, technical] = await Promise.all(['applicant', 'reviewer1', 'reviewer2'].map((u) => client.login(u)));
  trackingNumber = await apply(applicant);
  await completeTask(formal, await waitForTask(formal, trackingNumber, 'formal-check'), { formalDecision: 'complete' });
  await completeTask(technical, await waitForTask(technical, trackingNumber, 'technical-review'), { technicalDecision: 'approve' });
  await waitForFee(applicant, trackingNumber);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

const fee = (page: Page) => page.getByTestId('fee');

/** From the application's page to the gateway's page by the "pay" button. */
async function toGateway(page: Page): Promise<void> {
  await page.getByTestId('pay-fee').click();
  await page.waitForURL((url) => url.origin === stack.paymentSimulator.url);
  await page.locator('#amount').waitFor();
}

describe('the applicant pays the fee', () => {
  it('goes to the gateway, comes back after a failure and after paying, and sees the receipt and the certificate', async () => {
    if (!trackingNumber) throw new Error('an earlier step failed: no application');
    const page = await browser.login(stack.baseUrl, 'applicant');
    await page.goto(`${stack.baseUrl}/applications/${trackingNumber}/show`);
    await page.locator('[data-testid="fee"][data-state="requested"]').waitFor({ timeout: WORKFLOW_WAIT });
    expect(await fee(page).getByTestId('payment-amount').getAttribute('data-amount')).toBe('25000000');
    await checkBothLanguages(page, 'payments-fee-due', () => page.getByTestId('pay-fee').waitFor());

    // a cancelled payment at the gateway: back with the failure said in words and a second chance
    await toGateway(page);
    await shot(page, 'payments-gateway');
    await page.locator('#fail').click();
    await page.waitForURL((url) => url.origin === stack.baseUrl && url.pathname === `/applications/${trackingNumber}/show`);
    await page.locator('[data-testid="payment-returned"][data-result="failed"]').waitFor();
    await page.locator('[data-testid="fee"][data-state="failed"]').waitFor({ timeout: WORKFLOW_WAIT });
    await page.getByTestId('pay-fee').waitFor();

    // paying: back on the application, the fee paid with its reference, the receipt, the certificate
    await toGateway(page);
    await page.locator('#pay').click();
    await page.waitForURL((url) => url.origin === stack.baseUrl && url.searchParams.get('payment') === 'paid');
    await page.locator('[data-testid="fee"][data-state="paid"]').waitFor({ timeout: WORKFLOW_WAIT });
    expect(await fee(page).getByTestId('payment-reference').textContent()).toMatch(/^TR\d+$/);
    expect(await page.getByTestId('pay-fee').count()).toBe(0);
    await page.locator('[data-testid="documents"] [data-testid="receipt-label"]').waitFor({ timeout: WORKFLOW_WAIT });
    await page.locator('[data-testid="certificate"]').first().waitFor({ timeout: WORKFLOW_WAIT });
    await checkBothLanguages(page, 'payments-fee-paid', () => page.locator('[data-testid="fee"][data-state="paid"]').waitFor());
    expect(browser.pageErrors).toEqual([]);
  }, 180_000);

  it('shows the administrator the fee as paid in the payments list', async () => {
    const page = await browser.login(stack.baseUrl, 'admin');
    await page.goto(`${stack.baseUrl}/payments?filter=${encodeURIComponent(JSON.stringify({ q: trackingNumber }))}`);
    const row = page.locator(`[data-testid="payment-row"][data-tracking="${trackingNumber}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('paid');
    await checkBothLanguages(page, 'payments-list', () => row.waitFor());
    await page.getByTestId('reconcile-payments').click();
    await page.getByTestId('reconcile-result').waitFor();
  }, 120_000);

  it('shows a fee paid before review and refunded after a rejection at the formal check as refunded, with the refund reference', async () => {
    const ctx = walkContext(stack.baseUrl);
    await ensureQualified(ctx, 'auditor', walkQualification);
    const graded = await gradingPaid(ctx);
    await work(ctx, 'reviewer1', graded, 'formal-check', { formalDecision: 'reject', rejectionCondition: 'site-documents-invalid', rejectionReason: 'نقشه‌ها ناخواناست. The plans cannot be read.' });
    expect((await waitForCompletion(await ctx.as('applicant'), graded)).outcome).toBe('rejected');
    const page = await browser.login(stack.baseUrl, 'applicant');
    await page.goto(`${stack.baseUrl}/applications/${graded}/show`);
    const refunded = page.locator('[data-testid="fee"][data-state="refunded"]');
    await refunded.waitFor({ timeout: WORKFLOW_WAIT });
    expect(await refunded.getByTestId('refund-reference').textContent()).toMatch(/^RF\d+$/);
    expect(await page.getByTestId('pay-fee').count()).toBe(0);
    // the hint says why, in each language
    await checkBothLanguages(page, 'payments-fee-refunded', async () => {
      await refunded.waitFor();
      const rtl = (await page.evaluate(() => document.documentElement.dir)) === 'rtl';
      expect(await refunded.getByTestId('fee-hint').textContent()).toContain(rtl ? 'پیش از آغاز بررسی' : 'ended before its review started');
    });
    expect(browser.pageErrors).toEqual([]);
  }, 300_000);
});
