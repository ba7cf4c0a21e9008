/** The public face of a certificate record: what anyone may see, and its current status. */
import type { Db, Prisma } from '../../../prisma/client';
import { parseCertificateNumber } from '../../../activities/certificates/certificate-number';
import { loadCertificateTemplate } from '../../../activities/certificates/certificate-template';
import { publicSubjectFields } from '../../../activities/certificates/certificate-subject';
import { recordSha256, shortRecordHash } from '../../../activities/certificates/record-hash';
import { ISSUED_ON_REGISTRATION } from '../../../activities/definition-data/undertaking';
import { isBilingual, type Bilingual } from '../../../activities/definition-data/read-json';
import { badRequest, notFound } from '../plugins/errors';

export type PublicStatus = 'valid' | 'expired' | 'suspended' | 'revoked' | 'superseded';

type CertificateRow = Omit<NonNullable<Awaited<ReturnType<Db['certificate']['findUnique']>>>, 'pdf'>;

/** Every column but the PDF itself: look-ups and the register never need the file's bytes. */
const WITHOUT_PDF = {
  id: true, number: true, issuanceKey: true, family: true, familyCode: true, jalaliYear: true, sequence: true, applicationId: true,
  holderName: true, holderNationalId: true, subject: true, status: true, issuedAt: true, expiresAt: true, pdfSha256: true, createdAt: true,
  replacesNumber: true, legacyNumber: true,
} as const;

export function publicStatus(cert: Pick<CertificateRow, 'status' | 'expiresAt'>, now = new Date()): PublicStatus {
  if (cert.status === 'revoked' || cert.status === 'suspended' || cert.status === 'superseded') return cert.status;
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
  const cert = await issuedRecord(db, number);
  if (!cert) throw notFound(`no certificate with number ${number}`);
  return cert;
}

/** The issued certificate with this canonical number, or null (never, or not yet, issued). */
export async function issuedRecord(db: Db, number: string): Promise<CertificateRow | null> {
  const cert = await db.certificate.findUnique({ where: { number }, select: WITHOUT_PDF });
  return cert && cert.status !== 'pending' && cert.pdfSha256 ? cert : null;
}

/**
 * The issued certificate with this number and what its public record changes with after issue: the
 * status as shown at `now` and how many status changes it has (one query). A cached public record
 * is answered only while this version is the same.
 */
export async function issuedWithVersion(db: Db, number: string, now = new Date()): Promise<{ cert: CertificateRow; version: string }> {
  const row = await db.certificate.findUnique({ where: { number }, select: { ...WITHOUT_PDF, _count: { select: { statusChanges: true } } } });
  if (!row || row.status === 'pending' || !row.pdfSha256) throw notFound(`no certificate with number ${number}`);
  const { _count, ...cert } = row;
  return { cert, version: `${publicStatus(cert, now)}/${_count.statusChanges}` };
}

/** The signed PDF of an issued certificate. */
export async function issuedPdf(db: Db, cert: CertificateRow): Promise<Buffer> {
  const { pdf } = await db.certificate.findUniqueOrThrow({ where: { id: cert.id }, select: { pdf: true } });
  if (!pdf) throw notFound(`no certificate with number ${cert.number}`);
  return Buffer.from(pdf);
}

export function publicRecord(cert: CertificateRow, now = new Date()) {
  const template = loadCertificateTemplate(cert.family);
  const holder = { name: cert.holderName, nationalId: cert.holderNationalId };
  const subject = JSON.parse(cert.subject) as Record<string, unknown>;
  // What the certificate states, hashed as printed on it (activities/certificates/record-hash.ts).
  const recordHash = recordSha256({ number: cert.number, family: cert.family, holder, subject, issuedAt: cert.issuedAt, expiresAt: cert.expiresAt });
  return {
    number: cert.number,
    status: publicStatus(cert, now),
    family: cert.family,
    familyTitle: template.title,
    issuer: template.issuer,
    holder,
    subject,
    issuedAt: cert.issuedAt.toISOString(),
    expiresAt: cert.expiresAt.toISOString(),
    sha256: cert.pdfSha256,
    recordSha256: recordHash,
    shortHash: shortRecordHash(recordHash),
    replaces: cert.replacesNumber,
    legacyNumber: cert.legacyNumber,
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

export interface IssuedByDeadline {
  /** When the application was deemed approved. */
  at: string;
  /** The unit(s) that held the file when its legal time ran out: liability stays with it. */
  reviewingUnit: string;
}

/**
 * The deemed approvals (application.deemed-approved) of these applications: their certificates
 * were issued because the regulator did not decide within the legal time.
 */
async function deemedApprovals(db: Db, applicationIds: string[]): Promise<Map<string, IssuedByDeadline>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db.auditLog.findMany({ where: { action: 'application.deemed-approved', applicationId: { in: applicationIds } }, select: { applicationId: true, at: true, details: true } });
  return new Map(rows.map((r) => {
    const details = JSON.parse(r.details) as { reviewingUnit?: unknown };
    return [r.applicationId ?? '', { at: r.at.toISOString(), reviewingUnit: typeof details.reviewingUnit === 'string' ? details.reviewingUnit : '' }];
  }));
}

export interface IssuedOnRegistration {
  /** When the applicant accepted the undertaking (the registration). */
  at: string;
  /** The undertaking accepted, as the family's service file worded it then. */
  undertaking: Bilingual;
  /** صادرشده بر پایه ثبت و تعهدنامه / Issued on registration with an undertaking. */
  label: Bilingual;
}

/**
 * The undertakings (application.undertaking-given) of these applications: registration-based
 * (ثبت‌محور) families issue on registration, against the applicant's undertaking.
 */
async function registrations(db: Db, applicationIds: string[]): Promise<Map<string, IssuedOnRegistration>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db.auditLog.findMany({ where: { action: 'application.undertaking-given', applicationId: { in: applicationIds } }, select: { applicationId: true, at: true, details: true } });
  return new Map(rows.map((r) => {
    const { undertaking } = JSON.parse(r.details) as { undertaking?: unknown };
    return [r.applicationId ?? '', { at: r.at.toISOString(), undertaking: isBilingual(undertaking) ? undertaking : { fa: '', en: '' }, label: ISSUED_ON_REGISTRATION }];
  }));
}

