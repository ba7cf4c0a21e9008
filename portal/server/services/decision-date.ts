/**
 * When the applicant may expect a decision: the process's published decision time (ito:decisionTime,
 * working days) counted from submission, with the clock stopped while the application waits for the
 * applicant (its tasks assigned to the applicant: the fix requests), as permit portals count it.
 */
import type { Db } from '../../../prisma/client';
import type { ProcessGraph } from '../../../workflows/graph/types';
import { parseCalendar } from '../../../workflows/timers/calendar-data';
import { addWorkingDays, workingDaysBetween, type WorkingCalendar } from '../../../workflows/timers/working-days';
import { readCalendar } from '../../../activities/calendars/load-calendar';

export interface DecisionTime {
  /** The published time, e.g. `P20D` (working days). */
  within: string;
  calendar: string;
  /** Working days the application waited for its applicant, which do not count. */
  pausedWorkingDays: number;
  /** Submission + the published working days + the paused ones. */
  expectedAt: string;
  /** Still undecided after the expected date. */
  overdue: boolean;
}

export interface ApplicationDates {
  createdAt: Date;
  completedAt: Date | null;
  applicantUsername: string;
  tasks: { assignee: string | null; candidateGroups: string; createdAt: Date; completedAt: Date | null }[];
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

export async function decisionTimeOf(db: Db, graph: ProcessGraph, app: ApplicationDates, now: Date = new Date()): Promise<DecisionTime | null> {
  if (!graph.decisionTime) return null;
  const { within, calendar: calendarId } = graph.decisionTime;
  const days = Number(/^P(\d+)D$/.exec(within)?.[1]);
  if (!Number.isInteger(days)) return null;
  const deadline = await decisionDeadline(db, { workingDays: days, calendar: calendarId }, app, now);
  if (!deadline) return null;
  return { within, calendar: calendarId, pausedWorkingDays: deadline.pausedWorkingDays, expectedAt: deadline.expectedAt.toISOString(), overdue: !app.completedAt && now > deadline.expectedAt };
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
  const waits = app.tasks.filter((t) => t.assignee === app.applicantUsername && t.candidateGroups === '');
  const pausedWorkingDays = waits.reduce((sum, t) => sum + workingDaysBetween(t.createdAt, t.completedAt ?? now, calendar), 0);
  return { expectedAt: addWorkingDays(app.createdAt, time.workingDays + pausedWorkingDays, calendar), pausedWorkingDays };
}
