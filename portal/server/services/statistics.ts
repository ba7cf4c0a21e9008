/**
 * The public performance figures per service (regulations §8, the rules' KPIs): over the last 90
 * days, the applications received, the median and 90th-percentile days from submission to
 * certificate, and the share of the
 * applications decided (approved or rejected) within the legal time — counted in working days of
 * the service's calendar from submission, the clock stopped while the file waited for its applicant
 * (decision-date.ts), as permit portals count it.
 */
import type { Db } from '../../../prisma/client';
import { allServiceData, type Bilingual, type ServiceCard } from '../../../activities/definition-data';
import { clockedFeesOf } from '../../../activities/deadlines/clocked-fees';
import { decisionDeadline } from './decision-date';
import { DAY_MS, median, nearestRank, round1 } from './figures';

export const STATISTICS_WINDOW_DAYS = 90;
const DECIDED = ['approved', 'rejected'];

export interface ServiceFigures {
  processKey: string;
  serviceId: string;
  name: Bilingual;
  legalMaxWorkingDays: number;
  /** Applications submitted in the window (the rules' count of recipients). */
  received: number;
  /** Applications whose first certificate was issued in the window. */
  certified: number;
  medianDaysToCertificate: number | null;
  p90DaysToCertificate: number | null;
  /** Applications approved or rejected in the window. */
  decided: number;
  decidedWithinLegalTime: number;
  /** decidedWithinLegalTime / decided, 0–1 (three decimals), null when none was decided. */
  shareWithinLegalTime: number | null;
}

export async function serviceStatistics(db: Db, now: Date = new Date(), definitionsDir?: string) {
  const from = new Date(now.getTime() - STATISTICS_WINDOW_DAYS * DAY_MS);
  const services = allServiceData(definitionsDir);
  const keys = services.map((s) => s.processKey);
  const [submitted, certificates, decided] = await Promise.all([
    db.application.groupBy({ by: ['processKey'], where: { processKey: { in: keys }, createdAt: { gte: from, lte: now } }, _count: { _all: true } }),
    db.certificate.findMany({
      where: { status: { not: 'pending' }, pdfSha256: { not: null }, issuedAt: { gte: from, lte: now }, application: { processKey: { in: keys } } },
      select: { applicationId: true, issuedAt: true, application: { select: { processKey: true, createdAt: true } } },
    }),
    db.application.findMany({
      where: { processKey: { in: keys }, status: 'completed', outcome: { in: DECIDED }, completedAt: { gte: from, lte: now } },
      select: {
        id: true, trackingNumber: true, processKey: true, createdAt: true, completedAt: true, applicant: { select: { username: true } },
        tasks: { select: { assignee: true, candidateGroups: true, createdAt: true, completedAt: true } },
      },
    }),
  ]);

  const fees = await clockedFeesOf(db, decided);

  // the first certificate of each application (a qualification may issue two)
  const firstIssue = new Map<string, { processKey: string; days: number }>();
  for (const c of certificates) {
    const days = (c.issuedAt.getTime() - c.application.createdAt.getTime()) / DAY_MS;
    const seen = firstIssue.get(c.applicationId);
    if (!seen || days < seen.days) firstIssue.set(c.applicationId, { processKey: c.application.processKey, days });
  }

  const families: ServiceFigures[] = [];
  for (const service of services) {
    const days = [...firstIssue.values()].filter((c) => c.processKey === service.processKey).map((c) => c.days).sort((a, b) => a - b);
    let within = 0;
    const ofService = decided.filter((a) => a.processKey === service.processKey);
    for (const a of ofService) {
      const deadline = await decisionDeadline(db, { workingDays: service.legal.maxWorkingDays, calendar: service.legal.calendar },
        { createdAt: a.createdAt, completedAt: a.completedAt, applicantUsername: a.applicant.username, tasks: a.tasks, fees: fees.get(a.id) ?? [] }, now);
      if (deadline && a.completedAt && a.completedAt.getTime() <= deadline.expectedAt.getTime()) within += 1;
    }
    const mid = median(days);
    const p90 = nearestRank(days, 90);
    families.push({
      processKey: service.processKey,
      serviceId: service.serviceId,
      name: (service.card as Partial<ServiceCard> | undefined)?.title ?? { fa: service.processKey, en: service.processKey },
      legalMaxWorkingDays: service.legal.maxWorkingDays,
      received: submitted.find((g) => g.processKey === service.processKey)?._count._all ?? 0,
      certified: days.length,
      medianDaysToCertificate: mid === undefined ? null : round1(mid),
      p90DaysToCertificate: p90 === undefined ? null : round1(p90),
      decided: ofService.length,
      decidedWithinLegalTime: within,
      shareWithinLegalTime: ofService.length ? Math.round((within / ofService.length) * 1000) / 1000 : null,
    });
  }
  families.sort((a, b) => a.serviceId.localeCompare(b.serviceId));
  return { windowDays: STATISTICS_WINDOW_DAYS, from: from.toISOString(), to: now.toISOString(), families };
}
