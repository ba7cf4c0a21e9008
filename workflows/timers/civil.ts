/**
 * Proleptic Gregorian calendar arithmetic on plain numbers: no Date quirks (years 0-99), no time
 * zone, no clock. Days are counted from 1970-01-01 (day 0), so `day * DAY_MS` is midnight UTC.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** A calendar date; month 1-12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Day number of a valid date (H. Hinnant's days_from_civil). */
export function daysFromCivil({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday, the numbering of Date#getUTCDay. */
export function weekdayOfDays(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** Splits an instant, seen at a fixed UTC offset, into its local day number and time of day. */
export function toLocal(epochMs: number, utcOffsetMinutes: number): { days: number; timeOfDayMs: number } {
  const local = epochMs + utcOffsetMinutes * MINUTE_MS;
  const days = Math.floor(local / DAY_MS);
  return { days, timeOfDayMs: local - days * DAY_MS };
}

/** The instant of a local day number and time of day at a fixed UTC offset. */
export function fromLocal(days: number, timeOfDayMs: number, utcOffsetMinutes: number): number {
  return days * DAY_MS + timeOfDayMs - utcOffsetMinutes * MINUTE_MS;
}
