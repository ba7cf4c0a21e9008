/**
 * A certificate record of the software-technical-approval family written straight into the
 * database (with the completed application it needs), for tests of what reads records: the public
 * lookup and verifier. Pass the PDF to have its SHA-256 recorded as the issued file's.
 */
import crypto from 'node:crypto';
import type { Db } from '../../prisma/client';
import { parseCertificateNumber } from '../../activities/certificates/certificate-number';

export interface SeededCertificate {
  /** A TA number of a year no other test issues in. */
  number: string;
  holderName: string;
  holderNationalId: string;
  subject: Record<string, string>;
  pdf?: Buffer;
}

export async function seedIssuedCertificate(db: Db, seed: SeededCertificate): Promise<void> {
  const parsed = parseCertificateNumber(seed.number);
  if (!parsed.ok || parsed.family !== 'TA') throw new Error(`not a TA certificate number: ${seed.number}`);
  const { number, jalaliYear, sequence } = parsed;
  const definition = await db.processDefinition.findFirstOrThrow({ where: { key: 'software-technical-approval' } });
  const applicant = await db.user.findUniqueOrThrow({ where: { username: 'applicant' } });
  const application = await db.application.create({
    data: {
      trackingNumber: `SEED-${number}`, definitionId: definition.id, processKey: definition.key, processVersion: definition.version,
      organisationId: applicant.organisationId!, applicantId: applicant.id, status: 'completed', submittedData: '{}',
    },
  });
  const pdf = seed.pdf ?? Buffer.from('%PDF-1.7 test');
  await db.certificate.create({
    data: {
      number, issuanceKey: `${application.trackingNumber}/issue`, family: 'software-technical-approval', familyCode: 'TA',
      jalaliYear, sequence, applicationId: application.id,
      holderName: seed.holderName, holderNationalId: seed.holderNationalId, subject: JSON.stringify(seed.subject), status: 'valid',
      issuedAt: new Date(), expiresAt: new Date('2099-01-01'), pdf: new Uint8Array(pdf), pdfSha256: crypto.createHash('sha256').update(pdf).digest('hex'),
    },
  });
}
