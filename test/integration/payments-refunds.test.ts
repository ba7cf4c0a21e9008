/**
 * A fee paid before review, on the real Temporal, database and gateway simulator, with data-centre
 * grading (its fee is paid before review, definitions/datacentre-grading.bpmn):
 * - the legal clock stops while the fee waits for the applicant's payment (shown as a clock stop),
 *   so the deadline sweep never rules on an application only the applicant kept waiting;
 * - rejected at the formal check after paying → the `payment.refund` task refunds once (one refund
 *   at the gateway, the row `refunded` with the gateway's reference, one notice, one audit entry,
 *   also when the task runs again); rejected after review → the fee is kept; the family rule false →
 *   no refund and the history says why; withdrawn once review started → no refund;
 * - lapsed at the applicant's fix step (the fix deadline passed) after paying → refunded through the
 *   same task and notice (the family's refundOnLapseBeforeReview).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFINITIONS_DIR } from '../../activities/definition-data/read-json';
import { createRefundBeforeReview } from '../../activities/payments/refund-before-review';
import { formatAmount } from '../../activities/notices/templates';
import { audit, gradingPaid, gradingPaidAndChecked, walkContext, walkQualification, type WalkContext } from '../../scripts/lib/walks';
import { auditScores } from '../../scripts/lib/walks/demo-data';
import { ensureQualified, work } from '../../scripts/lib/walks/steps';
import { DATA_CENTRE_APPLICATION } from '../../scripts/lib/walks/demo-data';
import { AUDITOR_ID } from '../../scripts/lib/walks/steps';
import { type PaymentView, apply, payFee, waitForCompletion, waitForFee, waitForTask } from '../../scripts/lib/walk-steps';
import { useRunningProduct, testConfig } from '../support/harness';

const product = useRunningProduct();
let ctx: WalkContext;
beforeAll(async () => {
  ctx = walkContext(product.stack.baseUrl);
  await ensureQualified(ctx, 'auditor', walkQualification);
});

const REJECTION = { formalDecision: 'reject', rejectionCondition: 'site-documents-invalid', rejectionReason: 'نقشه‌ها از مرکز داده دیگری است. The plans are of another data centre.' };

const feesOf = async (trackingNumber: string) => (await (await ctx.as('applicant')).get<PaymentView[]>(`/api/applications/${trackingNumber}/payments`)).body;

/** What the gateway simulator refunded for this payment's orders (refund id → reference). */
function gatewayRefunds(paymentId: string): string[] {
  return [...product.stack.paymentSimulator.orders.values()].filter((o) => o.orderId.startsWith(`${paymentId}-`)).flatMap((o) => [...o.refunds.values()]);
}

async function historyOf(trackingNumber: string): Promise<{ action: string; details: Record<string, unknown> }[]> {
  return (await (await ctx.as('applicant')).get(`/api/applications/${trackingNumber}`)).body.history;
}

const refundNotices = (applicationId: string) => product.stack.db.notice.findMany({ where: { applicationId, event: 'payment-refunded' } });

interface ClockView {
  decisionTime: { expectedAt: string; pausedWorkingDays: number; overdue: boolean; clockStops: { reason: string; from: string; to: string | null; workingDays: number }[] };
}

const DAY_MS = 86_400_000;

describe('the legal clock while the fee before review waits (data-centre grading)', () => {
  it('stops from the fee request until the payment, so the sweep does not rule on an application only the applicant kept waiting', async () => {
    const applicant = await ctx.as('applicant');
    const admin = await ctx.as('admin');
    const trackingNumber = await apply(applicant, { ...DATA_CENTRE_APPLICATION, auditBody: AUDITOR_ID }, 'datacentre-grading');
    const fee = await waitForFee(applicant, trackingNumber);
    // as if the application had been submitted and its fee asked for 70 days ago and never paid
    // since: more than the family's 40 working days of legal time (the fee's own lapse timer runs on
    // the engine's clock, which this leaves alone)
    const longAgo = new Date(Date.now() - 70 * DAY_MS);
    await product.stack.db.application.update({ where: { trackingNumber }, data: { createdAt: longAgo } });
    await product.stack.db.payment.update({ where: { id: fee.id }, data: { createdAt: longAgo } });

    const waiting = (await applicant.get<ClockView>(`/api/applications/${trackingNumber}`)).body.decisionTime;
    expect(waiting.clockStops).toEqual([expect.objectContaining({ reason: 'fee-payment', from: longAgo.toISOString(), to: null })]);
    expect(waiting.pausedWorkingDays).toBeGreaterThan(40);
    expect(waiting.overdue).toBe(false);
    const swept = await admin.post<{ checked: number; ruled: unknown[] }>('/api/legal-deadlines/sweep', { trackingNumbers: [trackingNumber] });
    expect(swept.body).toEqual({ checked: 1, ruled: [] });

    // paid: the stop ends and the clock runs again from the payment
    await payFee(applicant, trackingNumber);
    await waitForTask(await ctx.as('reviewer1'), trackingNumber, 'formal-check');
    const running = (await applicant.get<ClockView>(`/api/applications/${trackingNumber}`)).body.decisionTime;
    expect(running.clockStops).toEqual([expect.objectContaining({ reason: 'fee-payment', from: longAgo.toISOString(), to: expect.any(String) })]);
    expect(running.clockStops[0].workingDays).toBeGreaterThan(40);
    expect(running.overdue).toBe(false);
    expect((await admin.post<{ ruled: unknown[] }>('/api/legal-deadlines/sweep', { trackingNumbers: [trackingNumber] })).body.ruled).toEqual([]);
    await applicant.post(`/api/applications/${trackingNumber}/withdraw`, { reason: 'پایان آزمون. Test over.' });
  });
});

