/** Whether a paid fee is refunded when its application ends, by the family's rule (definitions/services/<key>.json `fee`). */
import { serviceData } from '../definition-data/services';

export function refundDue(payment: { processKey: string; stage: string }, how: 'withdrawal' | 'rejection'): boolean {
  if (payment.stage !== 'before-review') return false;
  const fee = serviceData(payment.processKey)?.fee;
  if (!fee) return false;
  return how === 'withdrawal' ? fee.refundOnWithdrawalBeforeReview : fee.refundOnRejectionBeforeReview;
}
