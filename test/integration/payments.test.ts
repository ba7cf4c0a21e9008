/**
 * Fees through the API on the real Temporal and database: after approval a software technical
 * approval waits for its fee (definitions/services/software-technical-approval.json); the applicant
 * pays through the gateway simulator; only a paid fee lets the certificate be issued. A failed
 * payment can be tried again; a lost callback is completed by reconciliation; a forged or replayed
 * gateway result changes nothing; a withdrawn application's unpaid fee is cancelled.
 */
import { signResult } from '../../activities/payments/gateway';
import { serviceData } from '../../activities/definition-data/services';
import { formatAmount } from '../../activities/notices/templates';
import { PaymentView, apply, completeTask, payFee, waitForCompletion, waitForFee, waitForTask } from '../../scripts/lib/walk-steps';
import { ApiClient, useRunningProduct, waitFor } from '../support/harness';

const product = useRunningProduct();
let applicant: ApiClient;
let applicant2: ApiClient;
let reviewer1: ApiClient;
let reviewer2: ApiClient;
let admin: ApiClient;

const FEE = serviceData('software-technical-approval')!.fee.amount;

beforeAll(async () => {
  [applicant, applicant2, reviewer1, reviewer2, admin] = await product.login('applicant', 'applicant2', 'reviewer1', 'reviewer2', 'admin');
});

/** An application approved by both reviewers, now waiting for its fee. */
async function approvedAwaitingFee(): Promise<{ trackingNumber: string; fee: PaymentView }> {
  const trackingNumber = await apply(applicant);
  await completeTask(reviewer1, await waitForTask(reviewer1, trackingNumber, 'formal-check'), { formalDecision: 'complete' });
  await completeTask(reviewer2, await waitForTask(reviewer2, trackingNumber, 'technical-review'), { technicalDecision: 'approve' });
  return { trackingNumber, fee: await waitForFee(applicant, trackingNumber) };
}

const paymentsOf = async (trackingNumber: string) => (await applicant.get<PaymentView[]>(`/api/applications/${trackingNumber}/payments`)).body;
const applicationOf = async (trackingNumber: string) => (await applicant.get(`/api/applications/${trackingNumber}`)).body;

/** The application waits at the payment step: no certificate, the message catch event active. */
async function expectWaitingForFee(trackingNumber: string): Promise<void> {
  const app = await waitFor('the instance to wait for the fee', async () => {
    const body = await applicationOf(trackingNumber);
    return (body.state?.activeElements as string[] | undefined)?.some((e) => e === 'await-payment' || e === 'fee-paid') && body;
  }, 30_000);
  expect(app.status).toBe('running');
  expect(app.certificates).toEqual([]);
}

