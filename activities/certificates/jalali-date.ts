/**
 * Calendar days as printed on certificates: the day in Tehran, in Jalali and Gregorian.
 *
 * Iran has used UTC+03:30 all year since it abolished daylight saving in 2022, so a
 * fixed offset gives the Tehran calendar day for every date a certificate can carry.
 * (Earlier summer dates near midnight may be a day off; certificates do not need them.)
 */
import { jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { toPersianDigits } from './digits';

const TEHRAN_OFFSET_MS = 210 * 60 * 1000;

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

function tehranGregorianDay(date: Date): CalendarDay {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  const shifted = new Date(date.getTime() + TEHRAN_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function jalaliDayOf(date: Date): CalendarDay {
  const g = tehranGregorianDay(date);
  const j = toJalaali(g.year, g.month, g.day);
  return { year: j.jy, month: j.jm, day: j.jd };
}

export function jalaliYearOf(date: Date): number {
  return jalaliDayOf(date).year;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `1405/09/02`, with Persian digits (`۱۴۰۵/۰۹/۰۲`) unless `digits: 'latin'`. */
export function formatJalali(date: Date, { digits }: { digits: 'fa' | 'latin' } = { digits: 'fa' }): string {
  const { year, month, day } = jalaliDayOf(date);
  const text = `${year}/${pad2(month)}/${pad2(day)}`;
  return digits === 'fa' ? toPersianDigits(text) : text;
}

/** ISO calendar date of the Tehran day, e.g. `2026-11-23`. */
export function formatGregorian(date: Date): string {
  const { year, month, day } = tehranGregorianDay(date);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * The same Tehran wall-clock time `months` Jalali months later; the day is clamped to
 * the target month's length (31 Shahrivar + 6 months is 30 Esfand or 29 in common years).
 */
export function addJalaliMonths(date: Date, months: number): Date {
  if (!Number.isInteger(months)) throw new RangeError('months must be an integer');
  const j = jalaliDayOf(date);
  const index = j.year * 12 + (j.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(j.day, jalaaliMonthLength(year, month));
  const g = toGregorian(year, month, day);
  const tehranMidnight = Date.UTC(g.gy, g.gm - 1, g.gd) - TEHRAN_OFFSET_MS;
  const timeOfDay = (date.getTime() + TEHRAN_OFFSET_MS) % 86_400_000;
  return new Date(tehranMidnight + timeOfDay);
}
