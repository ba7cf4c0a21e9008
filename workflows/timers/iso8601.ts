/**
 * ISO 8601 values of BPMN timers: `timeDuration` (P3D), `timeDate` (2026-03-21T09:00:00+03:30) and
 * `timeCycle` (R3/PT1H), parsed into plain JSON data and turned into due times.
 *
 * Pure and deterministic: runs in the workflow sandbox and in the compiler. The current time is
 * always passed in. Decisions:
 * - Durations: `PnYnMnWnDTnHnMnS` in that order (weeks may be combined with other parts, as Java's
 *   Period allows), at least one part, no sign, a fraction (`.` or `,`) on seconds only; letters in
 *   either case. Years and months are calendar arithmetic (Java Period: Jan 31 + P1M = Feb 28/29),
 *   weeks, days and time are exact (a day is 24 hours; fixed offsets have no DST).
 * - Dates: `YYYY-MM-DDThh:mm[:ss[.fff]]` with `Z`, `±hh:mm`, `±hhmm` or `±hh`; optionally followed
 *   by a zone name as `[Asia/Tehran]` (Java) or `@Asia/Tehran` (FEEL), used when no offset is given.
 *   Only zones with a fixed offset are known: UTC/GMT, and Asia/Tehran (= Iran) as +03:30, since Iran
 *   has had no daylight saving time since September 2022. A date-time without zone, and a date alone
 *   (`YYYY-MM-DD` = its midnight), are read at `options.utcOffsetMinutes`: the working calendar's
 *   offset when the caller has one, otherwise UTC.
 * - Cycles: `R[n]/duration`, `R[n]/start/duration` and `R[n]/duration/end`; `R` alone repeats without
 *   limit, `R0` and zero-length intervals are rejected. A cycle may also be a cron expression, as
 *   Camunda 8 allows (cron.ts: Spring's six fields, UTC).
 */
import { MINUTE_MS, civilFromDays, daysFromCivil, daysInMonth, fromLocal, toLocal } from './civil';
import { looksLikeCron, nextCronTime, parseCron, type CronSpec } from './cron';

/** ISO 8601 duration parts; only `seconds` may be fractional. */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** A parsed timer, JSON-safe: instants are milliseconds since 1970-01-01T00:00:00Z. */
export type ParsedTimer =
  | { kind: 'duration'; duration: Duration }
  | { kind: 'date'; at: number }
  /** The first repetition is at `start`, or one interval after the timer is created when there is none. */
  | { kind: 'cycle'; interval: Duration; repetitions?: number; start?: number; end?: number }
  /** A timeCycle written as cron: due at each time the expression names, without limit. */
  | { kind: 'cron'; cron: CronSpec };

/** The BPMN timer kinds (timeDuration, timeDate, timeCycle); a cycle parses as `cycle` or `cron`. */
export type TimerKind = 'duration' | 'date' | 'cycle';
export type CycleTimer = Extract<ParsedTimer, { kind: 'cycle' }>;