describe('paying the fee', () => {
  it('asks for the family fee after approval, issues nothing before payment, and after a paid result issues the certificate with a receipt', async () => {
    const { trackingNumber, fee } = await approvedAwaitingFee();
    expect(fee).toMatchObject({ amount: FEE, state: 'requested', receiptDocumentId: null });
    await expectWaitingForFee(trackingNumber);
    // the applicant was told the amount
    const inbox = await applicant.get('/api/notifications');
    expect(inbox.body.some((n: { template: string; bodyEn: string }) => n.template === 'payment-due' && n.bodyEn.includes(trackingNumber) && n.bodyEn.includes(formatAmount(FEE, 'en')))).toBe(true);

    const { orderId, returnUrl } = await payFee(applicant, trackingNumber);
    expect(returnUrl).toContain(`/applications/${trackingNumber}/show`);
    const done = await waitForCompletion(applicant, trackingNumber);
    expect(done.outcome).toBe('approved');
    expect(done.certificates).toHaveLength(1);

    const [paid] = await paymentsOf(trackingNumber);
    expect(paid).toMatchObject({ state: 'paid', gatewayOrderId: orderId, gatewayReference: expect.stringMatching(/^TR\d+$/) });
    // the receipt is one of the application's documents, a PDF the applicant can read
    const app = await applicationOf(trackingNumber);
    const receipt = app.documents.find((d: { kind: string }) => d.kind === 'payment-receipt');
    expect(receipt).toMatchObject({ id: paid.receiptDocumentId, contentType: 'application/pdf' });
    const pdf = await applicant.get(`/api/documents/${receipt.id}/content`);
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const actions = app.history.map((h: { action: string }) => h.action);
    expect(actions.indexOf('payment.paid')).toBeGreaterThan(-1);
    expect(actions.indexOf('payment.paid')).toBeLessThan(actions.indexOf('certificate.issued'));

    // the gateway's result sent again (a replay) is refused and changes nothing
    const evidence = await product.stack.db.payment.findUniqueOrThrow({ where: { id: paid.id } });
    const replay = await product.anonymous.post('/api/payments/callback', JSON.parse(evidence.signedResult!));
    expect(replay.status).toBe(409);
    expect((await product.stack.db.document.count({ where: { applicationId: app.id, kind: 'payment-receipt' } }))).toBe(1);
    expect((await applicationOf(trackingNumber)).certificates).toHaveLength(1);
  });

  it('keeps waiting after a failed payment, and a second try pays', async () => {
    const { trackingNumber } = await approvedAwaitingFee();
    await payFee(applicant, trackingNumber, { outcome: 'failed' });
    const [failed] = await paymentsOf(trackingNumber);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    await expectWaitingForFee(trackingNumber);

    const retry = await payFee(applicant, trackingNumber);
    expect(retry.orderId).not.toBe(failed.gatewayOrderId);
    const done = await waitForCompletion(applicant, trackingNumber);
    expect(done).toMatchObject({ outcome: 'approved' });
    expect(await paymentsOf(trackingNumber)).toEqual([expect.objectContaining({ state: 'paid', attempts: 2 })]);
  });

  it('completes a payment whose callback was lost when the gateway is asked (reconciliation)', async () => {
    const { trackingNumber } = await approvedAwaitingFee();
    const { orderId } = await payFee(applicant, trackingNumber, { dropCallback: true });
    // the gateway has the money, we do not know yet
    expect(product.stack.paymentSimulator.orders.get(orderId)?.result?.status).toBe('paid');
    expect((await paymentsOf(trackingNumber))[0].state).toBe('pending');
    await expectWaitingForFee(trackingNumber);

    // only administrators reconcile on demand; orders younger than the threshold are left alone
    expect((await applicant.post('/api/payments/reconcile', {})).status).toBe(403);
    const young = await admin.post('/api/payments/reconcile', { olderThanMinutes: 60 });
    expect(young.status).toBe(200);
    expect((await paymentsOf(trackingNumber))[0].state).toBe('pending');

    const run = await admin.post('/api/payments/reconcile', { olderThanMinutes: 0 });
    expect(run.status).toBe(200);
    expect(run.body.settled).toBeGreaterThanOrEqual(1);
    const done = await waitForCompletion(applicant, trackingNumber);
    expect(done).toMatchObject({ outcome: 'approved', certificates: [expect.objectContaining({ status: 'valid' })] });
    const [paid] = await paymentsOf(trackingNumber);
    expect(paid).toMatchObject({ state: 'paid', receiptDocumentId: expect.any(String) });
    const history = (await applicationOf(trackingNumber)).history;
    expect(history.find((h: { action: string }) => h.action === 'payment.paid').details.via).toBe('reconciliation');

    // the administrators' list shows it
    const list = await admin.get(`/api/payments?q=${trackingNumber}`);
    expect(list.body).toEqual([expect.objectContaining({ trackingNumber, state: 'paid', amount: FEE })]);
    expect((await applicant.get('/api/payments')).status).toBe(403);
  });

  it.each([
    ['before its message was published', false],
    ['after its message was published, before the waiting instance was signalled', true],
  ])('completes a paid fee whose instance never heard of it, a crash having fallen %s (reconciliation)', async (_when, published) => {
    const { trackingNumber, fee } = await approvedAwaitingFee();
    await expectWaitingForFee(trackingNumber);
    // what the crash left: the fee paid and its receipt written, the instance still waiting
    await product.stack.db.payment.update({ where: { id: fee.id }, data: { state: 'paid', gatewayReference: 'TR-CRASH', paidAt: new Date(), receiptDocumentId: `receipt-of-${fee.id}` } });
    if (published) {
      await product.stack.db.publishedMessage.create({
        data: {
          id: `payment-settled:${fee.id}`, messageName: 'payment-settled', correlationKey: trackingNumber,
          variables: JSON.stringify({ paymentState: 'paid', paymentReference: 'TR-CRASH', paidAmount: FEE }), expiresAt: new Date(Date.now() + 30 * 86_400_000),
        },
      });
    }
    await expectWaitingForFee(trackingNumber);
    expect((await admin.post('/api/payments/reconcile', { olderThanMinutes: 0 })).status).toBe(200);
    expect(await waitForCompletion(applicant, trackingNumber)).toMatchObject({ outcome: 'approved', certificates: [expect.objectContaining({ status: 'valid' })] });
    // a second round publishes nothing twice: the instance has gone on, and with it its wait
    expect((await admin.post('/api/payments/reconcile', { olderThanMinutes: 0 })).status).toBe(200);
    expect(await product.stack.db.publishedMessage.count({ where: { id: `payment-settled:${fee.id}` } })).toBe(1);
  });

  it('refuses a forged gateway result and one for an order nobody made, changing nothing', async () => {
    const { trackingNumber } = await approvedAwaitingFee();
    const { orderId } = await payFee(applicant, trackingNumber, { dropCallback: true });
    const genuine = product.stack.paymentSimulator.orders.get(orderId)!.result!;
    // another secret: a forger's signature
    const forged = signResult('not-the-gateway-secret', { ...genuine });
    expect((await product.anonymous.post('/api/payments/callback', forged)).status).toBe(400);
    // the right signature over a changed amount does not match
    expect((await product.anonymous.post('/api/payments/callback', { ...genuine, amount: 1 })).status).toBe(400);
    // garbage is refused by the schema
    expect((await product.anonymous.post('/api/payments/callback', { orderId: '\u202e\ud800', status: 'paid' })).status).toBe(400);
    // signed by the gateway but for no order of ours
    const stranger = signResult(product.stack.paymentSimulator.secret, { ...genuine, orderId: 'no-such-order-1' });
    expect((await product.anonymous.post('/api/payments/callback', stranger)).status).toBe(404);
    expect((await paymentsOf(trackingNumber))[0].state).toBe('pending');
    // the genuine result, delivered late, is accepted once
    expect((await product.anonymous.post('/api/payments/callback', genuine)).status).toBe(200);
    expect((await product.anonymous.post('/api/payments/callback', genuine)).status).toBe(409);
    expect((await waitForCompletion(applicant, trackingNumber)).outcome).toBe('approved');
  });

  it('lets only the applicant organisation pay, and not after withdrawal (the unpaid fee is cancelled)', async () => {
    const { trackingNumber, fee } = await approvedAwaitingFee();
    expect((await applicant2.post(`/api/payments/${fee.id}/pay`)).status).toBe(404);
    expect((await applicant2.get(`/api/applications/${trackingNumber}/payments`)).status).toBe(404);
    expect((await applicant.post('/api/payments/nope/pay')).status).toBe(404);
    expect((await reviewer1.post(`/api/payments/${fee.id}/pay`)).status).toBe(403);

    const withdrawn = await applicant.post(`/api/applications/${trackingNumber}/withdraw`, { reason: 'دیگر نیازی نیست. No longer needed.' });
    expect(withdrawn.status).toBe(200);
    expect((await paymentsOf(trackingNumber))[0].state).toBe('cancelled');
    const late = await applicant.post(`/api/payments/${fee.id}/pay`);
    expect(late.status).toBe(409);
  });

  it('refunds through the gateway a fee paid before review when the application is withdrawn, as the family rule says; a fee paid after review is kept', async () => {
    // Both kinds of fee on one application, put in place as a payment.request with stage
    // before-review (and one after-review) would have made them; data-centre grading's fee paid
    // before review: payments-refunds.test.ts.
    const trackingNumber = await apply(applicant);
    const application = await product.stack.db.application.findUniqueOrThrow({ where: { trackingNumber } });
    const make = (stage: string) => product.stack.db.payment.create({
      data: { key: `${trackingNumber}/test-fee-${stage}/1`, applicationId: application.id, trackingNumber, processKey: 'software-technical-approval', amount: FEE, state: 'requested', stage },
    });
    const before = await make('before-review');
    const after = await make('after-review');
    for (const fee of [before, after]) {
      const order = await applicant.post(`/api/payments/${fee.id}/pay`);
      expect(order.status).toBe(200);
      const page = await fetch(order.body.redirectUrl, { method: 'POST', body: new URLSearchParams({ outcome: 'paid' }), redirect: 'manual' });
      expect(page.status).toBe(303);
    }
    expect((await paymentsOf(trackingNumber)).map((p) => p.state)).toEqual(['paid', 'paid']);

    expect((await applicant.post(`/api/applications/${trackingNumber}/withdraw`, { reason: 'انصراف پیش از بررسی. Withdrawn before review.' })).status).toBe(200);
    const byId = new Map((await paymentsOf(trackingNumber)).map((p) => [p.id, p]));
    expect(byId.get(before.id)).toMatchObject({ state: 'refunded', refundReference: expect.stringMatching(/^RF\d+$/) });
    expect(byId.get(after.id)).toMatchObject({ state: 'paid', refundReference: null });
    // the gateway refunded exactly that order, once
    const refunded = [...product.stack.paymentSimulator.orders.values()].filter((o) => o.refunds.size > 0 && o.orderId.startsWith(before.id));
    expect(refunded).toHaveLength(1);
    const history = (await applicationOf(trackingNumber)).history.map((h: { action: string }) => h.action);
    expect(history.filter((a: string) => a === 'payment.refunded')).toHaveLength(1);
  });
});
