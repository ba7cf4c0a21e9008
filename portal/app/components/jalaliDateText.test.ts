/** The operations filters' Jalali date box: what it accepts, what it refuses, and the date it sends. */
import { jalaliTextOf, parseJalaliText } from './jalaliDateText';

describe('a Jalali date typed by hand', () => {
  it('reads Latin or Persian digits, with or without leading zeros, into the Gregorian day the API takes', () => {
    expect(parseJalaliText('1405/09/15')).toEqual({ ok: true, empty: false, iso: '2026-12-06', jalali: '1405/09/15' });
    expect(parseJalaliText('۱۴۰۵/۹/۱۵')).toEqual({ ok: true, empty: false, iso: '2026-12-06', jalali: '1405/09/15' });
    expect(parseJalaliText(' 1403-01-01 ')).toMatchObject({ ok: true, iso: '2024-03-20' });
    // 1403 is a leap year: its Esfand has 30 days
    expect(parseJalaliText('1403/12/30')).toMatchObject({ ok: true, iso: '2025-03-20' });
  });

  it('treats an empty box as no filter', () => {
    expect(parseJalaliText('  ')).toEqual({ ok: true, empty: true });
  });

  it('names what is wrong: the shape, the month, or a day the month does not have', () => {
    expect(parseJalaliText('15/09/1405')).toEqual({ ok: false, problem: 'format' });
    expect(parseJalaliText('1405/09')).toEqual({ ok: false, problem: 'format' });
    expect(parseJalaliText('2026-12-06x')).toEqual({ ok: false, problem: 'format' });
    expect(parseJalaliText('1405/13/01')).toEqual({ ok: false, problem: 'month' });
    expect(parseJalaliText('1405/00/01')).toEqual({ ok: false, problem: 'month' });
    expect(parseJalaliText('1405/07/31')).toEqual({ ok: false, problem: 'day', daysInMonth: 30 });
    // 1404 is a common year: Esfand has 29 days
    expect(parseJalaliText('1404/12/30')).toEqual({ ok: false, problem: 'day', daysInMonth: 29 });
  });

  it('shows the date already in the filter (the address) as the Jalali day it was typed as', () => {
    expect(jalaliTextOf('2026-12-06')).toBe('1405/09/15');
    expect(jalaliTextOf(parseJalaliText('1403/12/30').ok ? '2025-03-20' : '')).toBe('1403/12/30');
    expect(jalaliTextOf('2026-02-30')).toBeNull();
    expect(jalaliTextOf('not a date')).toBeNull();
  });
});
