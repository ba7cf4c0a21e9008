/** The notice dispatcher with the configured channels, as the worker process runs it. */
import type { NoticesConfig } from '../../config';
import type { Db } from '../../prisma/client';
import { createSmtpSender } from './channels/email';
import { LogFileSmsProvider } from './channels/sms';
import { createNoticeDispatcher, type NoticeDispatcher } from './dispatcher';

export function startNoticeDispatcher(db: Db, config: NoticesConfig, publicBaseUrl: string): NoticeDispatcher {
  return createNoticeDispatcher({
    db,
    sms: new LogFileSmsProvider(config.smsLogFile),
    email: createSmtpSender(config.smtp),
    publicBaseUrl,
    maxAttempts: config.maxAttempts,
    retryBaseMs: config.retryBaseMs,
    pollMs: config.pollMs,
    expiryScanIntervalMs: config.expiryScanIntervalMs,
  });
}
