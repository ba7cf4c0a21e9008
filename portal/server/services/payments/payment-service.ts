/**
 * Payments on the API side: the applicant's "pay" (a gateway order and the page to send the browser
 * to), the gateway's signed result (callback or reconciliation; one path, exactly once), the receipt,
 * the `payment-settled` message to the waiting instance, reconciliation of lost callbacks, and the
 * refund rules of withdrawal (definitions/services/<key>.json `fee`).
 */
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../../../prisma/client';
import { appendAudit } from '../../../../activities/audit/audit-log';
import type { PaymentGateway, SignedResult } from '../../../../activities/payments/gateway';
import { PAYMENT_SETTLED_MESSAGE, REPUBLISH_WITHIN_MS, publishPaymentSettled } from '../../../../activities/payments/payment-settled';
import { renderReceiptPdf } from '../../../../activities/payments/receipt-pdf';
import { refundRefusal, reviewStartedBy } from '../../../../activities/payments/refund-rule';
import { refundPayment } from '../../../../activities/payments/refund-payment';
import type { DocumentStore } from '../../documents/document-store';
import { HttpError, conflict, notFound } from '../../plugins/errors';

export const RECEIPT_KIND = 'payment-receipt';
/** States in which the applicant may (still or again) pay. */
const PAYABLE = new Set(['requested', 'pending', 'failed']);

export type PaymentRow = NonNullable<Awaited<ReturnType<Db['payment']['findUnique']>>>;

export interface PaymentServiceDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  store: DocumentStore;
  gateway: PaymentGateway;
}

export type SettleOutcome = 'paid' | 'failed' | 'refunded-late';

