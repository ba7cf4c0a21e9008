/**
 * `payment.refund` service task: the application ends before review (header `reason`:
 * `rejected-before-review`, `withdrawn-before-review` or `lapsed-before-review`), so every fee of it
 * paid `before-review` goes back through the gateway when the family's rule for that ending says so
 * (definitions/services/<key>.json `fee.refundOnRejectionBeforeReview` / `refundOnWithdrawalBeforeReview`
 * / `refundOnLapseBeforeReview`)
 * and review has not started (refund-rule.ts). Otherwise the audit log records why not.
 * Each refunded fee is told to the applicant once (notice `payment-refunded`, keyed by the payment
 * and the gateway's refund reference). Idempotent: see refund-payment.ts.
 *
 * Sets `refundOutcome` (refunded | not-due | nothing-paid), `refundedAmount` (rials),
 * `refundReference` (the gateway's reference; several joined by commas) and `refundNotDueReason`.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import { appendAudit } from '../audit/audit-log';
import { NoticeProblem, sendNotice } from '../notices/send-notice';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import type { PaymentGateway } from './gateway';
import { type PaymentRecord, refundPayment } from './refund-payment';
import { type RefundOccasion, refundRefusal, reviewStartedBy } from './refund-rule';

export const REFUND_REASONS = ['rejected-before-review', 'withdrawn-before-review', 'lapsed-before-review'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

const OCCASION: Record<RefundReason, RefundOccasion> = { 'rejected-before-review': 'rejection', 'withdrawn-before-review': 'withdrawal', 'lapsed-before-review': 'lapse' };

export const REFUNDED_NOTICE = 'payment-refunded';

const isReason = (v: string | undefined): v is RefundReason => (REFUND_REASONS as readonly string[]).includes(v ?? '');

/** `gateway`: called when a refund is due (the worker's gateway, built once it is needed). */
export function createRefundBeforeReview(db: Db, gateway: () => PaymentGateway, publicBaseUrl: string): ServiceTaskHandler {
  return async (input) => {
    const reason = input.headers.reason;
    if (!isReason(reason)) throw ApplicationFailure.nonRetryable(`header "reason" is ${REFUND_REASONS.join(' or ')}, not "${reason ?? ''}"`, 'BadHeader');
    const occasion = OCCASION[reason];
    const application = await db.application.findUnique({ where: { id: input.applicationId }, select: { id: true, applicant: { select: { username: true } } } });
    if (!application) throw ApplicationFailure.nonRetryable(`application ${input.trackingNumber} does not exist`, 'UnknownApplication');

    const fees = await db.payment.findMany({ where: { applicationId: application.id, stage: 'before-review', state: { in: ['paid', 'refunded'] } }, orderBy: { createdAt: 'asc' } });
    if (fees.length === 0) return { variables: { refundOutcome: 'nothing-paid', refundedAmount: 0, refundReference: null, refundNotDueReason: null } };

    const startedBy = await reviewStartedBy(db, application.id);
    const refunded: PaymentRecord[] = [];
    let notDue: string | null = null;
    for (const fee of fees) {
      const refusal = fee.state === 'refunded' ? null : refundRefusal(fee, occasion) ?? (startedBy ? 'review-started' : null);
      if (refusal) {
        notDue = refusal;
        await appendAudit(db, {
          actor: 'system', action: 'payment.refund-not-due', applicationId: application.id, entityType: 'payment', entityId: fee.id,
          details: { reason, refusal, ...(refusal === 'review-started' ? { reviewStartedBy: startedBy } : {}), amount: fee.amount },
          dedupeKey: `payment.refund-not-due:${fee.id}:${input.elementId}:${input.activation}`,
        });
        continue;
      }
      refunded.push(await refundPayment(db, gateway(), fee, 'system', reason));
    }

    const username = typeof input.variables.applicant === 'string' ? input.variables.applicant : application.applicant.username;
    for (const fee of refunded) {
      try {
        await sendNotice(db, {
          eventKey: `${REFUNDED_NOTICE}/${fee.id}/${fee.refundReference}`,
          event: REFUNDED_NOTICE,
          username,
          applicationId: application.id,
          trackingNumber: input.trackingNumber,
          variables: { ...input.variables, refundedAmount: fee.amount, refundReference: fee.refundReference },
          publicBaseUrl,
        });
      } catch (err) {
        if (err instanceof NoticeProblem) throw ApplicationFailure.nonRetryable(err.message, err.code);
        throw err;
      }
    }
    return {
      variables: {
        refundOutcome: refunded.length > 0 ? 'refunded' : 'not-due',
        refundedAmount: refunded.reduce((sum, p) => sum + p.amount, 0),
        refundReference: refunded.length > 0 ? refunded.map((p) => p.refundReference).join(',') : null,
        refundNotDueReason: notDue,
      },
    };
  };
}