/** How the certificates of these applications came to be, when not by a reviewer's decision. */
async function issueMarkers(db: Db, applicationIds: string[]) {
  const [deemed, registered] = await Promise.all([deemedApprovals(db, applicationIds), registrations(db, applicationIds)]);
  return (applicationId: string) => ({ issuedByDeadline: deemed.get(applicationId) ?? null, issuedOnRegistration: registered.get(applicationId) ?? null });
}

/** Issued certificates matching `query`, newest first, one page of them. */
export async function searchRegister(db: Db, query: RegisterQuery, now = new Date()) {
  const where = registerWhere(query, now);
  const [total, rows] = await Promise.all([
    db.certificate.count({ where }),
    db.certificate.findMany({ where, select: WITHOUT_PDF, orderBy: [{ issuedAt: 'desc' }, { number: 'asc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
  ]);
  const markers = await issueMarkers(db, rows.map((r) => r.applicationId));
  return { total, page: query.page, pageSize: query.pageSize, items: rows.map((row) => ({ ...publicRecord(row, now), ...markers(row.applicationId) })) };
}

/** Every issued certificate matching `query` (no pages: the open-data register), newest first. */
export async function wholeRegister(db: Db, query: Omit<RegisterQuery, 'page' | 'pageSize'>, now = new Date()) {
  const rows = await db.certificate.findMany({ where: registerWhere(query, now), select: WITHOUT_PDF, orderBy: [{ issuedAt: 'desc' }, { number: 'asc' }] });
  const markers = await issueMarkers(db, rows.map((r) => r.applicationId));
  return rows.map((row) => ({ ...publicRecord(row, now), ...markers(row.applicationId) }));
}

function registerWhere(query: Omit<RegisterQuery, 'page' | 'pageSize'>, now: Date): Prisma.CertificateWhereInput {
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
  return where;
}

/**
 * What the public record adds to a look-up: every status change since issue, and how the
 * certificate came to be — the process version that ran and each decision's date and the role
 * (reviewer group) that took it, never the names of people.
 */
export async function publicRecordWithHistory(db: Db, cert: CertificateRow, now = new Date()) {
  const [changes, application, replacement] = await Promise.all([
    db.certificateStatusChange.findMany({ where: { certificateId: cert.id }, orderBy: { id: 'asc' } }),
    db.application.findUniqueOrThrow({
      where: { id: cert.applicationId },
      include: { applicant: { select: { username: true } }, tasks: { where: { status: 'completed' }, orderBy: { completedAt: 'asc' } } },
    }),
    db.certificate.findFirst({ where: { replacesNumber: cert.number, pdfSha256: { not: null } }, select: { number: true } }),
  ]);
  const roleOf = (task: (typeof application.tasks)[number]) =>
    task.candidateGroups ? task.candidateGroups.split(',').map((g) => g.trim()).filter(Boolean).join(', ') : task.completedBy === application.applicant.username ? 'applicant' : 'staff';
  const markers = await issueMarkers(db, [cert.applicationId]);
  return {
    ...publicRecord(cert, now),
    ...markers(cert.applicationId),
    /** How to read `subject`: each key's label, kind and option labels, in the template's order. */
    subjectFields: publicSubjectFields(loadCertificateTemplate(cert.family)),
    replacedBy: replacement?.number ?? null,
    history: [
      { at: cert.issuedAt.toISOString(), action: 'issue', status: 'valid', reason: null, decidedBy: 'system' },
      ...changes.map((c) => ({ at: c.at.toISOString(), action: c.action, status: c.toStatus, reason: c.reason, decidedBy: c.decidedBy })),
    ],
    process: {
      key: application.processKey,
      version: application.processVersion,
      submittedAt: application.createdAt.toISOString(),
      decisions: application.tasks.map((t) => ({ step: t.elementId, name: t.name, at: (t.completedAt ?? t.createdAt).toISOString(), role: roleOf(t) })),
    },
  };
}

/** Suspensions, reinstatements and revocations from `since` on, oldest first, after change `afterId` when given. */
export async function statusFeed(db: Db, query: { since: string; afterId?: number; limit: number }) {
  const rows = await db.certificateStatusChange.findMany({
    where: { at: { gte: new Date(query.since) }, ...(query.afterId !== undefined ? { id: { gt: query.afterId } } : {}) },
    include: { certificate: { select: { number: true, family: true } } },
    orderBy: { id: 'asc' },
    take: query.limit,
  });
  return {
    since: new Date(query.since).toISOString(),
    changes: rows.map((c) => ({ id: c.id, number: c.certificate.number, family: c.certificate.family, action: c.action, fromStatus: c.fromStatus, status: c.toStatus, at: c.at.toISOString(), reason: c.reason })),
    /** Pass as `afterId` (with the same `since`) for the next page; absent on the last page. */
    ...(rows.length === query.limit ? { nextAfterId: rows[rows.length - 1].id } : {}),
  };
}
