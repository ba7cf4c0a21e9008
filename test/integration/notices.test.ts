/**
 * The notice outbox on the real parts: every applicant-facing event (received, sent back for fixes
 * with its deadline, decision, certificate issued, about to expire, suspended, reinstated, revoked)
 * reaches the applicant exactly once on every channel — the portal inbox, the 4040 SMS log and an
 * SMTP server (a local sink this test runs and reads) — and its delivery state is visible to the
 * applicant and the administrator. A channel that fails is retried with back-off, then left failed
 * for an administrator's retry, and never holds up the application's process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiClient, Stack, testConfig, useRunningProduct, waitFor } from '../support/harness';
import { freePort } from '../support/ports';
import { startMailSink, type MailSink } from '../../scripts/lib/mail-sink';
import { createNoticeDispatcher, type NoticeDispatcher } from '../../activities/notices/dispatcher';
import { LogFileSmsProvider, readSmsLog } from '../../activities/notices/channels/sms';
import { createSmtpSender, messageIdFor } from '../../activities/notices/channels/email';
import { sendExpiryReminders } from '../../activities/notices/expiry-reminders';
import { formatGregorian } from '../../activities/certificates/jalali-date';
import { SAMPLE_APPLICATION, apply, completeTask, completeWithDocuments, payFee, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';

const product = useRunningProduct();
let stack: Stack;
let admin: ApiClient;
let applicant: ApiClient;
let applicant2: ApiClient;
let reviewer1: ApiClient;
let reviewer2: ApiClient;
let sink: MailSink;
let smsLog: string;
let dispatcher: NoticeDispatcher;
/** A second dispatcher on the same database, as a second worker process would run: no delivery may go out twice. */
let rival: NoticeDispatcher;
/** Links in notices lead to the portal's public address. */
const PORTAL = testConfig().publicBaseUrl;

interface Delivery { id: string; channel: string; state: string; recipient: string | null; attempts: number; lastError: string | null; notice: { event: string; eventKey: string; trackingNumber: string | null; username: string | null } }

beforeAll(async () => {
  stack = product.stack;
  [admin, applicant, applicant2, reviewer1, reviewer2] = await product.login('admin', 'applicant', 'applicant2', 'reviewer1', 'reviewer2');
  sink = await startMailSink({ port: await freePort() });
  smsLog = path.join(process.env.TEST_RUN_DIR!, `notices-${process.pid}`, 'sms', '4040.log');
  const options = (pollMs: number) => ({
    db: stack.db,
    sms: new LogFileSmsProvider(smsLog),
    email: createSmtpSender({ host: '127.0.0.1', port: sink.port, from: 'ITO notices <notices@ito.local>' }),
    publicBaseUrl: PORTAL,
    maxAttempts: 3,
    retryBaseMs: 100,
    pollMs,
    expiryScanIntervalMs: 0,
  });
  dispatcher = createNoticeDispatcher(options(100));
  rival = createNoticeDispatcher(options(70));
});

afterAll(async () => {
  await dispatcher?.stop();
  await rival?.stop();
  await sink?.close();
});

