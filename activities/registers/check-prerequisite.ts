/**
 * `certificate.check-prerequisite` service task: the applicant must hold, now, a valid certificate
 * of another family (header `family`, a template key) whose number is in the variable named by
 * `numberVariable`, for the same subject: each subject field in `matchSubject` (comma-separated)
 * must equal the process variable of the same name, compared as people write them (spaces, ZWNJ,
 * Arabic/Persian letters, Latin case). Fields in `copySubject` are copied from the certificate into
 * the process. Otherwise the BPMN error `prerequisite-not-met` with the condition named by the
 * `condition` header and the reason in Persian and English.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { parseCertificateNumber } from '../certificates/certificate-number';
import { loadCertificateTemplate } from '../certificates/certificate-template';

export const PREREQUISITE_NOT_MET = 'prerequisite-not-met';

/** Text as people mean it: one space between words, ZWNJ as a space, Arabic ي/ك as Persian ی/ک, Latin lower case. */
export function sameText(a: string, b: string): boolean {
  const norm = (t: string) => t.normalize('NFC').replace(/[\u200c\u200f\u200e]/g, ' ').replace(/ي/g, 'ی').replace(/ك/g, 'ک').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

const list = (header: string | undefined): string[] => (header ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function createCheckPrerequisite(db: Db, now: () => Date = () => new Date()): ServiceTaskHandler {
  return async (input) => {
    const { family, numberVariable, condition } = input.headers;
    if (!family || !numberVariable) throw ApplicationFailure.nonRetryable(`service task ${input.elementId} needs the headers "family" and "numberVariable"`, 'MissingHeader');
    const template = loadCertificateTemplate(family);
    const refuse = (fa: string, en: string) => ({
      variables: { ...(condition ? { rejectionCondition: condition } : {}), rejectionReasonFa: fa, rejectionReasonEn: en },
      bpmnError: { code: PREREQUISITE_NOT_MET, message: en },
    });
    const text = input.variables[numberVariable];
    if (typeof text !== 'string' || text.trim() === '') return refuse(`شماره ${template.title.fa} وارد نشده است.`, `No ${template.title.en} number was given.`);
    const parsed = parseCertificateNumber(text);
    if (!parsed.ok) return refuse(`شماره «${text}» شماره گواهی درستی نیست.`, `"${text}" is not a valid certificate number: ${parsed.message}.`);
    const cert = await db.certificate.findUnique({ where: { number: parsed.number }, select: { number: true, family: true, subject: true, status: true, expiresAt: true, holderNationalId: true } });
    if (!cert || cert.status === 'pending') return refuse(`گواهی ${parsed.number} در سامانه ثبت نشده است.`, `Certificate ${parsed.number} is not on the register.`);
    if (cert.family !== family) return refuse(`${cert.number} ${template.title.fa} نیست.`, `${cert.number} is not a ${template.title.en}.`);
    const application = await db.application.findUniqueOrThrow({ where: { id: input.applicationId }, include: { organisation: true } });
    if (cert.holderNationalId !== application.organisation.nationalId) {
      return refuse(`گواهی ${cert.number} به شرکت دیگری تعلق دارد، نه به ${application.organisation.nameFa}.`, `Certificate ${cert.number} belongs to another company, not to ${application.organisation.nameEn ?? application.organisation.nameFa}.`);
    }
    if (cert.status !== 'valid') {
      const fa = { suspended: 'تعلیق شده', revoked: 'ابطال شده', superseded: 'با تمدید جایگزین شده' }[cert.status] ?? cert.status;
      return refuse(`گواهی ${cert.number} ${fa} است و معتبر نیست.`, `Certificate ${cert.number} is ${cert.status}, not valid.`);
    }
    if (cert.expiresAt.getTime() <= now().getTime()) return refuse(`اعتبار گواهی ${cert.number} به پایان رسیده است.`, `Certificate ${cert.number} has expired.`);
    const subject = JSON.parse(cert.subject) as Record<string, unknown>;
    for (const field of list(input.headers.matchSubject)) {
      const asked = input.variables[field];
      const held = subject[field];
      if (typeof asked !== 'string' || typeof held !== 'string' || !sameText(asked, held)) {
        const label = template.fields.find((f) => f.variable === field)?.label ?? { fa: field, en: field };
        return refuse(`${label.fa} «${String(asked ?? '')}» با ${label.fa} گواهی ${cert.number} («${String(held ?? '')}») یکی نیست.`, `The ${label.en.toLowerCase()} "${String(asked ?? '')}" differs from that of certificate ${cert.number} ("${String(held ?? '')}").`);
      }
    }
    const copied = Object.fromEntries(list(input.headers.copySubject).filter((f) => subject[f] !== undefined).map((f) => [f, subject[f]]));
    return { variables: { ...copied, [numberVariable]: cert.number } };
  };
}
