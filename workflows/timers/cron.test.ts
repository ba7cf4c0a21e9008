/**
 * Cron cycles as Camunda 8 (Spring) reads them: six fields in UTC, names, ranges, lists, steps and
 * macros; a day matches both day fields; the next time is strictly after the given one; Quartz's L,
 * W and # and malformed fields are refused with a message naming the field.
 */
import { nextCronTime, parseCron, type CronSpec } from './cron';

function spec(text: string): CronSpec {
  const parsed = parseCron(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}
const next = (text: string, after: string) => nextCronTime(spec(text), new Date(after))?.toISOString();

describe('parseCron', () => {
  it('reads values, ranges, lists, steps and names', () => {
    expect(spec('*/15 0-10/5 9,17 ? JAN-MAR,DEC MON-FRI')).toMatchObject({
      seconds: [0, 15, 30, 45], minutes: [0, 5, 10], hours: [9, 17], daysOfMonth: Array.from({ length: 31 }, (_, i) => i + 1), months: [1, 2, 3, 12], daysOfWeek: [1, 2, 3, 4, 5],
    });
    expect(spec('0 0 0 * * 7').daysOfWeek).toEqual([0]); // 7 is Sunday too
    expect(spec('10/20 * * * * *').seconds).toEqual([10, 30, 50]);
  });

  it('expands the macros', () => {
    expect(spec('@daily')).toMatchObject({ seconds: [0], minutes: [0], hours: [0] });
    expect(spec('@hourly').hours).toHaveLength(24);
    expect(spec('@weekly').daysOfWeek).toEqual([0]);
  });

  it.each([
    ['0 0 9 * *', /has 5 fields/],
    ['0 0 9 L * *', /L, W or #/],
    ['0 0 9 ? * MON#2', /L, W or #/],
    ['0 60 9 * * *', /60 is outside the minute range 0–59/],
    ['0 0 9 * FOO *', /"FOO" is not a month/],
    ['0 0 17-9 * * *', /runs backwards/],
    ['0 0 9 * * */0', /step "0"/],
    ['? 0 9 * * *', /"\?" is allowed only for the day/],
    ['@fortnightly', /not a known cron macro/],
  ])('refuses "%s"', (text, message) => {
    const parsed = parseCron(text);
    expect(parsed.ok ? 'accepted' : parsed.message).toMatch(message);
  });
});

describe('nextCronTime', () => {
  it('gives the next matching second strictly after the time given', () => {
    expect(next('0 0 9 * * *', '2026-01-01T08:59:59Z')).toBe('2026-01-01T09:00:00.000Z');
    expect(next('0 0 9 * * *', '2026-01-01T09:00:00Z')).toBe('2026-01-02T09:00:00.000Z');
    expect(next('*/15 * * * * *', '2026-01-01T09:00:14.500Z')).toBe('2026-01-01T09:00:15.000Z');
  });

  it('rolls over hours, days, months and years', () => {
    expect(next('0 30 * * * *', '2026-01-01T23:45:00Z')).toBe('2026-01-02T00:30:00.000Z');
    expect(next('0 0 0 1 * *', '2026-12-15T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(next('0 0 0 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('needs both day fields to match, as Spring does (Friday the 13th)', () => {
    expect(next('0 0 0 13 * FRI', '2026-01-01T00:00:00Z')).toBe('2026-02-13T00:00:00.000Z');
  });

  it('answers nothing for a day that never comes', () => {
    expect(nextCronTime(spec('0 0 0 31 2 *'), new Date('2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});
