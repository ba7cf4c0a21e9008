import { evaluate } from 'feelin';
import { addDuration, parseDuration, parseTimerValue, timerSchedule, timerValueFromFeel, type Duration, type ParsedTimer, type TimerKind } from './iso8601';

const ZERO: Duration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
const d = (parts: Partial<Duration>): Duration => ({ ...ZERO, ...parts });
const at = (iso: string) => new Date(iso);

function parsed(kind: TimerKind, text: string, utcOffsetMinutes?: number): ParsedTimer {
  const result = parseTimerValue(kind, text, utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function message(kind: TimerKind, text: string): string {
  const result = parseTimerValue(kind, text);
  if (result.ok) throw new Error(`"${text}" was accepted`);
  return result.message;
}

describe('timers - ISO 8601 durations', () => {
  it('reads every part, weeks, fractional seconds with a dot or a comma, and either letter case', () => {
    expect(parsed('duration', 'P1Y2M3DT4H5M6.5S')).toEqual({ kind: 'duration', duration: d({ years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6.5 }) });
    expect(parsed('duration', 'P2W')).toEqual({ kind: 'duration', duration: d({ weeks: 2 }) });
    expect(parsed('duration', 'PT0,25S')).toEqual({ kind: 'duration', duration: d({ seconds: 0.25 }) });
    expect(parsed('duration', ' pt1h ')).toEqual({ kind: 'duration', duration: d({ hours: 1 }) });
    expect(parsed('duration', 'PT0S')).toEqual({ kind: 'duration', duration: ZERO });
  });

  it('rejects empty, negative and malformed durations with a lower-case message naming the text', () => {
    expect(message('duration', 'P1X')).toBe('"P1X" is not an ISO 8601 duration');
    expect(message('duration', 'P')).toMatch(/^"P" is an empty duration/);
    expect(message('duration', 'PT')).toMatch(/^"PT" is an empty duration/);
    expect(message('duration', 'P1DT')).toMatch(/^"P1DT" has a T with no hours/);
    expect(message('duration', '-P1D')).toMatch(/^"-P1D" is negative/);
    expect(message('duration', 'P-1D')).toMatch(/^"P-1D" is negative/);
    expect(message('duration', '+P1D')).toBe('"+P1D" is not an ISO 8601 duration');
    expect(message('duration', 'P1.5D')).toMatch(/fraction outside the seconds/);
    expect(message('duration', 'P1D2Y')).toBe('"P1D2Y" is not an ISO 8601 duration');
    expect(message('duration', '')).toBe('the duration is empty');
    expect(message('duration', 'P999999999Y')).toMatch(/too long/);
  });

  it('exposes the duration parser on its own (SLA texts such as ito:taskSla dueIn)', () => {
    expect(parseDuration('P10D')).toEqual({ ok: true, value: d({ days: 10 }) });
  });
});

describe('timers - adding durations', () => {
  it('clamps the day of month like Java Period: Jan 31 + P1M is the end of February', () => {
    expect(addDuration(at('2026-01-31T10:00:00Z'), d({ months: 1 })).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addDuration(at('2028-01-31T10:00:00Z'), d({ months: 1 })).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addDuration(at('2028-02-29T00:00:00Z'), d({ years: 1 })).toISOString()).toBe('2029-02-28T00:00:00.000Z');
    expect(addDuration(at('2026-11-30T00:00:00Z'), d({ months: 3 })).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });

  it('adds months before days, and days and time exactly (a day is 24 hours)', () => {
    expect(addDuration(at('2026-01-31T00:00:00Z'), d({ months: 1, days: 1 })).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(addDuration(at('2026-03-01T23:30:00Z'), d({ weeks: 1, days: 1, hours: 1, seconds: 0.5 })).toISOString()).toBe('2026-03-10T00:30:00.500Z');
  });

  it('does calendar arithmetic on the local date when given an offset (Tehran, +03:30)', () => {
    // 2026-03-01T01:00+03:30 is still 28 February in UTC: in UTC the month would end on the 28th
    const start = at('2026-02-28T21:30:00Z');
    expect(addDuration(start, d({ months: 1 }), 210).toISOString()).toBe('2026-03-31T21:30:00.000Z');
    expect(addDuration(start, d({ months: 1 })).toISOString()).toBe('2026-03-28T21:30:00.000Z');
  });
});

describe('timers - ISO 8601 dates', () => {
  it('reads Z and numeric offsets, with or without seconds and fractions', () => {
    expect(parsed('date', '2026-03-21T09:00:00Z')).toEqual({ kind: 'date', at: Date.parse('2026-03-21T09:00:00Z') });
    expect(parsed('date', '2026-03-21T09:00:00+03:30')).toEqual({ kind: 'date', at: Date.parse('2026-03-21T05:30:00Z') });
    expect(parsed('date', '2026-03-21T09:00+0330')).toEqual({ kind: 'date', at: Date.parse('2026-03-21T05:30:00Z') });
    expect(parsed('date', '2026-03-21T09:00:00.123456-05')).toEqual({ kind: 'date', at: Date.parse('2026-03-21T14:00:00.123Z') });
  });

  it('reads a zone-less date-time and a date alone at the given offset, UTC by default', () => {
    expect(parsed('date', '2026-03-21T09:00:00')).toEqual({ kind: 'date', at: Date.parse('2026-03-21T09:00:00Z') });
    expect(parsed('date', '2026-03-21T09:00:00', 210)).toEqual({ kind: 'date', at: Date.parse('2026-03-21T05:30:00Z') });
    expect(parsed('date', '2026-03-21')).toEqual({ kind: 'date', at: Date.parse('2026-03-21T00:00:00Z') });
    expect(parsed('date', '2026-03-21', 210)).toEqual({ kind: 'date', at: Date.parse('2026-03-20T20:30:00Z') });
  });

  it('knows fixed-offset zone names only: UTC, and Asia/Tehran as +03:30; an explicit offset wins', () => {
    expect(parsed('date', '2026-03-21T09:00:00@Asia/Tehran')).toEqual({ kind: 'date', at: Date.parse('2026-03-21T05:30:00Z') });
    expect(parsed('date', '2026-03-21T09:00:00[UTC]')).toEqual({ kind: 'date', at: Date.parse('2026-03-21T09:00:00Z') });
    expect(parsed('date', '2026-03-21T09:00:00+04:30[Asia/Tehran]')).toEqual({ kind: 'date', at: Date.parse('2026-03-21T04:30:00Z') });
    expect(message('date', '2026-03-21T09:00:00@Europe/Paris')).toBe('time zone "Europe/Paris" in "2026-03-21T09:00:00@Europe/Paris" is not supported; give a UTC offset such as +03:30 instead');
  });

  it('rejects dates and times that do not exist', () => {
    expect(message('date', '2026-02-29T00:00:00Z')).toBe('"2026-02-29T00:00:00Z" is not a valid date: month 2 of 2026 has no day 29');
    expect(message('date', '2026-13-01T00:00:00Z')).toMatch(/there is no month 13/);
    expect(message('date', '2026-01-01T24:00:00Z')).toMatch(/not a valid time of day/);
    expect(message('date', '2026-01-01T10:00:00+19:00')).toMatch(/invalid UTC offset "\+19:00"/);
    expect(message('date', 'tomorrow')).toMatch(/^"tomorrow" is not an ISO 8601 date-time/);
  });
});

describe('timers - ISO 8601 cycles', () => {
  it('reads unbounded, counted, start-anchored and end-bounded repeating intervals', () => {
    expect(parsed('cycle', 'R/PT1H')).toEqual({ kind: 'cycle', interval: d({ hours: 1 }) });
    expect(parsed('cycle', 'R5/PT10M')).toEqual({ kind: 'cycle', interval: d({ minutes: 10 }), repetitions: 5 });
    expect(parsed('cycle', 'R3/2026-01-01T00:00:00Z/P1D')).toEqual({ kind: 'cycle', interval: d({ days: 1 }), repetitions: 3, start: Date.parse('2026-01-01T00:00:00Z') });
    expect(parsed('cycle', 'R/P1D/2026-12-31T00:00:00Z')).toEqual({ kind: 'cycle', interval: d({ days: 1 }), end: Date.parse('2026-12-31T00:00:00Z') });
  });

  it('reads a cron cycle (as Camunda 8 does) and schedules each time it names, counted from when the timer was created', () => {
    const cron = parsed('cycle', '0 0 9 * * MON-FRI');
    expect(cron).toMatchObject({ kind: 'cron', cron: { hours: [9], daysOfWeek: [1, 2, 3, 4, 5] } });
    const friday = at('2026-01-30T10:00:00Z');
    expect(timerSchedule(cron, friday, 0)?.toISOString()).toBe('2026-02-02T09:00:00.000Z'); // the next Monday
    expect(timerSchedule(cron, friday, 1)?.toISOString()).toBe('2026-02-03T09:00:00.000Z');
    expect(message('cycle', '0 0 9 * *')).toMatch(/has 5 fields; a cron cycle has six/);
  });

  it('rejects R0, zero intervals, two dates and bad parts, saying which', () => {
    expect(message('cycle', 'R0/PT1H')).toMatch(/never fires/);
    expect(message('cycle', 'R/PT0S')).toMatch(/interval must be longer/);
    expect(message('cycle', 'R/2026-01-01T00:00:00Z/2026-02-01T00:00:00Z')).toMatch(/needs exactly one duration/);
    expect(message('cycle', 'R/P1X')).toBe('"P1X" is not an ISO 8601 duration (in "R/P1X")');
    expect(message('cycle', 'R/-P1D')).toMatch(/is negative/);
    expect(message('cycle', 'PT1H')).toMatch(/not an ISO 8601 repeating interval .* or a cron expression/);
  });
});

describe('timers - schedule', () => {
  const created = at('2026-01-31T08:00:00Z');
  const due = (timer: ParsedTimer, fired: number, now = created) => timerSchedule(timer, now, fired)?.toISOString();

  it('fires a duration once, creation time + duration', () => {
    const timer = parsed('duration', 'P1M');
    expect(due(timer, 0)).toBe('2026-02-28T08:00:00.000Z');
    expect(due(timer, 1)).toBeUndefined();
  });

  it('fires a date once, even when it is already past (the caller fires it at once)', () => {
    const timer = parsed('date', '2025-01-01T00:00:00Z');
    expect(due(timer, 0)).toBe('2025-01-01T00:00:00.000Z');
    expect(due(timer, 1)).toBeUndefined();
  });

  it('repeats a cycle without start from creation, n times or without limit, without month-end drift', () => {
    const counted = parsed('cycle', 'R2/P1M');
    expect([0, 1, 2].map((n) => due(counted, n))).toEqual(['2026-02-28T08:00:00.000Z', '2026-03-31T08:00:00.000Z', undefined]);
    // the 1000th repetition: 10,000 minutes = 6 days 22 h 40 min after creation
    expect(due(parsed('cycle', 'R/PT10M'), 999)).toBe('2026-02-07T06:40:00.000Z');
  });

  it('fires a start-anchored cycle at the start first, and skips (and counts) repetitions before creation', () => {
    const timer = parsed('cycle', 'R3/2026-01-01T00:00:00Z/P1D');
    const early = at('2025-12-01T00:00:00Z');
    expect([0, 1, 2, 3].map((n) => due(timer, n, early))).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z', undefined]);
    const late = at('2026-01-02T00:00:00Z');
    expect([0, 1, 2].map((n) => due(timer, n, late))).toEqual(['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z', undefined]);
    const unbounded = parsed('cycle', 'R/2020-01-31T06:00:00Z/P1M');
    expect(due(unbounded, 0, at('2026-03-15T00:00:00Z'))).toBe('2026-03-31T06:00:00.000Z');
    expect(due(unbounded, 1, at('2026-03-15T00:00:00Z'))).toBe('2026-04-30T06:00:00.000Z');
  });

  it('stops an end-bounded cycle after the end date (a repetition on the end date still fires)', () => {
    const timer = parsed('cycle', 'R/P1D/2026-02-02T08:00:00Z');
    expect([0, 1, 2].map((n) => due(timer, n))).toEqual(['2026-02-01T08:00:00.000Z', '2026-02-02T08:00:00.000Z', undefined]);
  });

  it('refuses a negative or fractional fired count', () => {
    expect(() => timerSchedule(parsed('duration', 'P1D'), created, -1)).toThrow(RangeError);
  });
});

describe('timers - values from FEEL', () => {
  const feel = (expression: string): unknown => evaluate(expression, {}).value;

  it('takes ISO strings and feelin 8 durations, date-times and dates', () => {
    expect(timerValueFromFeel('duration', 'P3D')).toEqual({ ok: true, value: { kind: 'duration', duration: d({ days: 3 }) } });
    expect(timerValueFromFeel('duration', feel('duration("P1DT2H")'))).toEqual({ ok: true, value: { kind: 'duration', duration: d({ days: 1, hours: 2 }) } });
    expect(timerValueFromFeel('duration', feel('duration("P1Y2M")'))).toEqual({ ok: true, value: { kind: 'duration', duration: d({ years: 1, months: 2 }) } });
    expect(timerValueFromFeel('date', feel('date and time("2026-03-21T09:00:00+03:30")'))).toEqual({ ok: true, value: { kind: 'date', at: Date.parse('2026-03-21T05:30:00Z') } });
    expect(timerValueFromFeel('date', feel('date and time("2026-03-21T09:00:00@Asia/Tehran")'))).toEqual({ ok: true, value: { kind: 'date', at: Date.parse('2026-03-21T05:30:00Z') } });
    expect(timerValueFromFeel('date', feel('date("2026-03-21")'), { utcOffsetMinutes: 210 })).toEqual({ ok: true, value: { kind: 'date', at: Date.parse('2026-03-20T20:30:00Z') } });
    expect(timerValueFromFeel('cycle', feel('duration("PT1H")'))).toEqual({ ok: true, value: { kind: 'cycle', interval: d({ hours: 1 }) } });
  });

  it('rejects values of the wrong type, naming what the expression gave', () => {
    expect(timerValueFromFeel('duration', feel('date and time("2026-03-21T09:00:00Z")'))).toEqual({
      ok: false,
      message: 'a duration timer needs an ISO 8601 duration (such as "P3D") or a FEEL duration, but the expression gave the date and time 2026-03-21T09:00:00Z',
    });
    expect(timerValueFromFeel('date', feel('time("10:00:00")'))).toMatchObject({ ok: false, message: expect.stringMatching(/gave the time 10:00:00$/) });
    expect(timerValueFromFeel('date', null)).toMatchObject({ ok: false, message: expect.stringMatching(/gave null$/) });
    expect(timerValueFromFeel('duration', 3)).toMatchObject({ ok: false, message: expect.stringMatching(/gave a number$/) });
    expect(timerValueFromFeel('duration', feel('duration("-P1D")'))).toMatchObject({ ok: false, message: expect.stringMatching(/is negative/) });
  });
});
