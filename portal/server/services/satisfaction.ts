/**
 * Satisfaction after a decision (رضایت‌سنجی, regulations §8: satisfaction in performance
 * measurement): the applicant rates a decided application 1–5 with an optional comment, once per
 * decision, keyed by the family's service ID; administrators read per-service figures by Solar
 * Hijri year of the decision.
 */
import type { Db } from '../../../prisma/client';
import { isUniqueViolation } from '../../../prisma/client';
import { serviceData } from '../../../activities/definition-data/services';
import { jalaliDayOf } from '../../../activities/certificates/jalali-date';
import type { CurrentUser } from '../plugins/auth';
import { conflict, HttpError, notFound } from '../plugins/errors';

export interface RatingView { rating: number; comment: string | null; createdAt: Date; serviceId: string }

/** A decided application of the user's own organisation (404 otherwise, as on reading it). */
async function ownApplication(db: Db, user: CurrentUser, trackingNumber: string) {
  const app = await db.application.findFirst({ where: { trackingNumber, organisationId: user.organisationId ?? '__none__' } });
  if (!app) throw notFound(`no application ${trackingNumber}`);
  return app;
}

/** Whether the user's application may be rated now, and its rating if given. */
export async function ratingOf(db: Db, user: CurrentUser, trackingNumber: string): Promise<{ canRate: boolean; rating: RatingView | null }> {
  const app = await ownApplication(db, user, trackingNumber);
  if (app.status !== 'completed' || !app.completedAt) return { canRate: false, rating: null };
  const row = await db.satisfactionRating.findUnique({ where: { applicationId_decidedAt: { applicationId: app.id, decidedAt: app.completedAt } } });
  return { canRate: !row, rating: row && { rating: row.rating, comment: row.comment, createdAt: row.createdAt, serviceId: row.serviceId } };
}

export async function rate(db: Db, user: CurrentUser, trackingNumber: string, input: { rating: number; comment?: string }): Promise<RatingView> {
  const app = await ownApplication(db, user, trackingNumber);
  if (app.status !== 'completed' || !app.completedAt) throw new HttpError(409, 'not_decided', `application ${trackingNumber} has no decision yet: rate it once it is decided`);
  const serviceId = serviceData(app.processKey)?.serviceId ?? app.processKey;
  try {
    const row = await db.satisfactionRating.create({
      data: {
        applicationId: app.id, decidedAt: app.completedAt, processKey: app.processKey, serviceId,
        jalaliYear: jalaliDayOf(app.completedAt).year, rating: input.rating, comment: input.comment || null, ratedById: user.id,
      },
    });
    return { rating: row.rating, comment: row.comment, createdAt: row.createdAt, serviceId };
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`this decision on ${trackingNumber} is already rated`);
    throw err;
  }
}

export interface ServiceSatisfaction {
  serviceId: string;
  processKey: string;
  count: number;
  mean: number | null;
  /** how many gave 1, 2, 3, 4 and 5 */
  distribution: [number, number, number, number, number];
}

/** Per service, the ratings of decisions made in the Solar Hijri year: count, mean (2 decimals), distribution. */
export async function satisfactionReport(db: Db, year: number): Promise<{ year: number; services: ServiceSatisfaction[]; totals: Omit<ServiceSatisfaction, 'serviceId' | 'processKey'> }> {
  const rows = await db.satisfactionRating.findMany({ where: { jalaliYear: year }, select: { serviceId: true, processKey: true, rating: true } });
  const figures = (ratings: number[]) => {
    const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    for (const r of ratings) distribution[r - 1] += 1;
    return { count: ratings.length, mean: ratings.length ? Math.round((ratings.reduce((s, r) => s + r, 0) / ratings.length) * 100) / 100 : null, distribution };
  };
  const byService = new Map<string, { processKey: string; ratings: number[] }>();
  for (const r of rows) {
    const entry = byService.get(r.serviceId) ?? { processKey: r.processKey, ratings: [] };
    entry.ratings.push(r.rating);
    byService.set(r.serviceId, entry);
  }
  const services = [...byService.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([serviceId, e]) => ({ serviceId, processKey: e.processKey, ...figures(e.ratings) }));
  return { year, services, totals: figures(rows.map((r) => r.rating)) };
}
