/**
 * Gives a paid fee back through the gateway, once. The gateway's refund is keyed by the payment
 * (`refund:<payment id>`: the same id twice refunds once and answers the same reference), the row
 * moves to `refunded` only from a paid state, and the audit entry is deduplicated on the payment:
 * a retried activity, a replayed workflow or a withdrawal racing a rejection all end in one refund.
 * Shared by the `payment.refund` service task and the API (withdrawal, a payment after cancellation).
 */
import type { Db } from '../../prisma/client';
import { appendAudit } from '../audit/audit-log';
import type { PaymentGateway } from './gateway';

export type PaymentRecord = NonNullable<Awaited<ReturnType<Db['payment']['findUnique']>>>;

export const refundIdOf = (paymentId: string) => `refund:${paymentId}`;

export async function refundPayment(db: Db, gateway: PaymentGateway, payment: PaymentRecord, actor: string, reason: string): Promise<PaymentRecord> {
  let refunded = payment;
  if (payment.state !== 'refunded') {
    if (!payment.gatewayOrderId) throw new Error(`payment ${payment.id} has no gateway order to refund`);
    const { reference } = await gateway.refund({ orderId: payment.gatewayOrderId, refundId: refundIdOf(payment.id), amount: payment.amount });
    await db.payment.updateMany({
      where: { id: payment.id, state: { not: 'refunded' } },
      data: { state: 'refunded', refundReference: reference, refundedAt: new Date() },
    });
    refunded = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
  }
  // written once per payment, also when a crash came between the refund and its entry
  await appendAudit(db, {
    actor, action: 'payment.refunded', applicationId: refunded.applicationId, entityType: 'payment', entityId: refunded.id,
    details: { amount: refunded.amount, reference: refunded.refundReference, reason }, dedupeKey: `payment.refunded:${refunded.id}`,
  });
  return refunded;
}
