/**
 * A Jalali day typed by hand (YYYY/MM/DD, Persian or Latin digits) read into the Gregorian calendar
 * date the API takes (YYYY-MM-DD, a Tehran day), and back. The calendar arithmetic is jalaali-js's and
 * the certificates' (activities/certificates/jalali-date.ts), the digits the certificates' too.
 */
import { isValidJalaaliDate, jalaaliMonthLength, toGregorian } from 'jalaali-js';
import { toLatinDigits } from '../../../activities/certificates/digits';
import { formatJalali } from '../../../activities/certificates/jalali-date';

export type JalaliProblem = 'format' | 'month' | 'day';

export type ParsedJalali =
  | { ok: true; empty: true }
  | { ok: true; empty: false; iso: string; jalali: string }
  | { ok: false; problem: JalaliProblem; daysInMonth?: number };

const pad2 = (n: number): string => String(n).padStart(2, '0');
const SHAPE = /^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$/;

/** `1405/09/15` or `۱۴۰۵/۹/۱۵` → `2026-12-06`; the problem in a word when it is not a Jalali day. */
export function parseJalaliText(text: string): ParsedJalali {
  const typed = toLatinDigits(text.trim());
  if (!typed) return { ok: true, empty: true };
  const m = SHAPE.exec(typed);
  if (!m) return { ok: false, problem: 'format' };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return { ok: false, problem: 'month' };
  if (!isValidJalaaliDate(year, month, day)) return { ok: false, problem: 'day', daysInMonth: jalaaliMonthLength(year, month) };
  const g = toGregorian(year, month, day);
  return { ok: true, empty: false, iso: `${g.gy}-${pad2(g.gm)}-${pad2(g.gd)}`, jalali: `${year}/${pad2(month)}/${pad2(day)}` };
}

/** The Tehran day `2026-12-06` as the Jalali `1405/09/15` (Latin digits), or null when it is not such a date. */
export function jalaliTextOf(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  // noon in Tehran: the same calendar day whatever the offset
  const noon = new Date(`${iso}T12:00:00+03:30`);
  if (Number.isNaN(noon.getTime()) || noon.toISOString().slice(0, 10) !== iso) return null;
  return formatJalali(noon, { digits: 'latin' });
}
