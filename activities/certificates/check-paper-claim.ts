/**
 * `certificate.check-paper-claim` service task (definitions/paper-certificate-conversion.bpmn):
 * before a reviewer compares a paper certificate with the archive, the claim must be the
 * applicant's own (the national ID given is their organisation's) and the old number must not have
 * been converted already. When it cannot go on: the BPMN error `not-convertible`.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import type { ServiceTaskHandler } from '../service-tasks/registry';

/** Paper certificate numbers as printed: letters, digits, `/`, `-` and spaces, up to 40 characters. */
const LEGACY_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}/ -]{0,39}$/u;

export function createCheckPaperClaim(db: Db): ServiceTaskHandler {
  return async (input) => {
    const refuse = (message: string) => ({ variables: { conversionRefusal: message }, bpmnError: { code: 'not-convertible', message } });
    const legacyNumber = input.variables.legacyNumber;
    const nationalId = input.variables.holderNationalId;
    if (typeof legacyNumber !== 'string' || typeof nationalId !== 'string') {
      throw ApplicationFailure.nonRetryable('variables "legacyNumber" and "holderNationalId" are required to convert a paper certificate', 'MissingVariable');
    }
    const number = legacyNumber.trim().replace(/\s+/g, ' ');
    if (!LEGACY_NUMBER.test(number)) return refuse(`"${legacyNumber}" does not look like a certificate number`);
    const application = await db.application.findUniqueOrThrow({ where: { id: input.applicationId }, include: { organisation: true } });
    if (nationalId.trim() !== application.organisation.nationalId) {
      return refuse(`the national ID ${nationalId.trim()} is not that of the applying organisation`);
    }
    const converted = await db.certificate.findFirst({ where: { legacyNumber: number, pdfSha256: { not: null } }, select: { number: true } });
    if (converted) return refuse(`paper certificate ${number} was already converted to ${converted.number}`);
    return { variables: { legacyNumber: number } };
  };
}
