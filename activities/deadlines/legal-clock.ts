/**
 * The legal clock of an application: its family's legal time (definitions/services, legal.maxWorkingDays
 * on legal.calendar) counted in working days from submission, stopped while the applicant holds the
 * file (the tasks assigned to the applicant: fix requests), as the permits law and portals count it.
 * The one source of truth for the time to a decision; a process without service data falls back to
 * its BPMN's ito:decisionTime (a test, or a process that is not a public service), and
 * legal-time.test.ts keeps every family's ito:decisionTime equal to its service file.
 */
import { addWorkingDays, workingDaysBetween, type WorkingCalendar } from '../../workflows/timers/working-days';

export interface ClockedApplication {
  createdAt: Date;
  completedAt: Date | null;
  applicantUsername: string;
  tasks: { assignee: string | null; candidateGroups: string; createdAt: Date; completedAt: Date | null }[];
}

export interface ApplicantHold {
  from: Date;
  /** Still held by the applicant when null. */
  to: Date | null;
  workingDays: number;
}

export interface LegalClock {
  /** The applicant's holds (fix requests), each stopping the clock. */
  holds: ApplicantHold[];
  pausedWorkingDays: number;
  /** Submission + the legal working days + the paused ones. */
  deadline: Date;
  /** Undecided after the deadline, at `now`. */
  passed: boolean;
}

/** Tasks assigned to the applicant personally (no candidate group): the file is with the applicant. */
export function applicantHolds(app: ClockedApplication, calendar: WorkingCalendar, now: Date): ApplicantHold[] {
  return app.tasks
    .filter((t) => t.assignee === app.applicantUsername && t.candidateGroups === '')
    .map((t) => ({ from: t.createdAt, to: t.completedAt, workingDays: workingDaysBetween(t.createdAt, t.completedAt ?? now, calendar) }));
}

export function legalClockOf(app: ClockedApplication, workingDays: number, calendar: WorkingCalendar, now: Date): LegalClock {
  const holds = applicantHolds(app, calendar, now);
  const pausedWorkingDays = holds.reduce((sum, h) => sum + h.workingDays, 0);
  const deadline = addWorkingDays(app.createdAt, workingDays + pausedWorkingDays, calendar);
  return { holds, pausedWorkingDays, deadline, passed: !app.completedAt && now > deadline };
}
