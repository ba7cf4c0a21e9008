import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCalendar } from './calendar-data';
import type { Duration } from './iso8601';
import { addWorkingDays, addWorkingDuration, isWorkingDay, jalaliDateOf, localDateOf, workingDaysBetween, workingDurationProblem, type WorkingCalendar } from './working-days';

const name = { fa: 'تعطیل', en: 'Holiday' };
/** Friday off, and only the solar holidays around Nowruz 1406 (no lunar ones). */
const NOWRUZ_1406: WorkingCalendar = {
  id: 'nowruz-1406',
  name: { fa: 'آزمایشی', en: 'Test' },
  utcOffsetMinutes: 210,
  weekend: [5],
  holidays: ['1405-12-29', '1406-01-01', '1406-01-02', '1406-01-03', '1406-01-04', '1406-01-12', '1406-01-13'].map((date) => ({ date, name })),
};

function loadIran(): WorkingCalendar {
  const json: unknown = JSON.parse(readFileSync(path.join(__dirname, '../../definitions/calendars/iran.json'), 'utf8'));
  const parsed = parseCalendar(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.calendar;
}

const ZERO: Duration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
/** 10:00 Tehran time (+03:30) on a Gregorian date. */
const tehran10 = (isoDate: string) => new Date(`${isoDate}T10:00:00+03:30`);
const tehranDate = (instant: Date) => new Date(instant.getTime() + 210 * 60_000).toISOString().replace('.000Z', '+03:30 (Tehran)');

describe('timers - working days (Iran)', () => {
  it('counts a 10-working-day SLA from 1405-12-25 across Nowruz 1406, keeping the time of day', () => {
    // 1405-12-25 = Tuesday 2027-03-16 (jalaali-js); submitted at 10:00 Tehran time; the day itself does not count.
    //  1: 12-26 Wed   2: 12-27 Thu   (12-28 Fri; 12-29 Sat oil nationalisation; 1406-01-01..04 Sun-Wed Nowruz)
    //  3: 01-05 Thu   (01-06 Fri)    4: 01-07 Sat   5: 01-08 Sun   6: 01-09 Mon   7: 01-10 Tue   8: 01-11 Wed
    //  (01-12 Thu Islamic Republic Day; 01-13 Fri Nature Day)          9: 01-14 Sat  10: 01-15 Sun = 2027-04-04
    const start = tehran10('2027-03-16');
    expect(jalaliDateOf(localDateOf(start, NOWRUZ_1406))).toBe('1405-12-25');
    const due = addWorkingDays(start, 10, NOWRUZ_1406);
    expect(tehranDate(due)).toBe('2027-04-04T10:00:00+03:30 (Tehran)');
    expect(jalaliDateOf(localDateOf(due, NOWRUZ_1406))).toBe('1406-01-15');
  });

  it('lands a day later with the shipped calendar, whose 1406-01-14 is the martyrdom of Imam Sadegh (25 Shawwal)', () => {
    // Same count as above, but 01-14 Sat is a holiday too: 9: 01-15 Sun, 10: 01-16 Mon = 2027-04-05.
    const due = addWorkingDays(tehran10('2027-03-16'), 10, loadIran());
    expect(tehranDate(due)).toBe('2027-04-05T10:00:00+03:30 (Tehran)');
  });

  it('counts the working days between two instants as addWorkingDays counts them (across Nowruz 1406)', () => {
    const start = tehran10('2027-03-16');
    for (const n of [0, 1, 2, 3, 9, 10]) expect(workingDaysBetween(start, addWorkingDays(start, n, NOWRUZ_1406), NOWRUZ_1406)).toBe(n);
    // from Tuesday 12-25 to Friday 1406-01-06: 12-26, 12-27 and 01-05 are the working days in between
    expect(workingDaysBetween(start, tehran10('2027-03-26'), NOWRUZ_1406)).toBe(3);
    expect(workingDaysBetween(tehran10('2027-03-26'), start, NOWRUZ_1406)).toBe(0);
  });

  it('does not count the day of submission: Saturday + 1 working day is Sunday', () => {
    // 1405-01-07 is Saturday 2026-03-28
    expect(tehranDate(addWorkingDays(tehran10('2026-03-28'), 1, loadIran()))).toBe('2026-03-29T10:00:00+03:30 (Tehran)');
  });

  it('counts from the next working day when submitted on a holiday', () => {
    // 1405-01-01 (Saturday 2026-03-21) is Nowruz; 01-02..04 are holidays too; 01-05 Wed is the first working day.
    const iran = loadIran();
    expect(tehranDate(addWorkingDays(tehran10('2026-03-21'), 1, iran))).toBe('2026-03-25T10:00:00+03:30 (Tehran)');
    expect(tehranDate(addWorkingDays(tehran10('2026-03-21'), 2, iran))).toBe('2026-03-26T10:00:00+03:30 (Tehran)');
  });

  it('skips Thursday too where the calendar is configured with a Thursday-Friday weekend', () => {
    const thursdayOff: WorkingCalendar = { ...NOWRUZ_1406, weekend: [4, 5], holidays: [] };
    // Wednesday 2026-04-22 + 1 → Saturday 2026-04-25; + 2 → Sunday
    expect(tehranDate(addWorkingDays(tehran10('2026-04-22'), 1, thursdayOff))).toBe('2026-04-25T10:00:00+03:30 (Tehran)');
    expect(tehranDate(addWorkingDays(tehran10('2026-04-22'), 2, thursdayOff))).toBe('2026-04-26T10:00:00+03:30 (Tehran)');
    expect(isWorkingDay({ year: 2026, month: 4, day: 23 }, thursdayOff)).toBe(false);
    expect(isWorkingDay({ year: 2026, month: 4, day: 23 }, { ...thursdayOff, weekend: [5] })).toBe(true);
  });

  it('reads the working day in the calendar’s local time, not in UTC', () => {
    const iran = loadIran();
    // 2026-03-19T21:00Z is already 2026-03-20 00:30 in Tehran: 1404-12-29, a Friday and a holiday
    const lateEvening = new Date('2026-03-19T21:00:00Z');
    expect(localDateOf(lateEvening, iran)).toEqual({ year: 2026, month: 3, day: 20 });
    expect(isWorkingDay(localDateOf(lateEvening, iran), iran)).toBe(false);
    // so 1 working day later is Wednesday 2026-03-25 (Nowruz and the Eid al-Fitr days fill Saturday to Tuesday)
    expect(addWorkingDays(lateEvening, 1, iran).toISOString()).toBe('2026-03-24T21:00:00.000Z');
    expect(isWorkingDay({ year: 2026, month: 3, day: 19 }, iran)).toBe(true);
  });

  it('returns the start itself for zero days, and refuses negative or fractional days', () => {
    const start = tehran10('2026-03-20');
    expect(addWorkingDays(start, 0, NOWRUZ_1406)).toEqual(start);
    expect(() => addWorkingDays(start, -1, NOWRUZ_1406)).toThrow(RangeError);
    expect(() => addWorkingDays(start, 1.5, NOWRUZ_1406)).toThrow(RangeError);
  });

  it('stops instead of looping when a calendar has no working day', () => {
    const noWorkingDay: WorkingCalendar = { ...NOWRUZ_1406, weekend: [0, 1, 2, 3, 4, 5, 6] };
    expect(() => addWorkingDays(tehran10('2026-03-20'), 1, noWorkingDay)).toThrow(/no working day/);
  });
});

describe('timers - working-day durations', () => {
  it('counts the day part in working days, then adds the time part as clock time', () => {
    // Wednesday 2026-04-22 10:00 + P2DT4H: 2 working days = Saturday (Friday off), then 14:00
    expect(tehranDate(addWorkingDuration(tehran10('2026-04-22'), { ...ZERO, days: 2, hours: 4 }, NOWRUZ_1406))).toBe('2026-04-25T14:00:00+03:30 (Tehran)');
    // PT4H alone is clock time, whatever the day
    expect(tehranDate(addWorkingDuration(tehran10('2026-04-23'), { ...ZERO, hours: 16 }, NOWRUZ_1406))).toBe('2026-04-24T02:00:00+03:30 (Tehran)');
  });

  it('refuses years, months and weeks, which have no working-day meaning', () => {
    expect(workingDurationProblem({ ...ZERO, days: 10, hours: 2 })).toBeUndefined();
    expect(workingDurationProblem({ ...ZERO, weeks: 2 })).toBe('weeks cannot be counted in working days; give working days and time only, such as P10D or P2DT4H');
    expect(workingDurationProblem({ ...ZERO, years: 1, months: 1 })).toMatch(/^years and months cannot/);
    expect(() => addWorkingDuration(tehran10('2026-04-22'), { ...ZERO, months: 1 }, NOWRUZ_1406)).toThrow(RangeError);
  });
});
