/**
 * When the applicant may expect a decision: the family's legal time (definitions/services,
 * legal.maxWorkingDays; else the BPMN's ito:decisionTime) counted from submission, with the clock
 * stopped while the application waits for the applicant (fix requests, fees to pay), as permit portals count
 * it. The same legal clock (activities/deadlines/legal-clock.ts) decides when the legal-deadline
 * sweep rules on an application.
 */
import type { Db } from '../../../prisma/client';
import type { ProcessGraph } from '../../../workflows/graph/types';
import { parseCalendar } from '../../../workflows/timers/calendar-data';
import type { WorkingCalendar } from '../../../workflows/timers/working-days';
import { readCalendar } from '../../../activities/calendars/load-calendar';
import { serviceData } from '../../../activities/definition-data/services';
import { legalClockOf, type ClockedApplication, type HoldReason } from '../../../activities/deadlines/legal-clock';

export interface DecisionTime {
  /** The legal time, e.g. `P20D` (working days). */
  within: string;
  calendar: string;
  /** Working days the application waited for its applicant, which do not count. */
  pausedWorkingDays: number;
  /** When the clock stopped: each time the applicant held the file (to = null: holds it now), for a fix request or a fee to pay. */
  clockStops: { reason: HoldReason; from: string; to: string | null; workingDays: number }[];
  /** Submission + the legal working days + the paused ones: the legal deadline. */
  expectedAt: string;
  /** Still undecided after the expected date. */
  overdue: boolean;
  /** approval (تأییدمحور) or registration (ثبت‌محور); null for a process that is not a public service. */
  basis: 'approval' | 'registration' | null;
  /** What the law makes of silence by the deadline (approval-based families). */
  onDeadline: 'deemed-approval' | 'escalate' | null;
}

export interface ApplicationDates extends ClockedApplication {
  processKey?: string;
}

const calendars = new Map<string, { at: number; calendar: WorkingCalendar | undefined }>();

/** A calendar, read at most once a minute (an administrator's edit shows within it). */
async function calendarOf(db: Db, id: string): Promise<WorkingCalendar | undefined> {
  const cached = calendars.get(id);
  if (cached && Date.now() - cached.at < 60_000) return cached.calendar;
  const parsed = parseCalendar(await readCalendar(db, id));
  const calendar = parsed.ok ? parsed.calendar : undefined;
  calendars.set(id, { at: Date.now(), calendar });
  return calendar;
}

/** The legal time of a process: its service data, else its ito:decisionTime. */
export function legalTimeOf(graph: ProcessGraph, processKey?: string, definitionsDir?: string): { days: number; calendar: string; basis: DecisionTime['basis']; onDeadline: DecisionTime['onDeadline'] } | undefined {
  const legal = processKey ? serviceData(processKey, definitionsDir)?.legal : undefined;
  if (legal) return { days: legal.maxWorkingDays, calendar: legal.calendar, basis: legal.basis, onDeadline: legal.basis === 'approval' ? legal.onDeadline : null };
  if (!graph.decisionTime) return undefined;
  const days = Number(/^P(\d+)D$/.exec(graph.decisionTime.within)?.[1]);
  return Number.isInteger(days) ? { days, calendar: graph.decisionTime.calendar, basis: null, onDeadline: null } : undefined;
}

/** `definitionsDir`: where the service files are read (definitions/ by default; tests give another). */
export async function decisionTimeOf(db: Db, graph: ProcessGraph, app: ApplicationDates, now: Date = new Date(), definitionsDir?: string): Promise<DecisionTime | null> {
  const legal = legalTimeOf(graph, app.processKey, definitionsDir);
  if (!legal) return null;
  const calendar = await calendarOf(db, legal.calendar);
  if (!calendar) return null;
  const clock = legalClockOf(app, legal.days, calendar, now);
  return {
    within: `P${legal.days}D`,
    calendar: legal.calendar,
    pausedWorkingDays: clock.pausedWorkingDays,
    clockStops: clock.holds.map((h) => ({ reason: h.reason, from: h.from.toISOString(), to: h.to?.toISOString() ?? null, workingDays: h.workingDays })),
    expectedAt: clock.deadline.toISOString(),
    overdue: clock.passed,
    basis: legal.basis,
    onDeadline: legal.onDeadline,
  };
}

/**
 * The date by which a decision is due: `workingDays` of `calendar` from submission, plus the working
 * days the application waited for its applicant (the clock stops then); undefined for an unknown calendar.
 */
export async function decisionDeadline(
  db: Db, time: { workingDays: number; calendar: string }, app: ApplicationDates, now: Date = new Date(),
): Promise<{ expectedAt: Date; pausedWorkingDays: number } | undefined> {
  const calendar = await calendarOf(db, time.calendar);
  if (!calendar) return undefined;
  const clock = legalClockOf(app, time.workingDays, calendar, now);
  return { expectedAt: clock.deadline, pausedWorkingDays: clock.pausedWorkingDays };
}