export type TimerParseResult = { ok: true; value: ParsedTimer } | { ok: false; message: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface TimerOptions {
  /** Offset of local time for zone-less date-times and for calendar arithmetic; default 0 (UTC). */
  utcOffsetMinutes?: number;
}

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

// ---- durations --------------------------------------------------------------------------------

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function parseDuration(text: string): Parsed<Duration> {
  const source = text.trim();
  const upper = source.toUpperCase();
  if (source === '') return fail('the duration is empty');
  if (/^-|-\d/.test(upper)) return fail(`"${source}" is negative; a timer duration cannot be`);
  const match = DURATION.exec(upper);
  if (!match) {
    if (/^P.*\d[.,]\d+[YMWDH]/.test(upper)) return fail(`"${source}" has a fraction outside the seconds, which is not supported`);
    return fail(`"${source}" is not an ISO 8601 duration`);
  }
  const parts = match.slice(1);
  if (parts.every((part) => part === undefined)) return fail(`"${source}" is an empty duration; give at least one part, such as P1D or PT1H`);
  if (upper.endsWith('T')) return fail(`"${source}" has a T with no hours, minutes or seconds after it`);
  const [years, months, weeks, days, hours, minutes] = parts.slice(0, 6).map((part) => (part === undefined ? 0 : Number(part)));
  const seconds = parts[6] === undefined ? 0 : Number(parts[6].replace(',', '.'));
  const duration: Duration = { years, months, weeks, days, hours, minutes, seconds };
  const tooLong = Object.values(duration).some((n) => !Number.isFinite(n) || n > Number.MAX_SAFE_INTEGER) || Number.isNaN(addDuration(new Date(0), duration).getTime());
  if (tooLong) return fail(`"${source}" is too long`);
  return { ok: true, value: duration };
}

/**
 * `start + d`: years and months first, on the local calendar date (the day of month is clamped, as
 * Java's Period does), then weeks and days as whole 24-hour days, then the time part.
 */
export function addDuration(start: Date, d: Duration, utcOffsetMinutes = 0): Date {
  const { days, timeOfDayMs } = toLocal(start.getTime(), utcOffsetMinutes);
  const date = civilFromDays(days);
  const monthIndex = date.year * 12 + (date.month - 1) + d.years * 12 + d.months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(date.day, daysInMonth(year, month));
  const shiftedDays = daysFromCivil({ year, month, day }) + d.weeks * 7 + d.days;
  const timeMs = d.hours * 3_600_000 + d.minutes * MINUTE_MS + Math.round(d.seconds * 1000);
  return new Date(fromLocal(shiftedDays, timeOfDayMs, utcOffsetMinutes) + timeMs);
}

/** Every part multiplied by `k` (the k-th repetition of an interval, without month-end drift). */
export function scaleDuration(d: Duration, k: number): Duration {
  return { years: d.years * k, months: d.months * k, weeks: d.weeks * k, days: d.days * k, hours: d.hours * k, minutes: d.minutes * k, seconds: d.seconds * k };
}

export function isZeroDuration(d: Duration): boolean {
  return Object.values(d).every((n) => n === 0);
}

/** Average length, for estimates only (a month as 1/12 of 365.2425 days). */
function approximateMs(d: Duration): number {
  const days = (d.years * 12 + d.months) * (365.2425 / 12) + d.weeks * 7 + d.days;
  return days * 86_400_000 + d.hours * 3_600_000 + d.minutes * MINUTE_MS + d.seconds * 1000;
}

// ---- dates ------------------------------------------------------------------------------------

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?(?:\[([^\]\s]+)\]|@(\S+))?)?$/i;

/** Zones whose offset never changes (any more); see the module comment about Asia/Tehran. */
const FIXED_ZONES: Record<string, number> = { UTC: 0, 'ETC/UTC': 0, GMT: 0, 'ETC/GMT': 0, Z: 0, 'ASIA/TEHRAN': 210, IRAN: 210 };

