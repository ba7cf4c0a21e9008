/**
 * `issue-certificate` service task: mints the certificate number, renders and signs the PDF (PAdES
 * B-LTA with the worker's validation data: time-stamped, the DSS, a document time-stamp; else B-T)
 * and stores it with its SHA-256.
 *
 * Exactly once: the row is keyed by <tracking number>/<element id>/<activation>, which is the same
 * on every retry of the activity. A retry (after a crash, a timeout or a worker restart) finds the
 * row and reuses its number; it only renders and signs again if the PDF was never stored.
 */
import crypto from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import { isUniqueViolation } from '../../prisma/client';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { appendAudit } from '../audit/audit-log';
import { formatCertificateNumber } from './certificate-number';
import { CertificateTemplate, loadCertificateTemplate } from './certificate-template';
import { CertificateSubject, describeProblems, readSubject } from './certificate-subject';
import { addJalaliMonths, jalaliYearOf } from './jalali-date';
import { certificateQrText } from './offline-qr/sign-payload';
import type { Pki } from './pki';
import { renderCertificatePdf } from './render-certificate-pdf';
import { signLongTerm } from './ltv/long-term';
import type { ValidationDataSource } from './ltv/pki-validation-data';
import type { TimeStamper } from './timestamp/time-stamper';
import { supersede } from './supersede';

export interface IssueCertificateDeps {
  db: Db;
  pki: Pki;
  /** Time-stamps each signature (PAdES B-T): the trust-services TSA over HTTP, or the worker's own (timestamp/). */
  timeStamper: TimeStamper;
  /**
   * The CRLs, OCSP answers and certificates for the file's DSS (the worker's, from the PKI folder):
   * with it the file is PAdES B-LTA (ltv/), without it B-T.
   */
  validationData?: ValidationDataSource;
  /** Builds the public verification URL printed in the QR code. */
  verifyUrl(number: string): string;
  now?: () => Date;
  /** Test hook: runs after a number is minted and before the PDF is stored (crash tests). */
  afterMint?: (number: string) => void;
}

/**
 * The subject as the template's fields read it from the process variables. A missing or unusable
 * variable will not appear by retrying: the failure is non-retryable and names every such variable.
 */
function subjectOf(template: CertificateTemplate, variables: Record<string, unknown>): CertificateSubject {
  const reading = readSubject(template, variables);
  if (reading.ok) return reading.subject;
  const missing = reading.problems.some((p) => p.kind === 'missing');
  throw ApplicationFailure.nonRetryable(`cannot issue the ${template.key} certificate: ${describeProblems(reading.problems)}`, missing ? 'MissingVariable' : 'InvalidVariable');
}

/** The validity of this certificate: the template's variable when the process set it, else the template's months. */
function validityMonthsOf(template: CertificateTemplate, variables: Record<string, unknown>): number {
  const name = template.validityMonthsVariable;
  const value = name === undefined ? undefined : variables[name];
  if (value === undefined || value === null) return template.validityMonths;
  if (!(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 120)) {
    throw ApplicationFailure.nonRetryable(`cannot issue the ${template.key} certificate: variable "${name}" must be a whole number of months from 1 to 120 (got ${JSON.stringify(value)})`, 'InvalidVariable');
  }
  return value as number;
}

function optionalString(variables: Record<string, unknown>, name: string): string | undefined {
  const v = variables[name];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

type CertificateRow = NonNullable<Awaited<ReturnType<Db['certificate']['findUnique']>>>;

/** Takes the next sequence number of the family and year and creates the pending row, atomically. */
async function mint(db: Db, row: Omit<CertificateRow, 'id' | 'number' | 'sequence' | 'pdf' | 'pdfSha256' | 'createdAt' | 'replacesNumber' | 'legacyNumber'> & Partial<Pick<CertificateRow, 'replacesNumber' | 'legacyNumber'>>): Promise<CertificateRow> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const seq = await tx.certificateSequence.upsert({
          where: { familyCode_jalaliYear: { familyCode: row.familyCode, jalaliYear: row.jalaliYear } },
          create: { familyCode: row.familyCode, jalaliYear: row.jalaliYear, next: 2 },
          update: { next: { increment: 1 } },
        });
        const sequence = seq.next - 1;
        const number = formatCertificateNumber({ family: row.familyCode, jalaliYear: row.jalaliYear, sequence });
        return tx.certificate.create({ data: { ...row, number, sequence } });
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Either an earlier attempt of this very activity won (issuanceKey), or a concurrent
      // issuance raced on the sequence: re-read, and retry only the latter.
      const existing = await db.certificate.findUnique({ where: { issuanceKey: row.issuanceKey } });
      if (existing) return existing;
    }
  }
  throw new Error('could not allocate a certificate number after 5 attempts');
}