export function createPaymentService({ db, temporal, taskQueue, store, gateway }: PaymentServiceDeps) {
  async function audit(payment: PaymentRow, action: string, actor: string, details: Record<string, unknown>, dedupeKey?: string) {
    await appendAudit(db, { actor, action, applicationId: payment.applicationId, entityType: 'payment', entityId: payment.id, details, dedupeKey });
  }

  /** The receipt document, once (the payment row remembers it). */
  async function ensureReceipt(payment: PaymentRow): Promise<void> {
    if (payment.receiptDocumentId || payment.state !== 'paid') return;
    const application = await db.application.findUniqueOrThrow({
      where: { id: payment.applicationId },
      include: { organisation: { select: { nameFa: true, nationalId: true } }, definition: { select: { name: true } } },
    });
    const [fa, en] = (application.definition.name ?? application.processKey).split(/\s+—\s+/);
    const pdf = await renderReceiptPdf({
      trackingNumber: application.trackingNumber, // the application the fee is for (a ruling's fee: the ruled one)
      serviceName: { fa, en: en ?? fa },
      payer: { name: application.organisation.nameFa, nationalId: application.organisation.nationalId },
      amount: payment.amount,
      gatewayReference: payment.gatewayReference ?? '—',
      orderId: payment.gatewayOrderId ?? payment.id,
      paidAt: payment.paidAt ?? new Date(),
    });
    const storageKey = await store.write(pdf);
    const doc = await db.document.create({
      data: {
        storageKey, filename: `receipt-${application.trackingNumber}.pdf`, contentType: 'application/pdf', size: pdf.length,
        sha256: crypto.createHash('sha256').update(pdf).digest('hex'), uploadedById: application.applicantId,
        organisationId: application.organisationId, applicationId: application.id, kind: RECEIPT_KIND, attachedAt: new Date(),
      },
    });
    const { count } = await db.payment.updateMany({ where: { id: payment.id, receiptDocumentId: null }, data: { receiptDocumentId: doc.id } });
    if (count === 0) { // made meanwhile by another path: keep theirs
      await db.document.delete({ where: { id: doc.id } });
      await store.remove(storageKey);
    }
  }

  /**
   * Everything a paid payment owes: the receipt and the message to the instance (idempotent by
   * message id). The message is keyed by payment.trackingNumber, the instance that asked for the
   * fee (a ruling's fee sits on the ruled application but wakes the ruling).
   */
  async function finishPaid(payment: PaymentRow): Promise<void> {
    await ensureReceipt(payment);
    await publishPaymentSettled(db, temporal, taskQueue, {
      id: payment.id,
      trackingNumber: payment.trackingNumber,
      variables: { paymentState: 'paid', paymentReference: payment.gatewayReference, paidAmount: payment.amount },
    });
  }

  /**
   * Paid fees whose instance still waits for a payment-settled message: a crash after the receipt
   * and before the message was published, or after it was published and before the waiting
   * instance was signalled, leaves it waiting at the fee. Publishing again is safe within
   * REPUBLISH_WITHIN_MS (an instance that took the message drops it); an instance waiting for a
   * second fee drops the first fee's message the same way.
   */
  async function paidWhileAwaited(): Promise<PaymentRow[]> {
    const waiting = await db.messageSubscription.findMany({ where: { messageName: PAYMENT_SETTLED_MESSAGE }, select: { correlationKey: true }, take: 500 });
    if (waiting.length === 0) return [];
    return db.payment.findMany({
      where: { state: 'paid', trackingNumber: { in: [...new Set(waiting.map((w) => w.correlationKey))] }, paidAt: { gte: new Date(Date.now() - REPUBLISH_WITHIN_MS) } },
      take: 200,
    });
  }

  const refund = (payment: PaymentRow, actor: string, reason: string): Promise<PaymentRow> => refundPayment(db, gateway, payment, actor, reason);

  return {
    /** The applicant's "pay": a (new) gateway order for the payment and where to send the browser. */
    async startPayment(payment: PaymentRow, callbackBaseUrl: string, returnBaseUrl: string): Promise<{ redirectUrl: string; orderId: string }> {
      if (!PAYABLE.has(payment.state)) throw conflict(`this fee is ${payment.state}: nothing to pay`);
      // the fee is payable while the instance waiting for it runs: the application's own, or the
      // ruling's (payment.trackingNumber) when a ruling asked for the fee of the application it ruled on
      const waiting = await db.application.findUnique({ where: { trackingNumber: payment.trackingNumber }, select: { status: true } });
      const application = await db.application.findUniqueOrThrow({ where: { id: payment.applicationId }, select: { trackingNumber: true } });
      if (waiting?.status !== 'running') throw conflict(`application ${payment.trackingNumber} is ${waiting?.status ?? 'gone'}: its fee can no longer be paid`);
      let orderId = payment.gatewayOrderId;
      if (payment.state !== 'pending' || !orderId) {
        const attempts = payment.attempts + 1;
        orderId = `${payment.id}-${attempts}`;
        const { count } = await db.payment.updateMany({ where: { id: payment.id, state: payment.state, attempts: payment.attempts }, data: { state: 'pending', attempts, gatewayOrderId: orderId, failureReason: null } });
        if (count === 0) throw conflict('this fee changed meanwhile; reload and try again');
        await audit(payment, 'payment.order-created', 'system', { orderId, amount: payment.amount, gateway: gateway.name });
      }
      const { redirectUrl } = await gateway.createOrder({
        orderId,
        amount: payment.amount,
        description: `ITO ${payment.processKey} ${application.trackingNumber}`,
        callbackUrl: `${callbackBaseUrl}/api/payments/callback`,
        returnUrl: `${returnBaseUrl}/applications/${encodeURIComponent(application.trackingNumber)}/show`, // where the fee panel listed it
      });
      return { redirectUrl, orderId };
    },

    /**
     * The gateway's result, from its callback or our inquiry. A forged result (bad signature) and
     * one for an order that is not the payment's current one give 4xx and change nothing; so does
     * a replay of a result already applied.
     */
    async settle(result: SignedResult, via: 'callback' | 'reconciliation'): Promise<SettleOutcome> {
      if (!gateway.verify(result)) throw new HttpError(400, 'bad_signature', 'the payment result is not signed by the gateway');
      const payment = await db.payment.findUnique({ where: { gatewayOrderId: result.orderId } });
      if (!payment) throw notFound(`no payment order ${result.orderId}`);
      if (result.amount !== payment.amount) throw new HttpError(400, 'amount_mismatch', `the gateway reports ${result.amount} rials for an order of ${payment.amount}`);
      if (payment.state === 'cancelled' && result.status === 'paid') {
        // paid after the application was withdrawn: the money goes back at once
        const paid = await db.payment.update({ where: { id: payment.id }, data: { gatewayReference: result.reference, signedResult: JSON.stringify(result), paidAt: new Date(result.at) } });
        await refund(paid, 'system', 'paid after the application ended');
        return 'refunded-late';
      }
      if (payment.state !== 'pending') throw conflict(`payment order ${result.orderId} is already ${payment.state}`);
      const paid = result.status === 'paid';
      const { count } = await db.payment.updateMany({
        where: { id: payment.id, state: 'pending', gatewayOrderId: result.orderId },
        data: paid
          ? { state: 'paid', gatewayReference: result.reference, signedResult: JSON.stringify(result), paidAt: new Date(result.at) }
          : { state: 'failed', gatewayReference: result.reference, signedResult: JSON.stringify(result), failureReason: 'the gateway reported the payment failed or cancelled' },
      });
      if (count === 0) throw conflict(`payment order ${result.orderId} was settled meanwhile`);
      const updated = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
      await audit(updated, paid ? 'payment.paid' : 'payment.failed', 'system', { orderId: result.orderId, reference: result.reference, amount: result.amount, via }, `payment.${result.status}:${result.orderId}`);
      if (paid) await finishPaid(updated);
      return paid ? 'paid' : 'failed';
    },

    /**
     * Asks the gateway about orders still pending after `olderThanMs` and applies what it says;
     * finishes paid payments whose receipt or message a crash left undone.
     */
    async reconcile(olderThanMs: number): Promise<{ checked: number; settled: number }> {
      const cutoff = new Date(Date.now() - olderThanMs);
      const open = await db.payment.findMany({ where: { state: 'pending', updatedAt: { lte: cutoff } }, take: 200, orderBy: { updatedAt: 'asc' } });
      let settled = 0;
      for (const payment of open) {
        const result = await gateway.inquire(payment.gatewayOrderId!).catch(() => null);
        if (!result) continue;
        try {
          await this.settle(result, 'reconciliation');
          settled += 1;
        } catch (err) {
          if (!(err instanceof HttpError) || err.statusCode >= 500) throw err; // settled by a callback meanwhile
        }
      }
      for (const payment of await db.payment.findMany({ where: { state: 'paid', receiptDocumentId: null }, take: 200 })) await finishPaid(payment);
      for (const payment of await paidWhileAwaited()) await finishPaid(payment);
      return { checked: open.length, settled };
    },

    /**
     * The application ended by withdrawal: fees not paid are cancelled; paid ones are refunded when
     * the family's rule says so for a fee paid before review and review has not started
     * (refund-rule.ts: a task other than the formal check claimed or completed); otherwise the
     * history says why not.
     */
    async onWithdrawal(applicationId: string, actor: string): Promise<void> {
      // its own fees, and those a ruling it is (legal deadline, appeal) asked for on the ruled application
      const withdrawn = await db.application.findUnique({ where: { id: applicationId }, select: { trackingNumber: true } });
      const payments = await db.payment.findMany({ where: { OR: [{ applicationId }, ...(withdrawn ? [{ trackingNumber: withdrawn.trackingNumber }] : [])] } });
      for (const payment of payments) {
        if (PAYABLE.has(payment.state)) {
          await db.payment.update({ where: { id: payment.id }, data: { state: 'cancelled' } });
          await audit(payment, 'payment.cancelled', actor, { reason: 'application withdrawn' });
        } else if (payment.state === 'paid' && payment.stage === 'before-review') {
          const startedBy = await reviewStartedBy(db, payment.applicationId);
          const refusal = refundRefusal(payment, 'withdrawal') ?? (startedBy ? 'review-started' : null);
          if (refusal) {
            await audit(payment, 'payment.refund-not-due', actor, { reason: 'withdrawn', refusal, ...(startedBy ? { reviewStartedBy: startedBy } : {}), amount: payment.amount }, `payment.refund-not-due:${payment.id}:withdrawal`);
          } else {
            await refund(payment, actor, 'application withdrawn before review');
          }
        }
      }
    },
  };
}

export type PaymentService = ReturnType<typeof createPaymentService>;