function parseOffset(text: string): number | undefined {
  if (text.toUpperCase() === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 18 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** An ISO 8601 date-time (or date) as milliseconds since the epoch. */
export function parseDateTime(text: string, options: TimerOptions = {}): Parsed<number> {
  const source = text.trim();
  if (source === '') return fail('the date is empty');
  const match = DATE_TIME.exec(source);
  if (!match) return fail(`"${source}" is not an ISO 8601 date-time (such as 2026-03-21T09:00:00+03:30)`);
  const [, y, mo, d, h, mi, s, fraction, offsetText, bracketZone, atZone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return fail(`"${source}" is not a valid date: there is no month ${month}`);
  if (day < 1 || day > daysInMonth(year, month)) return fail(`"${source}" is not a valid date: month ${month} of ${year} has no day ${day}`);
  const hours = Number(h ?? '0');
  const minutes = Number(mi ?? '0');
  const seconds = Number(s ?? '0');
  if (hours > 23 || minutes > 59 || seconds > 59) return fail(`"${source}" is not a valid time of day`);
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));

  let offset: number | undefined = options.utcOffsetMinutes ?? 0;
  const zoneName = bracketZone ?? atZone;
  if (offsetText !== undefined) {
    offset = parseOffset(offsetText);
    if (offset === undefined) return fail(`"${source}" has an invalid UTC offset "${offsetText}"`);
  } else if (zoneName !== undefined) {
    offset = FIXED_ZONES[zoneName.toUpperCase()];
    if (offset === undefined) return fail(`time zone "${zoneName}" in "${source}" is not supported; give a UTC offset such as +03:30 instead`);
  }
  const timeOfDayMs = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
  return { ok: true, value: fromLocal(daysFromCivil({ year, month, day }), timeOfDayMs, offset) };
}

// ---- cycles -----------------------------------------------------------------------------------

const CYCLE_EXAMPLES = 'such as R/PT1H, R5/PT10M or R3/2026-01-01T00:00:00Z/P1D';

function parseCycle(text: string, options: TimerOptions): TimerParseResult {
  const source = text.trim();
  if (source === '') return fail('the cycle is empty');
  if (!/^R/i.test(source)) {
    if (looksLikeCron(source)) {
      const cron = parseCron(source);
      return cron.ok ? { ok: true, value: { kind: 'cron', cron: cron.value } } : cron;
    }
    return fail(`"${source}" is not an ISO 8601 repeating interval (${CYCLE_EXAMPLES}) or a cron expression (such as "0 0 9 * * MON-FRI")`);
  }
  const parts = source.split('/');
  const head = /^R(\d*)$/i.exec(parts[0]);
  if (!head || parts.length < 2 || parts.length > 3) return fail(`"${source}" is not an ISO 8601 repeating interval (${CYCLE_EXAMPLES})`);
  const repetitions = head[1] === '' ? undefined : Number(head[1]);
  if (repetitions === 0) return fail(`"${source}" never fires; give at least one repetition, or R alone for no limit`);
  if (repetitions !== undefined && !Number.isSafeInteger(repetitions)) return fail(`"${source}" has too many repetitions`);

  const isDuration = (part: string) => /^[+-]?P/i.test(part.trim());
  let durationText: string;
  let startText: string | undefined;
  let endText: string | undefined;
  if (parts.length === 2) [, durationText] = parts;
  else if (isDuration(parts[1]) && !isDuration(parts[2])) [, durationText, endText] = parts;
  else if (!isDuration(parts[1]) && isDuration(parts[2])) [, startText, durationText] = parts;
  else return fail(`"${source}" is not supported: a repeating interval needs exactly one duration, with a start or an end date or neither`);

  const within = (message: string) => fail(`${message} (in "${source}")`);
  const interval = parseDuration(durationText);
  if (!interval.ok) return within(interval.message);
  if (isZeroDuration(interval.value)) return fail(`"${source}" repeats every zero seconds; the interval must be longer than that`);
  const value: CycleTimer = { kind: 'cycle', interval: interval.value };
  if (repetitions !== undefined) value.repetitions = repetitions;
  for (const [key, dateText] of [['start', startText], ['end', endText]] as const) {
    if (dateText === undefined) continue;
    const date = parseDateTime(dateText, options);
    if (!date.ok) return within(date.message);
    value[key] = date.value;
  }
  return { ok: true, value };
}

// ---- timers -----------------------------------------------------------------------------------

/** Parses the text of a timeDuration, timeDate or timeCycle. Messages are for the modeller. */
export function parseTimerValue(kind: TimerKind, text: string, options: TimerOptions = {}): TimerParseResult {
  switch (kind) {
    case 'duration': {
      const parsed = parseDuration(text);
      return parsed.ok ? { ok: true, value: { kind, duration: parsed.value } } : parsed;
    }
    case 'date': {
      const parsed = parseDateTime(text, options);
      return parsed.ok ? { ok: true, value: { kind, at: parsed.value } } : parsed;
    }
    case 'cycle':
      return parseCycle(text, options);
  }
}

/**
 * When the timer is next due, after it has fired `fired` times; undefined when it is done.
 * `now` is the time the timer was created, kept by the caller for the timer's whole life.
 * - duration: `now + d` for the first firing.
 * - date: that date for the first firing (a date in the past is due at once).
 * - cycle without start: `now + k·d` for k = fired + 1. With a start: `start + k·d` (k = 0 first),
 *   skipping the repetitions before `now`; skipped ones count against `Rn`, as the text fixes the
 *   schedule. Done when `Rn` repetitions are used up or the next one falls after the end date.
 */
export function timerSchedule(value: ParsedTimer, now: Date, fired: number, options: TimerOptions = {}): Date | undefined {
  if (!Number.isInteger(fired) || fired < 0) throw new RangeError(`fired must be a whole number >= 0, not ${fired}`);
  const offset = options.utcOffsetMinutes ?? 0;
  switch (value.kind) {
    case 'duration':
      return fired === 0 ? addDuration(now, value.duration, offset) : undefined;
    case 'date':
      return fired === 0 ? new Date(value.at) : undefined;
    case 'cycle': {
      const base = value.start === undefined ? now : new Date(value.start);
      const occurrence = (k: number) => addDuration(base, scaleDuration(value.interval, k), offset);
      const first = value.start === undefined ? 1 : firstIndexFrom(occurrence, value.interval, base.getTime(), now.getTime());
      const index = first + fired;
      const used = value.start === undefined ? fired : index;
      if (value.repetitions !== undefined && used >= value.repetitions) return undefined;
      const due = occurrence(index);
      return value.end !== undefined && due.getTime() > value.end ? undefined : due;
    }
    case 'cron': {
      // the (fired + 1)-th time the expression names after the timer was created
      let due: Date | undefined = now;
      for (let k = 0; k <= fired && due; k++) due = nextCronTime(value.cron, due);
      return due;
    }
  }
}

/** The first k with `occurrence(k) >= now`. */
function firstIndexFrom(occurrence: (k: number) => Date, interval: Duration, startMs: number, nowMs: number): number {
  if (startMs >= nowMs) return 0;
  let k = Math.max(0, Math.floor((nowMs - startMs) / approximateMs(interval)) - 1);
  while (k > 0 && occurrence(k - 1).getTime() >= nowMs) k--;
  while (occurrence(k).getTime() < nowMs) k++;
  return k;
}

// ---- values from FEEL -------------------------------------------------------------------------

/*
 * Timer values given by FEEL (`timeDuration="=slaDays"`, `timeDate="=date and time(deadline)"`):
 * an ISO 8601 string, or one of feelin's temporal values. feelin 8 returns objects with a
 * canonical `iso` string: FeelDuration (`{ yearsMonths, iso: 'P1D' }`), FeelDateTime
 * (`{ zone, iso: '2026-01-01T10:00:00Z' }`, zone-less or `...@Asia/Tehran` too), FeelDate
 * (`{ iso: '2026-01-01' }`) and FeelTime (`{ zone, iso: '10:00:00' }`). They are recognised by shape,
 * not by class, so this module needs no import of feelin. (Through JSON they become ISO strings.)
 */
type FeelTemporal = { type: 'duration' | 'date and time' | 'date' | 'time'; iso: string };

function feelTemporal(value: unknown): FeelTemporal | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const iso: unknown = (value as { iso?: unknown }).iso;
  if (typeof iso !== 'string') return undefined;
  if ('yearsMonths' in value) return { type: 'duration', iso };
  if ('zone' in value) return { type: iso.includes('T') ? 'date and time' : 'time', iso };
  return { type: 'date', iso };
}