export function createIssueCertificate(deps: IssueCertificateDeps): ServiceTaskHandler {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  return async (input) => {
    // a process for one family names it in a header; a renewal takes the renewed certificate's
    const family = input.headers.family ?? optionalString(input.variables, 'certificateFamily');
    if (!family) throw ApplicationFailure.nonRetryable(`service task ${input.elementId} needs a "family" task header or a certificateFamily variable`, 'MissingHeader');
    const renews = optionalString(input.variables, 'renewsNumber');
    const template = loadCertificateTemplate(family);
    const issuanceKey = `${input.trackingNumber}/${input.elementId}/${input.activation}`;
    // a ruling (deemed approval, an overturned appeal) issues for the application it decided
    const ruledTracking = optionalString(input.variables, 'ruledTrackingNumber');
    const ruled = ruledTracking ? await db.application.findUnique({ where: { trackingNumber: ruledTracking }, select: { id: true } }) : null;
    if (ruledTracking && !ruled) throw ApplicationFailure.nonRetryable(`no application ${ruledTracking} to issue for`, 'UnknownApplication');
    const applicationId = ruled?.id ?? input.applicationId;
    const trackingNumber = ruledTracking ?? input.trackingNumber;

    let cert = await db.certificate.findUnique({ where: { issuanceKey } });
    if (!cert) {
      const subject = subjectOf(template, input.variables);
      const validityMonths = validityMonthsOf(template, input.variables);
      const application = await db.application.findUniqueOrThrow({ where: { id: applicationId }, include: { organisation: true } });
      const issuedAt = now();
      cert = await mint(db, {
        issuanceKey,
        family,
        familyCode: template.family,
        jalaliYear: jalaliYearOf(issuedAt),
        applicationId,
        holderName: application.organisation.nameFa,
        holderNationalId: application.organisation.nationalId,
        subject: JSON.stringify(subject),
        status: 'pending',
        replacesNumber: renews ?? null,
        legacyNumber: optionalString(input.variables, 'legacyNumber') ?? null,
        issuedAt,
        expiresAt: addJalaliMonths(issuedAt, validityMonths),
      });
      deps.afterMint?.(cert.number);
    }

    if (!cert.pdf) {
      const signer = await deps.pki.signerFor(cert.familyCode); // the family's document signer: the PDF and the QR's payload
      const facts = {
        number: cert.number,
        holder: { name: cert.holderName, nationalId: cert.holderNationalId },
        subject: JSON.parse(cert.subject),
        issuedAt: cert.issuedAt,
        expiresAt: cert.expiresAt,
        verifyUrl: deps.verifyUrl(cert.number),
      };
      const qrText = certificateQrText(facts, { key: template.key, code: template.family }, signer);
      const unsigned = await renderCertificatePdf({ ...facts, qrText, trackingNumber }, template);
      // a TSA that does not answer fails the attempt, which Temporal retries; the hash is of the final (LTA) file
      const pdf = await signLongTerm(unsigned, signer, deps.timeStamper, deps.validationData);
      const pdfSha256 = crypto.createHash('sha256').update(pdf).digest('hex');
      cert = await db.certificate.update({ where: { id: cert.id }, data: { pdf: new Uint8Array(pdf), pdfSha256, status: 'valid' } });
    }

    if (renews) await supersede(db, renews, cert, input.trackingNumber);

    await appendAudit(db, {
      actor: 'system',
      action: 'certificate.issued',
      applicationId,
      entityType: 'certificate',
      entityId: cert.number,
      details: { family, pdfSha256: cert.pdfSha256, expiresAt: cert.expiresAt.toISOString() },
      dedupeKey: `certificate.issued:${issuanceKey}`,
    });
    return { variables: { certificateNumber: cert.number } };
  };
}
