/**
 * `certificate.check-renewal` service task (definitions/certificate-renewal.bpmn): may the
 * applicant's organisation renew this certificate? It must hold it; the certificate must be valid
 * (or expired less than RENEWAL_GRACE_DAYS ago) and not renewed already. When it may, the task
 * hands the process what the new certificate needs: the family, the subject (as the variables the
 * family's template reads) and the number it renews. When not, the BPMN error `not-renewable`.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { parseCertificateNumber } from './certificate-number';

export const RENEWAL_GRACE_DAYS = 180;
const DAY_MS = 86_400_000;

export function createCheckRenewal(db: Db, now: () => Date = () => new Date()): ServiceTaskHandler {
  return async (input) => {
    const refuse = (message: string) => ({ variables: { renewalRefusal: message }, bpmnError: { code: 'not-renewable', message } });
    const text = input.variables.certificateNumber;
    if (typeof text !== 'string') throw ApplicationFailure.nonRetryable('variable "certificateNumber" is required to renew a certificate', 'MissingVariable');
    const parsed = parseCertificateNumber(text);
    if (!parsed.ok) return refuse(parsed.message);
    const cert = await db.certificate.findUnique({ where: { number: parsed.number }, select: { number: true, family: true, subject: true, status: true, expiresAt: true, holderNationalId: true } });
    const application = await db.application.findUniqueOrThrow({ where: { id: input.applicationId }, include: { organisation: true } });
    if (!cert || cert.status === 'pending' || cert.holderNationalId !== application.organisation.nationalId) {
      return refuse(`${parsed.number} is not a certificate held by ${application.organisation.nameEn ?? application.organisation.nationalId}`);
    }
    if (cert.status !== 'valid') return refuse(`${cert.number} is ${cert.status} and cannot be renewed`);
    if (cert.expiresAt.getTime() < now().getTime() - RENEWAL_GRACE_DAYS * DAY_MS) {
      return refuse(`${cert.number} expired more than ${RENEWAL_GRACE_DAYS} days ago: apply for a new certificate instead`);
    }
    const renewal = await db.certificate.findFirst({ where: { replacesNumber: cert.number }, select: { number: true } });
    if (renewal) return refuse(`${cert.number} was already renewed by ${renewal.number}`);
    const subject = JSON.parse(cert.subject) as Record<string, unknown>;
    return { variables: { ...subject, certificateFamily: cert.family, renewsNumber: cert.number } };
  };
}