function describe(value: unknown): string {
  const temporal = feelTemporal(value);
  if (temporal) return `the ${temporal.type} ${temporal.iso}`;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a context';
  return `a ${typeof value}`;
}

const EXPECTED: Record<TimerKind, string> = {
  duration: 'an ISO 8601 duration (such as "P3D") or a FEEL duration',
  date: 'an ISO 8601 date-time (such as "2026-03-21T09:00:00+03:30") or a FEEL date and time or date',
  cycle: 'an ISO 8601 repeating interval (such as "R/PT1H") or a FEEL duration',
};

/**
 * The value of a FEEL timer expression as a timer. A FEEL duration given as a cycle repeats without
 * limit (`R/<duration>`); a FEEL date is that day's midnight at `options.utcOffsetMinutes`.
 */
export function timerValueFromFeel(kind: TimerKind, value: unknown, options: TimerOptions = {}): TimerParseResult {
  if (typeof value === 'string') return parseTimerValue(kind, value, options);
  const temporal = feelTemporal(value);
  const accepted =
    temporal &&
    ((kind === 'duration' && temporal.type === 'duration') ||
      (kind === 'date' && (temporal.type === 'date and time' || temporal.type === 'date')) ||
      (kind === 'cycle' && temporal.type === 'duration'));
  if (!temporal || !accepted) return { ok: false, message: `a ${kind} timer needs ${EXPECTED[kind]}, but the expression gave ${describe(value)}` };
  return parseTimerValue(kind, kind === 'cycle' ? `R/${temporal.iso}` : temporal.iso, options);
}

/** A duration as milliseconds from a given instant (months and years vary in length). */
export function durationMsFrom(start: Date, text: string): Parsed<number> {
  const parsed = parseDuration(text);
  return parsed.ok ? { ok: true, value: addDuration(start, parsed.value).getTime() - start.getTime() } : parsed;
}
