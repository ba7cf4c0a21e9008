import { addJalaliMonths, formatGregorian, formatJalali, jalaliYearOf } from './jalali-date';

describe('certificates - jalali date', () => {
  it('formats the Tehran calendar day in Jalali with Persian or Latin digits', () => {
    const date = new Date('2026-11-23T09:00:00Z');
    expect(formatJalali(date, { digits: 'fa' })).toBe('۱۴۰۵/۰۹/۰۲');
    expect(formatJalali(date, { digits: 'latin' })).toBe('1405/09/02');
    expect(formatGregorian(date)).toBe('2026-11-23');
  });

  it('uses the day in Tehran (UTC+03:30), not the UTC day', () => {
    // 21:00 UTC on 23 November is 00:30 on 24 November in Tehran.
    const lateUtc = new Date('2026-11-23T21:00:00Z');
    expect(formatGregorian(lateUtc)).toBe('2026-11-24');
    expect(formatJalali(lateUtc, { digits: 'latin' })).toBe('1405/09/03');
    expect(formatGregorian(new Date('2026-11-23T20:29:59Z'))).toBe('2026-11-23');
  });

  it('moves to 1 Farvardin and the new Jalali year at Tehran midnight on Nowruz', () => {
    const lastSecondOf1404 = new Date('2026-03-20T20:29:59Z');
    const nowruz1405 = new Date('2026-03-20T20:30:00Z');
    expect(formatJalali(lastSecondOf1404, { digits: 'latin' })).toBe('1404/12/29');
    expect(jalaliYearOf(lastSecondOf1404)).toBe(1404);
    expect(formatJalali(nowruz1405, { digits: 'latin' })).toBe('1405/01/01');
    expect(jalaliYearOf(nowruz1405)).toBe(1405);
    expect(formatGregorian(nowruz1405)).toBe('2026-03-21');
  });

  it('knows 30 Esfand of the leap year 1403', () => {
    expect(formatJalali(new Date('2025-03-20T12:00:00Z'), { digits: 'fa' })).toBe('۱۴۰۳/۱۲/۳۰');
  });

  it('adds Jalali months keeping the day and clamping it to the month length', () => {
    const issued = new Date('2026-11-23T09:00:00Z'); // 1405/09/02
    expect(formatJalali(addJalaliMonths(issued, 24), { digits: 'latin' })).toBe('1407/09/02');
    expect(addJalaliMonths(issued, 24).toISOString().slice(11)).toBe('09:00:00.000Z');
    const shahrivar31 = new Date('2026-09-22T08:00:00Z'); // 1405/06/31
    expect(formatJalali(shahrivar31, { digits: 'latin' })).toBe('1405/06/31');
    expect(formatJalali(addJalaliMonths(shahrivar31, 1), { digits: 'latin' })).toBe('1405/07/30');
    expect(formatJalali(addJalaliMonths(shahrivar31, 6), { digits: 'latin' })).toBe('1405/12/29');
  });

  it('rejects an invalid date instead of printing NaN', () => {
    expect(() => formatJalali(new Date('nope'), { digits: 'fa' })).toThrow(/invalid date/);
  });
});
