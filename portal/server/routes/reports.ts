/**
 * Reports (administrators) in the shape of the regulator's published tables (ITO's report, tables
 * 17–20 and 13): for one Solar Hijri year, per certificate family, the applications received that
 * year and where they stand now — under review, rejected, withdrawn by the applicant, approved (of
 * which issued by deadline: deemed approved when the legal time ran out), and closed otherwise
 * (cancelled, lapsed, failed) — with the average and 90th-percentile review time in days of those
 * decided. A year runs from 1 Farvardin to the next 1 Farvardin, Tehran time; the family is the
 * tracking number's code (TA, SA, AL…), one per certificate template. As JSON, or as CSV for
 * spreadsheets (`?format=csv`).
 */
import type { FastifyInstance } from 'fastify';
import { toGregorian } from 'jalaali-js';
import type { Db } from '../../../prisma/client';
import { jalaliDayOf } from '../../../activities/certificates/jalali-date';
import { loadAllCertificateTemplates } from '../../../activities/certificates/certificate-template';
import { authenticate, requireRole } from '../plugins/auth';
import { bearer, errorSchema } from '../schemas/common';
import { DAY_MS, nearestRank, round1 } from '../services/figures';
import { toCsv } from '../services/csv';

const TEHRAN_OFFSET_MS = 210 * 60 * 1000;
const OPEN = new Set(['submitted', 'running', 'incident']);

/** The instant 1 Farvardin of `year` begins in Tehran. */
export function jalaliYearStart(year: number): Date {
  const g = toGregorian(year, 1, 1);
  return new Date(Date.UTC(g.gy, g.gm - 1, g.gd) - TEHRAN_OFFSET_MS);
}

/** Audit actions that mark an application: withdrawn by its applicant; deemed approved at its deadline (the deadlines track writes it). */
const WITHDRAWN = 'application.withdrawn';
const DEEMED_APPROVED = 'application.deemed-approved';

export interface FamilyRow {
  family: string;
  title: { fa: string; en: string };
  received: number;
  inReview: number;
  rejected: number;
  withdrawn: number;
  approved: number;
  /** Of the approved: issued because the legal time ran out without a decision (deemed approval). */
  issuedByDeadline: number;
  closedOtherwise: number;
  averageReviewDays: number | null;
  p90ReviewDays: number | null;
}

interface Counted { status: string; outcome: string | null; createdAt: Date; completedAt: Date | null; withdrawn: boolean; deemedApproved: boolean }

function summarise(family: string, title: { fa: string; en: string }, apps: Counted[]): FamilyRow {
  const row: FamilyRow = {
    family, title, received: apps.length, inReview: 0, rejected: 0, withdrawn: 0, approved: 0, issuedByDeadline: 0, closedOtherwise: 0,
    averageReviewDays: null, p90ReviewDays: null,
  };
  const days: number[] = [];
  for (const a of apps) {
    if (OPEN.has(a.status)) row.inReview += 1;
    else if (a.status === 'completed' && (a.outcome === 'approved' || a.outcome === 'rejected')) {
      row[a.outcome] += 1;
      if (a.outcome === 'approved' && a.deemedApproved) row.issuedByDeadline += 1;
      if (a.completedAt) days.push((a.completedAt.getTime() - a.createdAt.getTime()) / DAY_MS);
    } else if (a.withdrawn) row.withdrawn += 1;
    else row.closedOtherwise += 1;
  }
  if (days.length) {
    days.sort((x, y) => x - y);
    row.averageReviewDays = round1(days.reduce((s, d) => s + d, 0) / days.length);
    row.p90ReviewDays = round1(nearestRank(days, 90)!);
  }
  return row;
}

