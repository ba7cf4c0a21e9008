/**
 * Renewal reminders: a valid certificate whose expiry falls within its family's
 * `notices.renewalReminderWorkingDays` (definitions/services/<process key>.json, counted in the
 * family's working-day calendar) gets one certificate-expiring notice, once per certificate.
 * The dispatcher runs this scan periodically (daily in production).
 */
import type { Db } from '../../prisma/client';
import { readCalendar } from '../calendars/load-calendar';
import { allServiceData, serviceData } from '../definition-data/services';
import { parseCalendar } from '../../workflows/timers/calendar-data';
import { addWorkingDays, type WorkingCalendar } from '../../workflows/timers/working-days';
import { sendCertificateNotice } from './certificate-notices';

interface ReminderRule { days: number; calendar: string }

/** The family a certificate belongs to: its application's process, or for a renewal the certificate it replaced. */
async function ruleFor(db: Db, cert: { replacesNumber: string | null; application: { processKey: string } }, fallback: ReminderRule): Promise<ReminderRule> {
  let current: typeof cert | null = cert;
  for (let hops = 0; current && hops < 20; hops += 1) {
    const service = serviceData(current.application.processKey);
    if (service) return { days: service.notices.renewalReminderWorkingDays, calendar: service.legal.calendar };
    if (!current.replacesNumber) break;
    current = await db.certificate.findUnique({ where: { number: current.replacesNumber }, select: { replacesNumber: true, application: { select: { processKey: true } } } });
  }
  return fallback;
}

/** Sends the reminders due at `now`; answers how many were sent. */
export async function sendExpiryReminders(db: Db, publicBaseUrl: string, now: Date = new Date()): Promise<number> {
  const services = allServiceData();
  if (!services.length) return 0;
  const widest = services.reduce((a, s) => (s.notices.renewalReminderWorkingDays > a.notices.renewalReminderWorkingDays ? s : a));
  const fallback = { days: widest.notices.renewalReminderWorkingDays, calendar: widest.legal.calendar };
  const calendars = new Map<string, WorkingCalendar | undefined>();
  const calendar = async (id: string) => {
    if (!calendars.has(id)) {
      const parsed = parseCalendar(await readCalendar(db, id));
      calendars.set(id, parsed.ok ? parsed.calendar : undefined);
    }
    return calendars.get(id);
  };
  const horizon = async (rule: ReminderRule) => {
    const cal = await calendar(rule.calendar);
    // without its calendar, a working day is taken as a calendar day: the reminder comes no later
    return cal ? addWorkingDays(now, rule.days, cal) : new Date(now.getTime() + rule.days * 86_400_000);
  };
  // a generous first cut (calendar days never outnumber working days), then each family's own rule
  const latest = new Date(Math.max((await horizon(fallback)).getTime(), now.getTime() + fallback.days * 2 * 86_400_000));
  const candidates = await db.certificate.findMany({
    where: { status: 'valid', expiresAt: { gt: now, lte: latest } },
    select: { number: true, expiresAt: true, replacesNumber: true, application: { select: { processKey: true } } },
    orderBy: { expiresAt: 'asc' },
  });
  let sent = 0;
  for (const cert of candidates) {
    const eventKey = `certificate/${cert.number}/expiring`;
    if (await db.notice.findUnique({ where: { eventKey }, select: { id: true } })) continue;
    if (cert.expiresAt > (await horizon(await ruleFor(db, cert, fallback)))) continue;
    if (await sendCertificateNotice(db, publicBaseUrl, cert.number, 'certificate-expiring', eventKey)) sent += 1;
  }
  return sent;
}
