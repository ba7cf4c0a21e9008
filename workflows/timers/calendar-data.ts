/**
 * Validates a working calendar read from JSON (definitions/calendars/<id>.json or an administrator's
 * edit) and returns it as a WorkingCalendar. Every problem is reported, each prefixed with where it
 * is (`holidays[3].date: ...`). Unknown fields are errors, so that a misspelt one is not ignored.
 */
import { isValidJalaaliDate } from 'jalaali-js';
import type { Holiday, LocalizedName, WorkingCalendar } from './working-days';

export type CalendarParseResult = { ok: true; calendar: WorkingCalendar } | { ok: false; errors: string[] };

/** Same ids as the calendar loader accepts (lower case, digits and dashes). */
const CALENDAR_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const JALALI_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** UTC-12:00 to UTC+14:00. */
const MIN_OFFSET = -12 * 60;
const MAX_OFFSET = 14 * 60;

type JsonObject = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownFields(value: JsonObject, known: readonly string[], where: string, errors: string[]): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) errors.push(`${where}: unknown field "${key}"`);
}

function parseName(value: unknown, where: string, errors: string[]): LocalizedName | undefined {
  if (!isRecord(value)) {
    errors.push(`${where}: must be an object with "fa" and "en" texts`);
    return undefined;
  }
  unknownFields(value, ['fa', 'en'], where, errors);
  let ok = true;
  for (const lang of ['fa', 'en'] as const) {
    const text = value[lang];
    if (typeof text !== 'string' || text.trim() === '') {
      errors.push(`${where}.${lang}: must be a non-empty text`);
      ok = false;
    }
  }
  return ok ? { fa: value.fa as string, en: value.en as string } : undefined;
}

function jalaliDateProblem(text: unknown): string | undefined {
  if (typeof text !== 'string') return 'must be a Jalali date text such as "1405-01-01"';
  const match = JALALI_DATE.exec(text);
  if (!match) return `"${text}" is not a Jalali date in the form jYYYY-jMM-jDD, such as "1405-01-01"`;
  const [jy, jm, jd] = match.slice(1).map(Number);
  if (!isValidJalaaliDate(jy, jm, jd)) return `"${text}" does not exist in the Jalali calendar`;
  return undefined;
}

function parseHolidays(value: unknown, errors: string[]): Holiday[] {
  if (!Array.isArray(value)) {
    errors.push('holidays: must be a list');
    return [];
  }
  const holidays: Holiday[] = [];
  const seen = new Map<string, number>();
  value.forEach((entry: unknown, i) => {
    const where = `holidays[${i}]`;
    if (!isRecord(entry)) {
      errors.push(`${where}: must be an object with "date" and "name"`);
      return;
    }
    unknownFields(entry, ['date', 'name'], where, errors);
    const dateProblem = jalaliDateProblem(entry.date);
    if (dateProblem) errors.push(`${where}.date: ${dateProblem}`);
    const name = parseName(entry.name, `${where}.name`, errors);
    if (dateProblem || !name) return;
    const date = entry.date as string;
    const earlier = seen.get(date);
    if (earlier !== undefined) errors.push(`${where}.date: "${date}" is already holidays[${earlier}]; give one entry a day and join the names`);
    else seen.set(date, i);
    holidays.push({ date, name });
  });
  return holidays;
}

function parseWeekend(value: unknown, errors: string[]): number[] {
  const valid = Array.isArray(value) && value.every((n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 6);
  if (!valid) {
    errors.push('weekend: must be a list of weekday numbers 0-6 (Sunday = 0, Thursday = 4, Friday = 5)');
    return [];
  }
  const days = value as number[];
  if (new Set(days).size !== days.length) errors.push('weekend: lists a day twice');
  if (new Set(days).size >= 7) errors.push('weekend: leaves no working day in the week');
  return [...days];
}

export function parseCalendar(json: unknown): CalendarParseResult {
  if (!isRecord(json)) return { ok: false, errors: ['a calendar must be a JSON object'] };
  const errors: string[] = [];
  unknownFields(json, ['id', 'name', 'utcOffsetMinutes', 'weekend', 'holidays', 'source'], 'calendar', errors);

  const { id, utcOffsetMinutes, source } = json;
  if (typeof id !== 'string' || !CALENDAR_ID.test(id)) errors.push('id: must be lower-case letters, digits and dashes, such as "iran"');
  const name = parseName(json.name, 'name', errors);
  const offsetValid = Number.isInteger(utcOffsetMinutes) && (utcOffsetMinutes as number) >= MIN_OFFSET && (utcOffsetMinutes as number) <= MAX_OFFSET;
  if (!offsetValid) errors.push('utcOffsetMinutes: must be whole minutes from -720 to 840 (Iran: 210)');
  const weekend = parseWeekend(json.weekend, errors);
  const holidays = parseHolidays(json.holidays, errors);
  if (source !== undefined && typeof source !== 'string') errors.push('source: must be a text');

  if (errors.length > 0 || !name) return { ok: false, errors };
  const calendar: WorkingCalendar = { id: id as string, name, utcOffsetMinutes: utcOffsetMinutes as number, weekend, holidays };
  if (source !== undefined) calendar.source = source as string;
  return { ok: true, calendar };
}
