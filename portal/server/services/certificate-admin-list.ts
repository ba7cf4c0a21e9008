/**
 * The administrators' list of issued certificates: every one (not only a page of the public
 * register), with the application it came from, the status-change process under way if any, and
 * the number in each status, so a page can filter by family, status and expiry date at once.
 */
import type { Db } from '../../../prisma/client';
import { loadCertificateTemplate } from '../../../activities/certificates/certificate-template';
import { publicStatus, type PublicStatus } from './certificate-records';
import { STATUS_CHANGE_PROCESS } from './certificate-status';

export const ADMIN_LIST_LIMIT = 5000;
const UNFINISHED = ['submitted', 'running', 'incident'];

export interface AdminCertificateQuery {
  family?: string;
  status?: PublicStatus;
  /** Valid certificates whose validity ends within this many days from now. */
  expiringWithinDays?: number;
  q?: string;
}

/** The first text the certificate states of its subject (product name, scope…), in the template's order. */
function scopeOf(family: string, subject: Record<string, unknown>): string | null {
  for (const field of loadCertificateTemplate(family).fields) {
    const value = subject[field.variable];
    if (typeof value === 'string' && value.trim() && (field.kind === 'text' || field.kind === 'version')) return value;
  }
  return null;
}

export async function adminCertificateList(db: Db, query: AdminCertificateQuery, now = new Date()) {
  const rows = await db.certificate.findMany({
    where: { status: { not: 'pending' }, pdfSha256: { not: null }, ...(query.family ? { OR: [{ family: query.family }, { familyCode: query.family.toUpperCase() }] } : {}) },
    select: {
      id: true, number: true, family: true, familyCode: true, holderName: true, holderNationalId: true, subject: true, status: true, issuedAt: true, expiresAt: true,
      replacesNumber: true, application: { select: { trackingNumber: true } },
    },
    orderBy: [{ issuedAt: 'desc' }, { number: 'asc' }],
    take: ADMIN_LIST_LIMIT,
  });
  const underWay = await db.application.findMany({ where: { processKey: STATUS_CHANGE_PROCESS, status: { in: UNFINISHED } }, select: { trackingNumber: true, submittedData: true } });
  const pendingChange = new Map<string, { trackingNumber: string; action: string }>();
  for (const app of underWay) {
    const data = JSON.parse(app.submittedData) as { certificateNumber?: string; action?: string };
    if (data.certificateNumber) pendingChange.set(data.certificateNumber, { trackingNumber: app.trackingNumber, action: data.action ?? '' });
  }
  const all = rows.map((row) => {
    const subject = JSON.parse(row.subject) as Record<string, unknown>;
    const template = loadCertificateTemplate(row.family);
    return {
      id: row.number,
      number: row.number,
      family: row.family,
      familyCode: row.familyCode,
      familyTitle: template.title,
      holder: { name: row.holderName, nationalId: row.holderNationalId },
      scope: scopeOf(row.family, subject),
      status: publicStatus(row, now),
      issuedAt: row.issuedAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      trackingNumber: row.application.trackingNumber,
      replaces: row.replacesNumber,
      pendingChange: pendingChange.get(row.number) ?? null,
    };
  });
  const counts: Record<PublicStatus, number> = { valid: 0, expired: 0, suspended: 0, revoked: 0, superseded: 0 };
  for (const c of all) counts[c.status] += 1;
  const horizon = query.expiringWithinDays !== undefined ? now.getTime() + query.expiringWithinDays * 86_400_000 : undefined;
  const q = query.q?.trim().toLocaleLowerCase();
  const data = all.filter((c) =>
    (!query.status || c.status === query.status)
    && (horizon === undefined || (c.status === 'valid' && Date.parse(c.expiresAt) <= horizon))
    && (!q || [c.number, c.holder.name, c.holder.nationalId, c.scope ?? '', c.trackingNumber].some((v) => v.toLocaleLowerCase().includes(q))));
  const expiringSoon = all.filter((c) => c.status === 'valid' && Date.parse(c.expiresAt) <= now.getTime() + 90 * 86_400_000).length;
  return { data, total: data.length, counts, expiringSoon };
}