/** The fee was refunded exactly once through the gateway, and the applicant was told once, naming the refund. */
async function expectRefundedOnce(trackingNumber: string, paymentId: string) {
  const [refunded] = await feesOf(trackingNumber);
  expect(refunded).toMatchObject({ id: paymentId, state: 'refunded', refundReference: expect.stringMatching(/^RF\d+$/) });
  expect(gatewayRefunds(paymentId)).toEqual([refunded.refundReference]);
  const application = await product.stack.db.application.findUniqueOrThrow({ where: { trackingNumber } });
  const notices = await refundNotices(application.id);
  expect(notices).toHaveLength(1);
  expect(notices[0].bodyEn).toContain(refunded.refundReference!);
  return { refunded, notices, application };
}

describe('refunds of a fee paid before review (data-centre grading)', () => {
  it('refunds once when the formal check rejects after the fee was paid, and tells the applicant once', async () => {
    const trackingNumber = await gradingPaid(ctx);
    const [paid] = await feesOf(trackingNumber);
    expect(paid).toMatchObject({ state: 'paid', stage: 'before-review' });
    await work(ctx, 'reviewer1', trackingNumber, 'formal-check', REJECTION);
    const applicant = await ctx.as('applicant');
    expect(await waitForCompletion(applicant, trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });

    const { refunded, notices, application } = await expectRefundedOnce(trackingNumber, paid.id);
    expect(notices[0].bodyFa).toContain(refunded.refundReference!);
    expect(notices[0].bodyEn).toContain(`${formatAmount(paid.amount, 'en')} rials`);
    expect(notices[0].bodyFa).toContain(`${formatAmount(paid.amount, 'fa')} ریال`);
    const inbox = (await applicant.get('/api/notifications')).body as { template: string; bodyEn: string }[];
    expect(inbox.filter((n) => n.template === 'payment-refunded' && n.bodyEn.includes(trackingNumber))).toHaveLength(1);
    // the rejection was told too, with the condition the formal reviewer named
    expect(inbox.some((n) => n.template === 'rejected' && n.bodyEn.includes(trackingNumber) && n.bodyEn.includes('documents and plans are invalid'))).toBe(true);
    const history = await historyOf(trackingNumber);
    expect(history.filter((h) => h.action === 'payment.refunded')).toEqual([expect.objectContaining({ details: expect.objectContaining({ reason: 'rejected-before-review', reference: refunded.refundReference }) })]);

    // the task run again (a retried activity, a replayed workflow): still one refund, one notice, one entry
    const refund = createRefundBeforeReview(product.stack.db, () => product.stack.paymentGateway, testConfig().publicBaseUrl);
    const again = await refund({
      trackingNumber, applicationId: application.id, elementId: 'refund-fee', activation: 1, taskType: 'payment.refund',
      headers: { reason: 'rejected-before-review' }, variables: { applicant: 'applicant' },
    });
    expect(again.variables).toMatchObject({ refundOutcome: 'refunded', refundedAmount: paid.amount, refundReference: refunded.refundReference });
    expect(gatewayRefunds(paid.id)).toEqual([refunded.refundReference]);
    expect(await refundNotices(application.id)).toHaveLength(1);
    expect((await historyOf(trackingNumber)).filter((h) => h.action === 'payment.refunded')).toHaveLength(1);
  });

  it('keeps the fee when the application is rejected after review (the committee)', async () => {
    const trackingNumber = await gradingPaidAndChecked(ctx);
    await audit(ctx, trackingNumber, auditScores(90, 90, 90, 90));
    await work(ctx, 'committee', trackingNumber, 'committee-approval', { committeeDecision: 'reject', rejectionCondition: 'audit-findings-unresolved', rejectionReason: 'عدم‌انطباق‌های اساسی. Major nonconformities.' });
    expect(await waitForCompletion(await ctx.as('applicant'), trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });
    const [fee] = await feesOf(trackingNumber);
    expect(fee).toMatchObject({ state: 'paid', refundReference: null });
    expect(gatewayRefunds(fee.id)).toEqual([]);
    const application = await product.stack.db.application.findUniqueOrThrow({ where: { trackingNumber } });
    expect(await refundNotices(application.id)).toEqual([]);
    expect((await historyOf(trackingNumber)).map((h) => h.action)).not.toContain('payment.refunded');
  });

  it('does not refund when the family rule says no, and records why', async () => {
    const file = path.join(DEFINITIONS_DIR, 'services', 'datacentre-grading.json');
    const original = fs.readFileSync(file, 'utf8');
    const data = JSON.parse(original) as { fee: Record<string, unknown> };
    try {
      fs.writeFileSync(file, JSON.stringify({ ...data, fee: { ...data.fee, refundOnRejectionBeforeReview: false } }, null, 2));
      const trackingNumber = await gradingPaid(ctx);
      await work(ctx, 'reviewer1', trackingNumber, 'formal-check', REJECTION);
      expect(await waitForCompletion(await ctx.as('applicant'), trackingNumber)).toMatchObject({ outcome: 'rejected' });
      const [fee] = await feesOf(trackingNumber);
      expect(fee).toMatchObject({ state: 'paid', refundReference: null });
      expect(gatewayRefunds(fee.id)).toEqual([]);
      const history = await historyOf(trackingNumber);
      expect(history.filter((h) => h.action === 'payment.refund-not-due')).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ reason: 'rejected-before-review', refusal: 'family-rule', amount: fee.amount }) }),
      ]);
      expect(history.map((h) => h.action)).not.toContain('payment.refunded');
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('does not refund a withdrawal once review started (an audit task done), and says why', async () => {
    const trackingNumber = await gradingPaidAndChecked(ctx);
    const { 'audit-physical': physical } = auditScores(88, 0, 0, 0);
    await work(ctx, 'auditor', trackingNumber, 'audit-physical', physical);
    const applicant = await ctx.as('applicant');
    expect((await applicant.post(`/api/applications/${trackingNumber}/withdraw`, { reason: 'انصراف پس از آغاز ممیزی. Withdrawn during the audit.' })).status).toBe(200);
    const [fee] = await feesOf(trackingNumber);
    expect(fee).toMatchObject({ state: 'paid', refundReference: null });
    expect(gatewayRefunds(fee.id)).toEqual([]);
    const history = await historyOf(trackingNumber);
    expect(history.filter((h) => h.action === 'payment.refund-not-due')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ refusal: 'review-started', reviewStartedBy: 'audit-physical' }) }),
    ]);
  });

  it('refunds once when the application lapses at the applicant\'s fix step after the fee was paid, and tells the applicant', async () => {
    const trackingNumber = await gradingPaid(ctx);
    const [paid] = await feesOf(trackingNumber);
    await work(ctx, 'reviewer1', trackingNumber, 'formal-check', { formalDecision: 'incomplete', formalComment: 'نقشه‌ها خوانا نیست. The plans are unreadable.' });
    const applicant = await ctx.as('applicant');
    await waitForTask(applicant, trackingNumber, 'applicant-fix');
    // the fix deadline (10 working days) passes on the instance's engine clock
    expect((await (await ctx.as('admin')).post(`/api/applications/${trackingNumber}/clock`, { days: 20 })).status).toBe(200);
    expect(await waitForCompletion(applicant, trackingNumber)).toMatchObject({ outcome: 'lapsed', certificates: [] });

    const { refunded, notices } = await expectRefundedOnce(trackingNumber, paid.id);
    const history = await historyOf(trackingNumber);
    expect(history.filter((h) => h.action === 'payment.refunded')).toEqual([expect.objectContaining({ details: expect.objectContaining({ reason: 'lapsed-before-review', reference: refunded.refundReference }) })]);
    // the lapse itself was told too
    const inbox = (await applicant.get('/api/notifications')).body as { template: string; bodyEn: string }[];
    expect(inbox.filter((n) => n.template === 'lapsed' && n.bodyEn.includes(trackingNumber))).toHaveLength(1);
  });

  it('refunds a withdrawal after the formal check passed while no audit task was taken up', async () => {
    const trackingNumber = await gradingPaidAndChecked(ctx);
    const applicant = await ctx.as('applicant');
    expect((await applicant.post(`/api/applications/${trackingNumber}/withdraw`, { reason: 'انصراف پیش از ممیزی. Withdrawn before the audit.' })).status).toBe(200);
    const [fee] = await feesOf(trackingNumber);
    expect(fee).toMatchObject({ state: 'refunded', refundReference: expect.stringMatching(/^RF\d+$/) });
    expect(gatewayRefunds(fee.id)).toEqual([fee.refundReference]);
  });
});
