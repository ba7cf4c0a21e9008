/**
 * Working days of a calendar (Iran's by default: Friday off, official holidays in Jalali dates).
 *
 * Pure: runs in the workflow sandbox. jalaali-js is plain arithmetic (no Node built-ins, no Date),
 * so it bundles into the workflow. Calendars use a fixed UTC offset (Iran: +03:30, no DST since 2022).
 *
 * Counting rule (Iranian administrative practice): the day of submission does not count. N working
 * days after `start` is the N-th working day strictly after the local date of `start`, at the same
 * local time of day; a start on a Friday or a holiday therefore also counts from the next working
 * day. Zero days is `start` itself. There are no office hours: only whole days are counted.
 * Holidays are only known for the years the calendar lists; other years have weekends only.
 */
import { toJalaali } from 'jalaali-js';
import { MINUTE_MS, civilFromDays, daysFromCivil, fromLocal, toLocal, weekdayOfDays, type CivilDate } from './civil';
import type { Duration } from './iso8601';

export interface LocalizedName {
  fa: string;
  en: string;
}

export interface Holiday {
  /** Jalali date `jYYYY-jMM-jDD`, e.g. `1405-01-01`. */
  date: string;
  name: LocalizedName;
}

/** Data an administrator edits (definitions/calendars/<id>.json); validated by calendar-data.ts. */
export interface WorkingCalendar {
  id: string;
  name: LocalizedName;
  /** Local time = UTC + this; Iran: 210. */
  utcOffsetMinutes: number;
  /** Days off every week, numbered like Date#getUTCDay of the local date: Friday = 5, Thursday = 4. */
  weekend: number[];
  holidays: Holiday[];
  /** Where the holidays come from and how sure they are. */
  source?: string;
}

/** A Gregorian date in the calendar's local time. */
export type LocalDate = CivilDate;

/** The longest run of days off tolerated before a calendar is taken to have no working days. */
const MAX_DAYS_OFF_IN_A_ROW = 366;

const pad = (n: number) => String(n).padStart(2, '0');

/** The Jalali `jYYYY-jMM-jDD` key of a Gregorian date. */
export function jalaliDateOf(date: LocalDate): string {
  const { jy, jm, jd } = toJalaali(date.year, date.month, date.day);
  return `${jy}-${pad(jm)}-${pad(jd)}`;
}

/** The local date of an instant in the calendar's time. */
export function localDateOf(instant: Date, calendar: WorkingCalendar): LocalDate {
  return civilFromDays(toLocal(instant.getTime(), calendar.utcOffsetMinutes).days);
}

function workingDayTest(calendar: WorkingCalendar): (days: number) => boolean {
  const holidays = new Set(calendar.holidays.map((h) => h.date));
  const weekend = new Set(calendar.weekend);
  return (days) => !weekend.has(weekdayOfDays(days)) && !holidays.has(jalaliDateOf(civilFromDays(days)));
}

export function isWorkingDay(localDate: LocalDate, calendar: WorkingCalendar): boolean {
  return workingDayTest(calendar)(daysFromCivil(localDate));
}

/** The N-th working day after the local date of `start`, at `start`'s local time of day. */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number >= 0, not ${days}`);
  if (days === 0) return new Date(start.getTime());
  const isWorking = workingDayTest(calendar);
  const local = toLocal(start.getTime(), calendar.utcOffsetMinutes);
  let day = local.days;
  let lastWorking = day;
  for (let counted = 0; counted < days; ) {
    day++;
    if (isWorking(day)) {
      counted++;
      lastWorking = day;
    } else if (day - lastWorking > MAX_DAYS_OFF_IN_A_ROW) {
      throw new RangeError(`calendar "${calendar.id}" has no working day in more than a year`);
    }
  }
  return new Date(fromLocal(day, local.timeOfDayMs, calendar.utcOffsetMinutes));
}

/**
 * How many working days passed from `from` to `to`: the working days strictly after the local date
 * of `from`, up to and including the local date of `to` (so addWorkingDays(from, n) is n days after
 * from). Zero when `to` is not after `from`.
 */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const isWorking = workingDayTest(calendar);
  const first = toLocal(from.getTime(), calendar.utcOffsetMinutes).days;
  const last = toLocal(to.getTime(), calendar.utcOffsetMinutes).days;
  let count = 0;
  for (let day = first + 1; day <= last; day++) if (isWorking(day)) count++;
  return count;
}

/**
 * Why a duration cannot be counted in working days, or undefined when it can. Years and months
 * have no working-day meaning, and weeks would be ambiguous (7 calendar days or 5 working days?),
 * so only days and time are allowed: P10D, P2DT4H, PT4H.
 */
export function workingDurationProblem(d: Duration): string | undefined {
  const unsupported = (['years', 'months', 'weeks'] as const).filter((part) => d[part] !== 0);
  if (unsupported.length === 0) return undefined;
  return `${unsupported.join(' and ')} cannot be counted in working days; give working days and time only, such as P10D or P2DT4H`;
}

/** `start` + the day part in working days (see addWorkingDays), then the time part as clock time. */
export function addWorkingDuration(start: Date, d: Duration, calendar: WorkingCalendar): Date {
  const problem = workingDurationProblem(d);
  if (problem) throw new RangeError(problem);
  const afterDays = addWorkingDays(start, d.days, calendar);
  const timeMs = d.hours * 3_600_000 + d.minutes * MINUTE_MS + Math.round(d.seconds * 1000);
  return new Date(afterDays.getTime() + timeMs);
}
