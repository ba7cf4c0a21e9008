/**
 * Delivers pending SMS and e-mail deliveries of the outbox, outside every workflow: the worker
 * process runs it beside the Temporal worker. Each delivery is claimed for a lease first (a row
 * update that only one dispatcher wins), so two dispatchers never send the same one and a crashed
 * one's claim lapses. A failure waits with exponential back-off; after `maxAttempts` the delivery is
 * failed and waits for an administrator's retry. The same loop runs the renewal-reminder scan.
 */
import type { Db } from '../../prisma/client';
import type { EmailSender } from './channels/email';
import type { SmsProvider } from './channels/sms';
import { sendExpiryReminders } from './expiry-reminders';

export interface DispatcherOptions {
  db: Db;
  sms: SmsProvider;
  email: EmailSender;
  publicBaseUrl: string;
  /** Attempts before a delivery is failed. */
  maxAttempts: number;
  /** The wait after the first failure; it doubles with each further one, up to `maxDelayMs`. */
  retryBaseMs: number;
  maxDelayMs?: number;
  /** How long a claim holds (longer than any one send takes). */
  leaseMs?: number;
  pollMs: number;
  /** How often the renewal-reminder scan runs (0: never). */
  expiryScanIntervalMs: number;
}

export interface NoticeDispatcher {
  /** One round: the reminder scan when due, then every due delivery; answers how many deliveries were attempted. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function createNoticeDispatcher(o: DispatcherOptions): NoticeDispatcher {
  const leaseMs = o.leaseMs ?? 120_000;
  const maxDelayMs = o.maxDelayMs ?? 3_600_000;
  let lastScan = 0;

  async function claim(id: string, now: Date): Promise<boolean> {
    const { count } = await o.db.noticeDelivery.updateMany({
      where: { id, state: 'pending', OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      data: { claimedUntil: new Date(now.getTime() + leaseMs) },
    });
    return count === 1;
  }

  async function deliver(id: string): Promise<void> {
    const d = await o.db.noticeDelivery.findUniqueOrThrow({ where: { id }, include: { notice: true } });
    try {
      if (!d.recipient) throw new Error('no recipient');
      let externalId: string;
      if (d.channel === 'sms') {
        externalId = (await o.sms.send({ id: d.id, to: d.recipient, text: d.notice.smsText, event: d.notice.eventKey })).providerId;
      } else if (d.channel === 'email') {
        const n = d.notice;
        externalId = (await o.email.send({ id: d.id, to: d.recipient, subjectFa: n.subjectFa, subjectEn: n.subjectEn, bodyFa: n.bodyFa, bodyEn: n.bodyEn, event: n.eventKey })).messageId;
      } else {
        throw new Error(`channel ${d.channel} is not delivered by the dispatcher`);
      }
      await o.db.noticeDelivery.update({ where: { id }, data: { state: 'sent', sentAt: new Date(), attempts: d.attempts + 1, externalId, claimedUntil: null, lastError: null } });
    } catch (err) {
      const attempts = d.attempts + 1;
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const failed = attempts >= o.maxAttempts;
      await o.db.noticeDelivery.update({
        where: { id },
        data: {
          attempts,
          lastError: message,
          claimedUntil: null,
          state: failed ? 'failed' : 'pending',
          nextAttemptAt: failed ? d.nextAttemptAt : new Date(Date.now() + backoffMs(attempts, o.retryBaseMs, maxDelayMs)),
        },
      });
    }
  }

  async function tick(): Promise<number> {
    const now = new Date();
    if (o.expiryScanIntervalMs > 0 && now.getTime() - lastScan >= o.expiryScanIntervalMs) {
      lastScan = now.getTime();
      await sendExpiryReminders(o.db, o.publicBaseUrl, now);
    }
    const due = await o.db.noticeDelivery.findMany({
      where: { state: 'pending', nextAttemptAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      select: { id: true },
      orderBy: { nextAttemptAt: 'asc' },
      take: 50,
    });
    let attempted = 0;
    for (const { id } of due) {
      if (!(await claim(id, now))) continue;
      await deliver(id);
      attempted += 1;
    }
    return attempted;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((err: unknown) => console.error(`notice dispatcher: ${(err as Error).message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, o.pollMs);
      });
  };
  timer = setTimeout(loop, 0);
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      o.email.close();
    },
  };
}
