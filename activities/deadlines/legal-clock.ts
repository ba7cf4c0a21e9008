/**
 * The legal clock of an application: its family's legal time (definitions/services, legal.maxWorkingDays
 * on legal.calendar) counted in working days from submission, stopped while the applicant holds the
 * file, as the permits law and portals count it: while a task is the applicant's (fix requests) and
 * while one of the application's fees waits for the applicant to pay it (data-centre grading asks
 * its fee before review). The one source of truth for the time to a decision; a process without
 * service data falls back to its BPMN's ito:decisionTime (a test, or a process that is not a public
 * service), and legal-clock.test.ts keeps every family's ito:decisionTime equal to its service file.
 */
import { addWorkingDays, workingDaysBetween, type WorkingCalendar } from '../../workflows/timers/working-days';

/** A fee order of the application's own process (activities/payments/request-payment.ts). */
export interface ClockedFee {
  /** requested | pending | failed (the applicant's to pay) | paid | cancelled | refunded */
  state: string;
  /** When the fee was asked for. */
  createdAt: Date;
  paidAt: Date | null;
  /** When the state last changed: the end of the wait of a fee cancelled unpaid. */
  updatedAt: Date;
}

export interface ClockedApplication {
  createdAt: Date;
  completedAt: Date | null;
  applicantUsername: string;
  tasks: { assignee: string | null; candidateGroups: string; createdAt: Date; completedAt: Date | null }[];
  fees: ClockedFee[];
}

/** Why the file was with the applicant: their own task (a fix request) or a fee to pay. */
export type HoldReason = 'applicant-task' | 'fee-payment';

export interface ApplicantHold {
  reason: HoldReason;
  from: Date;
  /** Still held by the applicant when null. */
  to: Date | null;
  workingDays: number;
}

export interface LegalClock {
  /** The applicant's holds (fix requests, fees to pay), each stopping the clock, in time order. */
  holds: ApplicantHold[];
  /** The working days of all holds together (a day two holds share counts once). */
  pausedWorkingDays: number;
  /** Submission + the legal working days + the paused ones. */
  deadline: Date;
  /** Undecided after the deadline, at `now`. */
  passed: boolean;
}

/** A fee in these states still waits for the applicant's payment. */
const AWAITING_PAYMENT = new Set(['requested', 'pending', 'failed']);

interface Span { reason: HoldReason; from: Date; to: Date | null }

/** Tasks assigned to the applicant personally (no candidate group): the file is with the applicant. */
function taskSpans(app: ClockedApplication): Span[] {
  return app.tasks
    .filter((t) => t.assignee === app.applicantUsername && t.candidateGroups === '')
    .map((t) => ({ reason: 'applicant-task', from: t.createdAt, to: t.completedAt }));
}

/** Fees from the request until paid (or cancelled unpaid): the applicant's turn to pay. */
function feeSpans(app: ClockedApplication): Span[] {
  return app.fees.map((f) => ({ reason: 'fee-payment', from: f.createdAt, to: f.paidAt ?? (AWAITING_PAYMENT.has(f.state) ? null : f.updatedAt) }));
}

export function applicantHolds(app: ClockedApplication, calendar: WorkingCalendar, now: Date): ApplicantHold[] {
  return [...taskSpans(app), ...feeSpans(app)]
    // an application that ended (e.g. lapsed unpaid) is no longer held by anyone
    .map((s) => ({ ...s, to: s.to ?? app.completedAt }))
    .sort((a, b) => a.from.getTime() - b.from.getTime())
    .map((s) => ({ ...s, workingDays: workingDaysBetween(s.from, s.to ?? now, calendar) }));
}

/** The working days covered by the holds, each day once (a fix request during an unpaid fee). */
function heldWorkingDays(holds: ApplicantHold[], calendar: WorkingCalendar, now: Date): number {
  let total = 0;
  let current: { from: Date; to: Date } | undefined;
  for (const h of holds) {
    const to = h.to ?? now;
    if (current && h.from <= current.to) {
      if (to > current.to) current.to = to;
      continue;
    }
    if (current) total += workingDaysBetween(current.from, current.to, calendar);
    current = { from: h.from, to };
  }
  return current ? total + workingDaysBetween(current.from, current.to, calendar) : total;
}

export function legalClockOf(app: ClockedApplication, workingDays: number, calendar: WorkingCalendar, now: Date): LegalClock {
  const holds = applicantHolds(app, calendar, now);
  const pausedWorkingDays = heldWorkingDays(holds, calendar, now);
  const deadline = addWorkingDays(app.createdAt, workingDays + pausedWorkingDays, calendar);
  return { holds, pausedWorkingDays, deadline, passed: !app.completedAt && now > deadline };
}
