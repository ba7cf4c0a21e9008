/** A fee as the API gives it (GET /api/applications/:tracking/payments, GET /api/payments). */
export interface PaymentView {
  id: string;
  trackingNumber: string;
  processKey: string;
  amount: number;
  currency: string;
  /** requested | pending | paid | failed | cancelled | refunded */
  state: string;
  stage: string;
  attempts: number;
  gatewayOrderId: string | null;
  gatewayReference: string | null;
  failureReason: string | null;
  receiptDocumentId: string | null;
  refundReference: string | null;
  createdAt: string;
  updatedAt: string;
  paidAt: string | null;
  refundedAt: string | null;
}

export const PAYMENT_STATES = ['requested', 'pending', 'paid', 'failed', 'cancelled', 'refunded'] as const;
/** States in which the applicant may pay (again). */
export const PAYABLE_STATES = new Set(['requested', 'pending', 'failed']);
/** The document kind of a payment receipt (portal/server/services/payments/payment-service.ts). */
export const RECEIPT_KIND = 'payment-receipt';