async function deliveriesAbout(q: string): Promise<Delivery[]> {
  const res = await admin.get(`/api/outbox?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.body.items as Delivery[];
}

/** Waits until every notice about `q` with these events has left `pending` on every channel; answers its deliveries. */
async function settled(q: string, events: string[]): Promise<Delivery[]> {
  return waitFor(`notices ${events.join(', ')} about ${q} to be delivered`, async () => {
    const all = await deliveriesAbout(q);
    const mine = all.filter((d) => events.includes(d.notice.event));
    const noticed = new Set(mine.map((d) => d.notice.event));
    return events.every((e) => noticed.has(e)) && mine.every((d) => d.state !== 'pending') && mine;
  }, 60_000);
}

/** Each event exactly once, and on each channel exactly once: one inbox message, one 4040 line, one e-mail. */
async function expectEachOnceOnEveryChannel(deliveries: Delivery[], events: string[], to: { user: ApiClient; mobile: string; email: string }) {
  const notices = new Map<string, Delivery[]>();
  for (const d of deliveries) notices.set(d.notice.eventKey, [...(notices.get(d.notice.eventKey) ?? []), d]);
  expect([...notices.values()].map((ds) => ds[0].notice.event).sort()).toEqual([...events].sort());
  const inbox = (await to.user.get('/api/notifications')).body as { idempotencyKey: string; event: string; deliveries: { channel: string; state: string }[] }[];
  const sms = readSmsLog(smsLog);
  for (const [eventKey, ds] of notices) {
    const event = ds[0].notice.event;
    expect([event, ds.map((d) => `${d.channel}:${d.state}`).sort()]).toEqual([event, ['email:sent', 'inbox:sent', 'sms:sent']]);
    // the inbox: one message, showing where else it went
    const messages = inbox.filter((m) => m.idempotencyKey === eventKey);
    expect([event, messages.length]).toEqual([event, 1]);
    expect(messages[0].deliveries.map((d) => `${d.channel}:${d.state}`).sort()).toEqual(['email:sent', 'inbox:sent', 'sms:sent']);
    // the 4040 SMS: one line from 4040 to the applicant's mobile
    const smsId = ds.find((d) => d.channel === 'sms')!.id;
    const lines = sms.filter((l) => l.id === smsId);
    expect([event, lines.length]).toEqual([event, 1]);
    expect(lines[0]).toMatchObject({ from: '4040', to: to.mobile, event: eventKey });
    // the e-mail: one message, its Message-ID derived from the delivery
    const emailId = ds.find((d) => d.channel === 'email')!.id;
    const mails = sink.received.filter((m) => m.messageId === messageIdFor(emailId));
    expect([event, mails.length]).toEqual([event, 1]);
    expect(mails[0].to).toEqual([to.email]);
  }
}

const smsFor = (d: Delivery[], event: string) => readSmsLog(smsLog).find((l) => l.id === d.find((x) => x.notice.event === event && x.channel === 'sms')!.id)!;
const mailFor = (d: Delivery[], event: string) => sink.received.find((m) => m.messageId === messageIdFor(d.find((x) => x.notice.event === event && x.channel === 'email')!.id))!;
const APPLICANT = () => ({ user: applicant, mobile: '09120000001', email: 'applicant@pars-software.example' });

async function statusChange(number: string, action: string, reason: string): Promise<string> {
  const res = await admin.post(`/api/certificates/${number}/status-changes`, { action, reason });
  expect(res.status).toBe(202);
  if (action === 'revoke') await completeTask(reviewer2, await waitForTask(reviewer2, res.body.trackingNumber, 'confirm-revocation'), { revocationDecision: 'confirm' });
  await waitForCompletion(admin, res.body.trackingNumber);
  return res.body.trackingNumber as string;
}

it('tells the applicant of every event of an application and its certificate, once on every channel', async () => {
  const trackingNumber = await apply(applicant, { ...SAMPLE_APPLICATION, productVersion: 'v?' });
  // received: at once, with the tracking number, before any review
  const received = await settled(trackingNumber, ['received']);
  expect(smsFor(received, 'received').text).toContain(trackingNumber);
  expect(smsFor(received, 'received').text).toContain('کد رهگیری');
  expect(smsFor(received, 'received').text).toContain(`${PORTAL}/applications/${trackingNumber}/show`);

  // sent back for fixes, with the deadline (the fix task's due date) in the message
  const formalCheck = await waitForTask(reviewer1, trackingNumber, 'formal-check');
  // hostile text (a bidi override, a control character, a lone surrogate) is refused at the border, naming the field
  const hostile = await reviewer1.post(`/api/tasks/${encodeURIComponent(formalCheck.id)}/complete`, { values: { formalDecision: 'incomplete', formalComment: 'نسخه نامعتبر. \u202e\u0007\ud800' } });
  expect({ status: hostile.status, errors: hostile.body.errors }).toEqual({ status: 400, errors: { formalComment: expect.any(String) } });
  await completeTask(reviewer1, formalCheck, { formalDecision: 'incomplete', formalComment: ' نسخه نامعتبر. Give a real version number. ' });
  const fix = await waitForTask(applicant, trackingNumber, 'applicant-fix');
  const fixNotice = await settled(trackingNumber, ['fix-requested']);
  const due = new Date((fix as unknown as { dueDate: string }).dueDate);
  expect(mailFor(fixNotice, 'fix-requested').text).toContain(formatGregorian(due));
  expect(mailFor(fixNotice, 'fix-requested').text).toContain('Give a real version number');
  expect(smsFor(fixNotice, 'fix-requested').text).toContain('مهلت');
  expect(fixNotice.map((d) => d.state)).toEqual(['sent', 'sent', 'sent']);

  // the decision and the certificate
  await completeTask(applicant, fix, { ...SAMPLE_APPLICATION, productDocuments: fix.prefill!.productDocuments, productVersion: '2.1.1', fixNote: 'اصلاح شد. Fixed.' });
  await completeTask(reviewer1, await waitForTask(reviewer1, trackingNumber, 'formal-check'), { formalDecision: 'complete' });
  await completeWithDocuments(reviewer2, await waitForTask(reviewer2, trackingNumber, 'technical-review'), { technicalDecision: 'approve', technicalComment: 'OK' });
  // the fee: asked for with its amount, then paid through the gateway (no certificate before)
  const feeDue = await settled(trackingNumber, ['payment-due']);
  expect(mailFor(feeDue, 'payment-due').text).toContain('25,000,000');
  await payFee(applicant, trackingNumber);
  const done = await waitForCompletion(applicant, trackingNumber, 120_000);
  const number = done.certificates[0].number;
  const issued = await settled(trackingNumber, ['approved', 'certificate-issued']);
  expect(smsFor(issued, 'certificate-issued').text).toContain(number);
  expect(mailFor(issued, 'certificate-issued').text).toContain(`${PORTAL}/verify/${number}`);

  // about to expire: once the expiry is within the family's reminder days (30 working days), once only
  await stack.db.certificate.update({ where: { number }, data: { expiresAt: new Date(Date.now() + 10 * 86_400_000) } });
  expect(await sendExpiryReminders(stack.db, PORTAL)).toBeGreaterThanOrEqual(1);
  await sendExpiryReminders(stack.db, PORTAL);
  const expiring = await settled(trackingNumber, ['certificate-expiring']);
  expect(smsFor(expiring, 'certificate-expiring').text).toContain(number);

  // status changed: suspended, reinstated, revoked — each to the holder, with the reason
  await statusChange(number, 'suspend', 'بازرسی در جریان است / inspection under way');
  await statusChange(number, 'reinstate', 'بازرسی پایان یافت / inspection closed');
  await statusChange(number, 'revoke', 'اطلاعات نادرست / false information');
  const all = await settled(trackingNumber, ['certificate-suspended', 'certificate-reinstated', 'certificate-revoked']);
  expect(mailFor(all, 'certificate-suspended').text).toContain('inspection under way');

  await expectEachOnceOnEveryChannel(await deliveriesAbout(trackingNumber), ['received', 'fix-requested', 'payment-due', 'approved', 'certificate-issued', 'certificate-expiring', 'certificate-suspended', 'certificate-reinstated', 'certificate-revoked'], APPLICANT());
}, 300_000);

it('tells a rejection once on every channel, with the named condition', async () => {
  const trackingNumber = await apply(applicant);
  await completeTask(reviewer1, await waitForTask(reviewer1, trackingNumber, 'formal-check'), { formalDecision: 'complete' });
  await completeTask(reviewer2, await waitForTask(reviewer2, trackingNumber, 'technical-review'), { technicalDecision: 'reject', rejectionCondition: 'security-requirements-not-met', rejectionReason: 'No encryption.' });
  await waitForCompletion(applicant, trackingNumber);
  const deliveries = await settled(trackingNumber, ['received', 'rejected']);
  expect(mailFor(deliveries, 'rejected').text).toContain('Condition not met: Basic security requirements');
  await expectEachOnceOnEveryChannel(deliveries, ['received', 'rejected'], APPLICANT());
}, 120_000);

it('retries a failing channel with back-off, then leaves it failed for an administrator, who retries it; the process never waits', async () => {
  const refused = 'applicant2@arya-data.example';
  sink.refuse = (address) => address === refused;
  try {
    const trackingNumber = await apply(applicant2);
    // the application goes on while its e-mail fails
    await waitForTask(reviewer1, trackingNumber, 'formal-check');
    const [failed] = (await settled(trackingNumber, ['received'])).filter((d) => d.channel === 'email');
    expect(failed).toMatchObject({ state: 'failed', attempts: 3, recipient: refused });
    expect(failed.lastError).toContain('550');
    // the other channels were not held back
    expect((await deliveriesAbout(trackingNumber)).filter((d) => d.channel !== 'email').map((d) => d.state)).toEqual(['sent', 'sent']);
    // the applicant sees it failed
    const inbox = (await applicant2.get('/api/notifications')).body as { idempotencyKey: string; deliveries: { channel: string; state: string }[] }[];
    expect(inbox.find((m) => m.idempotencyKey === `${trackingNumber}/received`)!.deliveries.find((d) => d.channel === 'email')!.state).toBe('failed');

    // only an administrator retries, only a failed delivery, only a known one
    expect((await applicant2.post(`/api/outbox/${failed.id}/retry`, {})).status).toBe(403);
    expect((await admin.post('/api/outbox/nosuchdelivery/retry', {})).status).toBe(404);
    expect((await admin.post('/api/outbox/bad%20id/retry', {})).status).toBe(400);
    const sentSms = (await deliveriesAbout(trackingNumber)).find((d) => d.channel === 'sms')!;
    expect((await admin.post(`/api/outbox/${sentSms.id}/retry`, {})).status).toBe(409);

    sink.refuse = () => false;
    const retried = await admin.post(`/api/outbox/${failed.id}/retry`, {});
    expect(retried.status).toBe(200);
    expect(['pending', 'sent']).toContain(retried.body.state); // the dispatcher may already be at it
    await waitFor('the retried e-mail to be sent', async () => (await admin.get(`/api/outbox/${failed.id}`)).body.state === 'sent');
    expect(sink.received.filter((m) => m.messageId === messageIdFor(failed.id))).toHaveLength(1);
    expect((await admin.get(`/api/outbox?state=failed&channel=email&q=${trackingNumber}`)).body.items).toHaveLength(0);
  } finally {
    sink.refuse = () => false;
  }
}, 120_000);

it('sends an SMS again after a crash between sending and recording without a second line', async () => {
  const provider = new LogFileSmsProvider(smsLog);
  const message = { id: `crash-test-${Date.now()}`, to: '09120000009', text: 'آزمون ‮ \u0000 \ud800', event: 'test/crash' };
  await provider.send(message);
  await provider.send(message);
  expect(readSmsLog(smsLog).filter((l) => l.id === message.id)).toHaveLength(1);
});

it('refuses the outbox to anyone but an administrator, and bad filters with 400', async () => {
  expect((await applicant.get('/api/outbox')).status).toBe(403);
  expect((await product.anonymous.get('/api/outbox')).status).toBe(401);
  expect((await admin.get('/api/outbox?channel=fax')).status).toBe(400);
  expect((await admin.get('/api/outbox?state=lost')).status).toBe(400);
  expect((await admin.get('/api/outbox/nosuchdelivery')).status).toBe(404);
  const hostile = await admin.get(`/api/outbox?q=${encodeURIComponent('‮\u0007x')}`);
  expect([hostile.status, hostile.body.items]).toEqual([200, []]);
  expect(fs.existsSync(smsLog)).toBe(true);
});

it('lets a user set where their notices go, in Latin or Persian digits, and refuses what is not an address', async () => {
  const [auditor] = await product.login('auditor');
  const before = (await auditor.get('/api/notifications/contact')).body;
  try {
    const set = await auditor.put('/api/notifications/contact', { mobile: '۰۹۱۲۳۴۵۶۷۸۹', email: 'audit@sanjesh.example' });
    expect([set.status, set.body]).toEqual([200, { mobile: '09123456789', email: 'audit@sanjesh.example' }]);
    for (const body of [{ mobile: '0912', email: null }, { mobile: '+989123456789', email: null }, { mobile: null, email: 'not an address' }, { mobile: null, email: 'a@b.example\u202e' }, { mobile: null, email: 'a\u0000@b.example' }, { mobile: null }, { mobile: null, email: null, extra: 1 }]) {
      expect([JSON.stringify(body), (await auditor.put('/api/notifications/contact', body)).status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await auditor.get('/api/notifications/contact')).body).toEqual({ mobile: '09123456789', email: 'audit@sanjesh.example' });
    expect((await product.anonymous.get('/api/notifications/contact')).status).toBe(401);
  } finally {
    await auditor.put('/api/notifications/contact', before);
  }
});
