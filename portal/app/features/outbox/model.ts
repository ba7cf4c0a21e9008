/** The outbox as GET /api/outbox answers it (portal/server/services/outbox.ts). */
export const ADMIN = ['admin'] as const;
export const CHANNELS = ['inbox', 'sms', 'email'] as const;
export const STATES = ['pending', 'sent', 'failed', 'skipped'] as const;
/** The events the product sends (definitions/notification-templates.json). */
export const EVENTS = [
  'received', 'fix-requested', 'approved', 'approved-partly', 'rejected', 'lapsed', 'certificate-issued', 'certificate-expiring',
  'certificate-suspended', 'certificate-reinstated', 'certificate-revoked', 'renewed', 'renewal-refused', 'renewal-rejected', 'converted', 'conversion-refused', 'conversion-rejected',
  'payment-due', 'payment-lapsed', 'payment-refunded',
] as const;

export interface OutboxNotice {
  id: string;
  event: string;
  eventKey: string;
  trackingNumber: string | null;
  processKey: string | null;
  subjectFa: string;
  subjectEn: string;
  createdAt: string;
  username: string | null;
  bodyFa?: string;
  bodyEn?: string;
  smsText?: string;
}

export interface OutboxDelivery {
  id: string;
  channel: string;
  state: string;
  recipient: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  externalId: string | null;
  sentAt: string | null;
  updatedAt: string;
  notice: OutboxNotice;
}

export interface OutboxList { items: OutboxDelivery[]; byState: Record<string, number>; limit: number }
