/**
 * Reports (administrators) in the shape of the regulator's published tables (ITO's report, tables
 * 17–20 and 13): for one Solar Hijri year, per certificate family, the applications received that
 * year and where they stand now — under review, rejected, approved (and closed otherwise:
 * withdrawn, cancelled, lapsed, failed) — with the average and 90th-percentile review time in days
 * of those decided. A year runs from 1 Farvardin to the next 1 Farvardin, Tehran time; the family is
 * the tracking number's code (TA, SA, AL…), one per certificate template.
 */
import type { FastifyInstance } from 'fastify';
import { toGregorian } from 'jalaali-js';
import type { Db } from '../../../prisma/client';
import { jalaliDayOf } from '../../../activities/certificates/jalali-date';
import { loadAllCertificateTemplates } from '../../../activities/certificates/certificate-template';
import { authenticate, requireRole } from '../plugins/auth';
import { bearer, errorSchema } from '../schemas/common';

const TEHRAN_OFFSET_MS = 210 * 60 * 1000;
const DAY_MS = 86_400_000;
const OPEN = new Set(['submitted', 'running', 'incident']);

/** The instant 1 Farvardin of `year` begins in Tehran. */
export function jalaliYearStart(year: number): Date {
  const g = toGregorian(year, 1, 1);
  return new Date(Date.UTC(g.gy, g.gm - 1, g.gd) - TEHRAN_OFFSET_MS);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The nearest-rank percentile of sorted numbers. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface FamilyRow {
  family: string;
  title: { fa: string; en: string };
  received: number;
  inReview: number;
  rejected: number;
  approved: number;
  closedOtherwise: number;
  averageReviewDays: number | null;
  p90ReviewDays: number | null;
}

interface Counted { status: string; outcome: string | null; createdAt: Date; completedAt: Date | null }

function summarise(family: string, title: { fa: string; en: string }, apps: Counted[]): FamilyRow {
  const row: FamilyRow = { family, title, received: apps.length, inReview: 0, rejected: 0, approved: 0, closedOtherwise: 0, averageReviewDays: null, p90ReviewDays: null };
  const days: number[] = [];
  for (const a of apps) {
    if (OPEN.has(a.status)) row.inReview += 1;
    else if (a.status === 'completed' && (a.outcome === 'approved' || a.outcome === 'rejected')) {
      row[a.outcome] += 1;
      if (a.completedAt) days.push((a.completedAt.getTime() - a.createdAt.getTime()) / DAY_MS);
    } else row.closedOtherwise += 1;
  }
  if (days.length) {
    days.sort((x, y) => x - y);
    row.averageReviewDays = round1(days.reduce((s, d) => s + d, 0) / days.length);
    row.p90ReviewDays = round1(percentile(days, 90));
  }
  return row;
}

export async function reportSummary(db: Db, year: number) {
  const from = jalaliYearStart(year);
  const to = jalaliYearStart(year + 1);
  const families = loadAllCertificateTemplates().map((t) => ({ family: t.family, title: t.title })).sort((a, b) => a.family.localeCompare(b.family));
  const apps = await db.application.findMany({
    where: { createdAt: { gte: from, lt: to } },
    select: { trackingNumber: true, status: true, outcome: true, createdAt: true, completedAt: true },
  });
  const byFamily = new Map<string, Counted[]>();
  for (const a of apps) {
    const code = a.trackingNumber.split('-')[0];
    byFamily.set(code, [...(byFamily.get(code) ?? []), a]);
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
    received: { type: 'integer' }, inReview: { type: 'integer' }, rejected: { type: 'integer' }, approved: { type: 'integer' }, closedOtherwise: { type: 'integer' },
    averageReviewDays: { type: ['number', 'null'] }, p90ReviewDays: { type: ['number', 'null'] },
  },
} as const;

export async function reportRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get<{ Querystring: { year?: number } }>('/api/reports/summary', {
    schema: {
      tags: ['reports'],
      summary: 'Per certificate family, for one Solar Hijri year (default: this year): applications received, under review, rejected, approved and closed otherwise, with the average and 90th-percentile review days of those decided (administrators)',
      security: bearer,
      querystring: { type: 'object', additionalProperties: false, properties: { year: { type: 'integer', minimum: 1300, maximum: 1500 } } },
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
    preHandler: [authenticate(db), requireRole('admin')],
  }, async (request) => reportSummary(db, request.query.year ?? jalaliDayOf(new Date()).year));
}