export async function reportSummary(db: Db, year: number) {
  const from = jalaliYearStart(year);
  const to = jalaliYearStart(year + 1);
  const families = loadAllCertificateTemplates().map((t) => ({ family: t.family, title: t.title })).sort((a, b) => a.family.localeCompare(b.family));
  const apps = await db.application.findMany({
    where: { createdAt: { gte: from, lt: to } },
    select: { id: true, trackingNumber: true, status: true, outcome: true, createdAt: true, completedAt: true },
  });
  const marks = await db.auditLog.findMany({
    // both happen after submission: the entries of the year's applications are all at or after its start
    where: { action: { in: [WITHDRAWN, DEEMED_APPROVED] }, at: { gte: from } },
    select: { applicationId: true, action: true },
  });
  const marked = (action: string) => new Set(marks.filter((m) => m.action === action && m.applicationId).map((m) => m.applicationId as string));
  const withdrawn = marked(WITHDRAWN);
  const deemed = marked(DEEMED_APPROVED);
  const byFamily = new Map<string, Counted[]>();
  for (const a of apps) {
    const code = a.trackingNumber.split('-')[0];
    byFamily.set(code, [...(byFamily.get(code) ?? []), { ...a, withdrawn: withdrawn.has(a.id), deemedApproved: deemed.has(a.id) }]);
  }
  const rows = families.map((f) => summarise(f.family, f.title, byFamily.get(f.family) ?? []));
  const totals = summarise('ALL', { fa: 'همه خانواده‌ها', en: 'All families' }, families.flatMap((f) => byFamily.get(f.family) ?? []));
  return { year, from: from.toISOString(), to: to.toISOString(), currentYear: jalaliDayOf(new Date()).year, families: rows, totals };
}

const familyRowSchema = {
  type: 'object',
  properties: {
    family: { type: 'string' },
    title: { type: 'object', properties: { fa: { type: 'string' }, en: { type: 'string' } } },
    received: { type: 'integer' }, inReview: { type: 'integer' }, rejected: { type: 'integer' }, withdrawn: { type: 'integer' },
    approved: { type: 'integer' }, issuedByDeadline: { type: 'integer' }, closedOtherwise: { type: 'integer' },
    averageReviewDays: { type: ['number', 'null'] }, p90ReviewDays: { type: ['number', 'null'] },
  },
} as const;

/** The CSV columns, each headed in Persian and English (the ITO report's tables, in their order). */
const CSV_COLUMNS: { header: string; value: (row: FamilyRow) => string | number | null }[] = [
  { header: 'خانواده / Family', value: (r) => r.family },
  { header: 'عنوان / Title (fa)', value: (r) => r.title.fa },
  { header: 'عنوان انگلیسی / Title (en)', value: (r) => r.title.en },
  { header: 'درخواست‌های واصله / Received', value: (r) => r.received },
  { header: 'در حال بررسی / In review', value: (r) => r.inReview },
  { header: 'رد شده / Rejected', value: (r) => r.rejected },
  { header: 'انصراف متقاضی / Withdrawn', value: (r) => r.withdrawn },
  { header: 'تأیید شده / Approved', value: (r) => r.approved },
  { header: 'صادرشده با پایان مهلت / Issued by deadline', value: (r) => r.issuedByDeadline },
  { header: 'مختومه به دلایل دیگر / Closed otherwise', value: (r) => r.closedOtherwise },
  { header: 'میانگین زمان بررسی (روز) / Average review days', value: (r) => r.averageReviewDays },
  { header: 'صدک ۹۰ زمان بررسی (روز) / 90th percentile review days', value: (r) => r.p90ReviewDays },
];

export function reportCsv(report: { families: FamilyRow[]; totals: FamilyRow }): string {
  return toCsv(CSV_COLUMNS.map((c) => c.header), [...report.families, report.totals].map((row) => CSV_COLUMNS.map((c) => c.value(row))));
}

export async function reportRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get<{ Querystring: { year?: number; format?: 'json' | 'csv' } }>('/api/reports/summary', {
    schema: {
      tags: ['reports'],
      summary: 'Per certificate family, for one Solar Hijri year (default: this year): applications received, under review, rejected, withdrawn, approved (of which issued by deadline) and closed otherwise, with the average and 90th-percentile review days of those decided; `format=csv` gives a spreadsheet (UTF-8 with BOM, bilingual header) (administrators)',
      security: bearer,
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { year: { type: 'integer', minimum: 1300, maximum: 1500 }, format: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            year: { type: 'integer' }, from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' }, currentYear: { type: 'integer' },
            families: { type: 'array', items: familyRowSchema },
            totals: familyRowSchema,
          },
        },
        400: errorSchema, 401: errorSchema, 403: errorSchema,
      },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request, reply) => {
    const report = await reportSummary(db, request.query.year ?? jalaliDayOf(new Date()).year);
    if (request.query.format !== 'csv') return report;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="ito-report-${report.year}.csv"`)
      .send(reportCsv(report));
  });
}
