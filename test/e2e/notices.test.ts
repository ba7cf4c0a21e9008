/**
 * Notices in a real browser against the real stack: an application's «received» notice goes to the
 * portal inbox and the 4040 SMS, but its e-mail is refused by the mail server (the local SMTP sink
 * this test runs). The applicant's inbox shows the message with its delivery state per channel
 * (inbox and SMS sent, e-mail failed), and where notices go (a wrong mobile number refused in words). The administrator's outbox page lists the deliveries,
 * filters them by channel and state, opens one's details, and sends the failed e-mail again, which
 * the page then shows as sent. Screenshots in Persian and English, each scanned with axe.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { apply } from '../../scripts/lib/walk-steps';
import { startMailSink, type MailSink } from '../../scripts/lib/mail-sink';
import { createNoticeDispatcher, type NoticeDispatcher } from '../../activities/notices/dispatcher';
import { LogFileSmsProvider } from '../../activities/notices/channels/sms';
import { createSmtpSender, messageIdFor } from '../../activities/notices/channels/email';
import { BrowserSession, checkBothLanguages, needs } from '../support/browser';
import { ApiClient, RunningWorker, Stack, startApi, startWorker, testConfig, waitFor } from '../support/harness';
import { freePort } from '../support/ports';

const REFUSED = 'applicant2@arya-data.example';

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let sink: MailSink;
let dispatcher: NoticeDispatcher;
let admin: ApiClient;
let trackingNumber = '';
let failedId = '';

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  // earlier test files leave undelivered notices in the run's shared database (no dispatcher ran for
  // them): set aside, so that this test's dispatcher reaches the notice it watches without first
  // working through hundreds of others (the hostile-text test alone leaves over a hundred)
  await stack.db.noticeDelivery.updateMany({ where: { state: 'pending' }, data: { nextAttemptAt: new Date('2100-01-01T00:00:00Z') } });
  sink = await startMailSink({ port: await freePort() });
  sink.refuse = (address) => address === REFUSED;
  dispatcher = createNoticeDispatcher({
    db: stack.db,
    sms: new LogFileSmsProvider(path.join(process.env.TEST_RUN_DIR!, `e2e-notices-${process.pid}`, '4040.log')),
    email: createSmtpSender({ host: '127.0.0.1', port: sink.port, from: 'ITO notices <notices@ito.local>' }),
    publicBaseUrl: testConfig().publicBaseUrl,
    maxAttempts: 2,
    retryBaseMs: 100,
    pollMs: 150,
    expiryScanIntervalMs: 0,
  });
  browser = await BrowserSession.launch();
  const client = new ApiClient(stack.baseUrl);
  const [applicant2, a] = await Promise.all(['applicant2', 'admin'].map((u) => client.login(u)));
  admin = a;
  trackingNumber = await apply(applicant2);
  failedId = await waitFor('the e-mail of the received notice to fail', async () => {
    const items = (await admin.get(`/api/outbox?q=${trackingNumber}&channel=email`)).body.items as { id: string; state: string }[];
    return items.find((d) => d.state === 'failed')?.id;
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await dispatcher?.stop();
  await sink?.close();
  await worker?.stop();
  await stack?.close();
});

it('shows the applicant each message\'s delivery state per channel', async () => {
  needs(failedId, 'failed delivery');
  const page: Page = await browser.login(stack.baseUrl, 'applicant2');
  await page.getByTestId('nav-inbox').click();
  const message = page.getByTestId('notification').filter({ hasText: trackingNumber }).first();
  await message.waitFor();
  const state = (channel: string) => message.locator(`[data-testid="delivery"][data-channel="${channel}"]`).getAttribute('data-state');
  expect([await state('inbox'), await state('sms'), await state('email')]).toEqual(['sent', 'sent', 'failed']);
  // the words, not codes: Persian first
  await expect(message.getByTestId('delivery-states').innerText()).resolves.toContain('رایانامه');
  // where the notices go, with the address the API refuses explained and nothing changed
  expect(await page.getByTestId('contact-mobile').innerText()).toBe('09120000002');
  await page.getByTestId('contact-edit').click();
  await page.getByTestId('contact-mobile-input').fill('0912');
  await page.getByTestId('contact-save').click();
  await page.getByTestId('contact-card').getByRole('alert').waitFor();
  await page.getByTestId('contact-card').getByRole('button', { name: 'انصراف' }).click();
  expect(await page.getByTestId('contact-mobile').innerText()).toBe('09120000002');
  await checkBothLanguages(page, 'notices-inbox', () => message.waitFor());
}, 120_000);

it('lets the administrator filter the outbox, read a delivery and send a failed one again', async () => {
  needs(failedId, 'failed delivery');
  const page: Page = await browser.login(stack.baseUrl, 'admin');
  await page.getByTestId('nav-outbox').click();
  await page.getByTestId('outbox').waitFor();
  // filter to this application's failed e-mails, as the address keeps them
  await page.getByTestId('outbox-filter-q').fill(trackingNumber);
  await page.getByTestId('outbox-filter-q').press('Enter');
  await page.getByTestId('outbox-filter-state').click();
  await page.locator('li[data-value="failed"]').click();
  const row = page.locator(`[data-testid="outbox-row"][data-id="${failedId}"]`);
  await row.waitFor();
  // the list follows both filters (they reach the server one after the other): only this failed e-mail is left
  await page.waitForFunction(() => {
    const rows = Array.from(document.querySelectorAll('[data-testid="outbox-row"]'));
    return rows.length === 1 && rows[0].getAttribute('data-state') === 'failed';
  });
  expect(await row.getAttribute('data-state')).toBe('failed');
  expect(await row.innerText()).toContain('550');
  expect(page.url()).toContain('state=failed');

  await row.getByTestId('outbox-details-toggle').click();
  await page.getByTestId('outbox-details').waitFor();
  expect(await page.getByTestId('outbox-details').innerText()).toContain(`${trackingNumber}/received`);
  await checkBothLanguages(page, 'notices-outbox', () => page.getByTestId('outbox-details').waitFor());

  // the mail server takes it now; the retry sends it, and the page shows it sent
  sink.refuse = () => false;
  await page.getByTestId('outbox-filter-state').click();
  await page.locator('li[data-value=""]').click();
  await row.getByTestId('outbox-retry').click();
  await page.locator(`[data-testid="outbox-row"][data-id="${failedId}"][data-state="sent"]`).waitFor({ timeout: 30_000 });
  expect(await row.getByTestId('outbox-retry').count()).toBe(0);
  expect(sink.received.filter((m) => m.messageId === messageIdFor(failedId))).toHaveLength(1);
  // only a failed delivery had a retry button
  expect(await page.locator('[data-testid="outbox-row"]:not([data-state="failed"]) [data-testid="outbox-retry"]').count()).toBe(0);
}, 120_000);
