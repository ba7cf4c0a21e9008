/**
 * Notices about certificates, sent to the holder's applicant whichever process acted on it:
 * issued (after `issue-certificate`), suspended, revoked or reinstated (after
 * `certificate.change-status`), and about to expire (expiry-reminders.ts). The service-task handlers
 * are wrapped rather than edited, so every model that issues or changes a certificate sends them.
 */
import type { Db } from '../../prisma/client';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { dateValues } from './dates';
import { NoticeProblem, sendNotice } from './send-notice';

export const verifyLink = (publicBaseUrl: string, number: string) => `${publicBaseUrl}/verify/${encodeURIComponent(number)}`;

/** Sends `event` about certificate `number` once per `eventKey`; a holder without a user account gets none. */
export async function sendCertificateNotice(db: Db, publicBaseUrl: string, number: string, event: string, eventKey: string, extra: Record<string, unknown> = {}): Promise<boolean> {
  const cert = await db.certificate.findUnique({ where: { number }, include: { application: { select: { id: true, trackingNumber: true, applicant: { select: { username: true } } } } } });
  if (!cert) return false;
  try {
    const { recorded } = await sendNotice(db, {
      eventKey,
      event,
      username: cert.application.applicant.username,
      applicationId: cert.application.id,
      trackingNumber: cert.application.trackingNumber,
      variables: { certificateNumber: cert.number, verifyUrl: verifyLink(publicBaseUrl, cert.number), ...dateValues('expiresOn', cert.expiresAt), ...extra },
      publicBaseUrl,
    });
    return recorded;
  } catch (err) {
    if (err instanceof NoticeProblem) {
      console.warn(`notice ${eventKey} not sent: ${err.message}`);
      return false;
    }
    throw err;
  }
}

/** `issue-certificate`, then the certificate-issued notice (once per certificate). */
export function withIssuedNotice(issue: ServiceTaskHandler, db: Db, publicBaseUrl: string): ServiceTaskHandler {
  return async (input) => {
    const result = await issue(input);
    const number = result.variables.certificateNumber;
    if (typeof number === 'string' && !result.bpmnError) await sendCertificateNotice(db, publicBaseUrl, number, 'certificate-issued', `certificate/${number}/issued`);
    return result;
  };
}

const STATUS_EVENTS: Record<string, string> = { suspended: 'certificate-suspended', revoked: 'certificate-revoked', valid: 'certificate-reinstated' };

/** `certificate.change-status`, then the status-changed notice (once per status-change instance). */
export function withStatusNotice(change: ServiceTaskHandler, db: Db, publicBaseUrl: string): ServiceTaskHandler {
  return async (input) => {
    const result = await change(input);
    const status = result.variables.newStatus;
    const number = input.variables.certificateNumber;
    const event = typeof status === 'string' && Object.hasOwn(STATUS_EVENTS, status) ? STATUS_EVENTS[status] : undefined;
    if (event && typeof number === 'string' && !result.bpmnError) {
      await sendCertificateNotice(db, publicBaseUrl, number.trim(), event, `certificate/${number.trim()}/${input.trackingNumber}/${input.elementId}`, { reason: input.variables.reason });
    }
    return result;
  };
}
