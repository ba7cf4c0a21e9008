/**
 * The legal clock: counted in working days from submission on a test calendar (Friday off, no
 * holidays), stopped while the applicant holds the file (a fix request, a fee to pay), passed only after the deadline and never
 * once the application is decided. And the one source of truth: every family BPMN's published
 * ito:decisionTime equals the legal time in its service file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkingCalendar } from '../../workflows/timers/working-days';
import { allServiceData } from '../definition-data/services';
import { legalClockOf, type ClockedApplication } from './legal-clock';

const FRIDAY_OFF: WorkingCalendar = { id: 'test', name: { fa: 'آزمایشی', en: 'Test' }, utcOffsetMinutes: 0, weekend: [5], holidays: [] };
const day = (iso: string) => new Date(`${iso}T09:00:00Z`);
// Saturday 2026-01-03
const submitted: ClockedApplication = { createdAt: day('2026-01-03'), completedAt: null, applicantUsername: 'acme', tasks: [], fees: [] };

describe('legal clock', () => {
  it('runs out after the legal working days, skipping the weekend', () => {
    const clock = legalClockOf(submitted, 6, FRIDAY_OFF, day('2026-01-09'));
    // Sun..Thu (5) + Sat 10th = 6 working days: Friday 9th does not count
    expect(clock.deadline).toEqual(day('2026-01-10'));
    expect(clock.passed).toBe(false);
    expect(legalClockOf(submitted, 6, FRIDAY_OFF, day('2026-01-11')).passed).toBe(true);
  });

  it('stops while the applicant holds the file (its own tasks), not while reviewers do', () => {
    const held: ClockedApplication = {
      ...submitted,
      tasks: [
        { assignee: 'acme', candidateGroups: '', createdAt: day('2026-01-04'), completedAt: day('2026-01-07') },
        { assignee: 'reviewer1', candidateGroups: 'formal-reviewers', createdAt: day('2026-01-03'), completedAt: day('2026-01-04') },
      ],
    };
    const clock = legalClockOf(held, 6, FRIDAY_OFF, day('2026-01-11'));
    expect(clock.pausedWorkingDays).toBe(3);
    expect(clock.holds).toEqual([{ reason: 'applicant-task', from: day('2026-01-04'), to: day('2026-01-07'), workingDays: 3 }]);
    expect(clock.deadline).toEqual(day('2026-01-13')); // the 10th + Sun, Mon, Tue
    expect(clock.passed).toBe(false);
  });

  it('an open hold keeps stopping the clock until now', () => {
    const holding: ClockedApplication = { ...submitted, tasks: [{ assignee: 'acme', candidateGroups: '', createdAt: day('2026-01-04'), completedAt: null }] };
    const clock = legalClockOf(holding, 6, FRIDAY_OFF, day('2026-01-20'));
    expect(clock.passed).toBe(false);
    expect(clock.holds[0].to).toBeNull();
  });

  it('stops while a fee waits for the applicant to pay it, and runs again once it is paid', () => {
    const paid: ClockedApplication = {
      ...submitted,
      fees: [{ state: 'paid', createdAt: day('2026-01-03'), paidAt: day('2026-01-06'), updatedAt: day('2026-01-06') }],
    };
    const clock = legalClockOf(paid, 6, FRIDAY_OFF, day('2026-01-11'));
    expect(clock.holds).toEqual([{ reason: 'fee-payment', from: day('2026-01-03'), to: day('2026-01-06'), workingDays: 3 }]);
    expect(clock.pausedWorkingDays).toBe(3);
    expect(clock.deadline).toEqual(day('2026-01-13'));
    expect(clock.passed).toBe(false);
  });

  it('an unpaid fee keeps the clock stopped until now: waiting only for the applicant never makes it late', () => {
    for (const state of ['requested', 'pending', 'failed']) {
      const unpaid: ClockedApplication = { ...submitted, fees: [{ state, createdAt: day('2026-01-03'), paidAt: null, updatedAt: day('2026-01-04') }] };
      const clock = legalClockOf(unpaid, 6, FRIDAY_OFF, day('2026-02-20'));
      expect(clock.holds).toEqual([expect.objectContaining({ reason: 'fee-payment', to: null })]);
      expect(clock.passed).toBe(false);
    }
  });

  it('a fee cancelled unpaid stopped the clock until its cancellation; a hold of an ended application ends with it', () => {
    const cancelled: ClockedApplication = { ...submitted, fees: [{ state: 'cancelled', createdAt: day('2026-01-03'), paidAt: null, updatedAt: day('2026-01-05') }] };
    expect(legalClockOf(cancelled, 6, FRIDAY_OFF, day('2026-01-11')).holds).toEqual([{ reason: 'fee-payment', from: day('2026-01-03'), to: day('2026-01-05'), workingDays: 2 }]);
    const lapsed: ClockedApplication = { ...submitted, completedAt: day('2026-01-07'), fees: [{ state: 'requested', createdAt: day('2026-01-03'), paidAt: null, updatedAt: day('2026-01-03') }] };
    expect(legalClockOf(lapsed, 6, FRIDAY_OFF, day('2026-03-01')).holds).toEqual([{ reason: 'fee-payment', from: day('2026-01-03'), to: day('2026-01-07'), workingDays: 4 }]);
  });

  it('counts a working day the applicant held the file twice over (a fix request during an unpaid fee) once', () => {
    const both: ClockedApplication = {
      ...submitted,
      tasks: [{ assignee: 'acme', candidateGroups: '', createdAt: day('2026-01-04'), completedAt: day('2026-01-06') }],
      fees: [{ state: 'paid', createdAt: day('2026-01-03'), paidAt: day('2026-01-07'), updatedAt: day('2026-01-07') }],
    };
    const clock = legalClockOf(both, 6, FRIDAY_OFF, day('2026-01-11'));
    expect(clock.holds.map((h) => [h.reason, h.workingDays])).toEqual([['fee-payment', 4], ['applicant-task', 2]]);
    expect(clock.pausedWorkingDays).toBe(4);
  });

  it('never passes for a decided application', () => {
    expect(legalClockOf({ ...submitted, completedAt: day('2026-01-05') }, 6, FRIDAY_OFF, day('2026-03-01')).passed).toBe(false);
  });
});

describe('one legal time per family', () => {
  it.each(allServiceData().map((s) => [s.processKey, s.legal.maxWorkingDays, s.legal.calendar] as const))(
    '%s: ito:decisionTime equals legal.maxWorkingDays',
    (key, days, calendar) => {
      const xml = readFileSync(path.join(__dirname, '../../definitions', `${key}.bpmn`), 'utf8');
      const m = /<ito:decisionTime within="P(\d+)D" calendar="([^"]+)"/.exec(xml);
      expect(m && { days: Number(m[1]), calendar: m[2] }).toEqual({ days, calendar });
    },
  );
});
