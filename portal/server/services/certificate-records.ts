/** The public face of a certificate record: what anyone may see, and its current status. */
import type { Db, Prisma } from '../../../prisma/client';
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

export function publicRecord(cert: CertificateRow, now = new Date()) {
  const template = loadCertificateTemplate(cert.family);
  return {
    number: cert.number,
    status: publicStatus(cert, now),
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

export interface RegisterQuery {
  family?: string;
  status?: PublicStatus;
  /** A certificate number (any accepted spelling), part of the holder's name or product, or the holder's national ID. */
  q?: string;
  page: number;
  pageSize: number;
}

/** Issued certificates matching `query`, newest first, one page of them. */
export async function searchRegister(db: Db, query: RegisterQuery, now = new Date()) {
  const where: Prisma.CertificateWhereInput = { status: { not: 'pending' }, pdfSha256: { not: null } };
  const and: Prisma.CertificateWhereInput[] = [];
  if (query.family) and.push({ family: query.family });
  if (query.status === 'valid') and.push({ status: 'valid', expiresAt: { gte: now } });
  else if (query.status === 'expired') and.push({ status: 'valid', expiresAt: { lt: now } });
  else if (query.status) and.push({ status: query.status });
  const q = query.q?.trim();
  if (q) {
    const parsed = parseCertificateNumber(q);
    and.push({ OR: [...(parsed.ok ? [{ number: parsed.number }] : []), { holderNationalId: q }, { holderName: { contains: q } }, { subject: { contains: q } }] });
  }
  if (and.length) where.AND = and;
  const [total, rows] = await Promise.all([
    db.certificate.count({ where }),
    db.certificate.findMany({ where, orderBy: [{ issuedAt: 'desc' }, { number: 'asc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
  ]);
  return { total, page: query.page, pageSize: query.pageSize, items: rows.map((row) => publicRecord(row, now)) };
}
