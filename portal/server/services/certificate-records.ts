/** The public face of a certificate record: what anyone may see, and its current status. */
import type { Db } from '../../../prisma/client';
import { parseCertificateNumber } from '../../../activities/certificates/certificate-number';
import { loadCertificateTemplate } from '../../../activities/certificates/certificate-template';
import { badRequest, notFound } from '../plugins/errors';

export type PublicStatus = 'valid' | 'expired' | 'suspended' | 'revoked';

type CertificateRow = NonNullable<Awaited<ReturnType<Db['certificate']['findUnique']>>>;

export function publicStatus(cert: Pick<CertificateRow, 'status' | 'expiresAt'>, now = new Date()): PublicStatus {
  if (cert.status === 'revoked' || cert.status === 'suspended') return cert.status;
  return cert.expiresAt.getTime() < now.getTime() ? 'expired' : 'valid';
}

/** Canonical number, or a 400 that says whether the format or the check character is wrong. */
export function canonicalNumber(text: string): string {
  const parsed = parseCertificateNumber(text);
  if (!parsed.ok) throw badRequest(parsed.message);
  return parsed.number;
}

/** An issued certificate by number (pending ones, still being signed, are not public yet). */
export async function findIssued(db: Db, number: string): Promise<CertificateRow> {
  const cert = await db.certificate.findUnique({ where: { number } });
  if (!cert || cert.status === 'pending' || !cert.pdf) throw notFound(`no certificate with number ${number}`);
  return cert;
}

export function publicRecord(cert: CertificateRow) {
  const template = loadCertificateTemplate(cert.family);
  return {
    number: cert.number,
    status: publicStatus(cert),
    family: cert.family,
    familyTitle: template.title,
    issuer: template.issuer,
    holder: { name: cert.holderName, nationalId: cert.holderNationalId },
    subject: JSON.parse(cert.subject) as Record<string, unknown>,
    issuedAt: cert.issuedAt.toISOString(),
    expiresAt: cert.expiresAt.toISOString(),
    sha256: cert.pdfSha256,
  };
}
