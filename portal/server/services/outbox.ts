/**
 * The notice outbox as the administrator and the applicant see it: deliveries by event, channel and
 * state; a failed delivery retried by hand; each inbox message with its delivery state per channel.
 */
import type { Db } from '../../../prisma/client';
import { appendAudit } from '../../../activities/audit/audit-log';
import { conflict, notFound } from '../plugins/errors';

export const OUTBOX_LIST_LIMIT = 500;

export interface OutboxQuery {
  event?: string;
  channel?: string;
  state?: string;
  /** A tracking number or a certificate number, in part. */
  q?: string;
}

export interface DeliveryView {
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
}

interface DeliveryRow { id: string; channel: string; state: string; recipient: string | null; attempts: number; nextAttemptAt: Date; lastError: string | null; externalId: string | null; sentAt: Date | null; updatedAt: Date }

export function deliveryView(d: DeliveryRow): DeliveryView {
  return {
    id: d.id,
    channel: d.channel,
    state: d.state,
    recipient: d.recipient,
    attempts: d.attempts,
    nextAttemptAt: d.state === 'pending' ? d.nextAttemptAt.toISOString() : null,
    lastError: d.lastError,
    externalId: d.externalId,
    sentAt: d.sentAt?.toISOString() ?? null,
    updatedAt: d.updatedAt.toISOString(),
  };
}

const noticeSelect = { id: true, eventKey: true, event: true, trackingNumber: true, processKey: true, subjectFa: true, subjectEn: true, bodyFa: true, bodyEn: true, smsText: true, createdAt: true, userId: true } as const;

export async function outboxList(db: Db, query: OutboxQuery) {
  const rows = await db.noticeDelivery.findMany({
    where: {
      ...(query.channel ? { channel: query.channel } : {}),
      ...(query.state ? { state: query.state } : {}),
      notice: {
        ...(query.event ? { event: query.event } : {}),
        ...(query.q ? { OR: [{ trackingNumber: { contains: query.q } }, { eventKey: { contains: query.q } }] } : {}),
      },
    },
    include: { notice: { select: noticeSelect } },
    orderBy: [{ createdAt: 'desc' }, { channel: 'asc' }],
    take: OUTBOX_LIST_LIMIT,
  });
  const users = new Map((await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.notice.userId))] } }, select: { id: true, username: true } })).map((u) => [u.id, u.username]));
  const counts = await db.noticeDelivery.groupBy({ by: ['state'], _count: { _all: true } });
  return {
    items: rows.map((r) => ({
      ...deliveryView(r),
      notice: { id: r.notice.id, event: r.notice.event, eventKey: r.notice.eventKey, trackingNumber: r.notice.trackingNumber, processKey: r.notice.processKey, subjectFa: r.notice.subjectFa, subjectEn: r.notice.subjectEn, createdAt: r.notice.createdAt.toISOString(), username: users.get(r.notice.userId) ?? null },
    })),
    byState: Object.fromEntries(counts.map((c) => [c.state, c._count._all])),
    limit: OUTBOX_LIST_LIMIT,
  };
}

export async function outboxDelivery(db: Db, id: string) {
  const d = await db.noticeDelivery.findUnique({ where: { id }, include: { notice: { select: noticeSelect } } });
  if (!d) throw notFound(`no notice delivery ${id}`);
  const user = await db.user.findUnique({ where: { id: d.notice.userId }, select: { username: true } });
  const { userId: _userId, createdAt, ...notice } = d.notice;
  return { ...deliveryView(d), notice: { ...notice, createdAt: createdAt.toISOString(), username: user?.username ?? null } };
}

/** An administrator's retry of a failed delivery: pending again, due now, with a fresh round of attempts. */
export async function retryDelivery(db: Db, id: string, actor: string) {
  const { count } = await db.noticeDelivery.updateMany({ where: { id, state: 'failed' }, data: { state: 'pending', attempts: 0, nextAttemptAt: new Date(), claimedUntil: null } });
  if (count === 0) {
    const d = await db.noticeDelivery.findUnique({ where: { id }, select: { state: true } });
    if (!d) throw notFound(`no notice delivery ${id}`);
    throw conflict(`only a failed delivery can be retried; this one is ${d.state}`);
  }
  await appendAudit(db, { actor, actorRole: 'admin', action: 'notice.delivery-retried', entityType: 'notice-delivery', entityId: id, details: {} });
  return outboxDelivery(db, id);
}

/** The inbox: the user's messages, each with its notice's delivery state per channel (older messages have none). */
export async function inboxWithDeliveries(db: Db, userId: string) {
  const messages = await db.notification.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take: 200 });
  const notices = await db.notice.findMany({
    where: { eventKey: { in: messages.map((m) => m.idempotencyKey) } },
    select: { eventKey: true, event: true, deliveries: { orderBy: { channel: 'asc' } } },
  });
  const byKey = new Map(notices.map((n) => [n.eventKey, n]));
  return messages.map((m) => {
    const notice = byKey.get(m.idempotencyKey);
    return {
      ...m,
      event: notice?.event ?? m.template,
      // the applicant sees where the message went and whether it arrived, not the provider's internals
      deliveries: (notice?.deliveries ?? []).map((d) => ({ channel: d.channel, state: d.state, recipient: d.recipient && d.channel !== 'inbox' ? d.recipient : null, attempts: d.attempts, sentAt: d.sentAt?.toISOString() ?? null })),
    };
  });
}
