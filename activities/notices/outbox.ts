/**
 * The notice outbox: one Notice per event (its event key is unique, so a retried step records it
 * once) and one NoticeDelivery per channel. The inbox (the portal's Karpooshe) is written in the same
 * transaction, so it is delivered the moment the notice exists; SMS and e-mail wait, pending, for the
 * dispatcher (dispatcher.ts), off the application's workflow.
 */
import type { Db } from '../../prisma/client';
import { isUniqueViolation } from '../../prisma/client';
import type { NoticeTexts } from './templates';

export const CHANNELS = ['inbox', 'sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DELIVERY_STATES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface NoticeRecord {
  eventKey: string;
  event: string;
  user: { id: string; mobile: string | null; email: string | null };
  applicationId?: string | null;
  trackingNumber?: string | null;
  processKey?: string | null;
  texts: NoticeTexts;
}

/** Records the notice and its deliveries unless its event key was recorded before; answers whether this call recorded it. */
export async function recordNotice(db: Db, n: NoticeRecord): Promise<boolean> {
  if (await db.notice.findUnique({ where: { eventKey: n.eventKey }, select: { id: true } })) return false;
  const now = new Date();
  const external = (channel: Channel, address: string | null) => address
    ? { channel, state: 'pending', recipient: address, nextAttemptAt: now }
    : { channel, state: 'skipped', recipient: null, lastError: channel === 'sms' ? 'no mobile number on file' : 'no e-mail address on file' };
  try {
    await db.$transaction(async (tx) => {
      const inbox = await tx.notification.create({
        data: {
          idempotencyKey: n.eventKey,
          userId: n.user.id,
          applicationId: n.applicationId ?? null,
          template: n.event,
          subjectFa: n.texts.subjectFa,
          subjectEn: n.texts.subjectEn,
          bodyFa: n.texts.bodyFa,
          bodyEn: n.texts.bodyEn,
        },
      });
      await tx.notice.create({
        data: {
          eventKey: n.eventKey,
          event: n.event,
          userId: n.user.id,
          applicationId: n.applicationId ?? null,
          trackingNumber: n.trackingNumber ?? null,
          processKey: n.processKey ?? null,
          subjectFa: n.texts.subjectFa,
          subjectEn: n.texts.subjectEn,
          bodyFa: n.texts.bodyFa,
          bodyEn: n.texts.bodyEn,
          smsText: n.texts.sms,
          deliveries: {
            create: [
              { channel: 'inbox', state: 'sent', recipient: n.user.id, attempts: 1, sentAt: now, externalId: inbox.id },
              external('sms', n.user.mobile),
              external('email', n.user.email),
            ],
          },
        },
      });
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false; // a concurrent attempt recorded it
    throw err;
  }
}
