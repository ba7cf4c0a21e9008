import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCalendar } from './calendar-data';

const valid = {
  id: 'iran-thursday',
  name: { fa: 'ایران، پنجشنبه تعطیل', en: 'Iran, Thursday off' },
  utcOffsetMinutes: 210,
  weekend: [4, 5],
  holidays: [{ date: '1405-01-01', name: { fa: 'آغاز نوروز', en: 'Nowruz' } }],
};

function errorsOf(json: unknown): string[] {
  const result = parseCalendar(json);
  return result.ok ? [] : result.errors;
}

describe('timers - calendar data', () => {
  it('accepts a well-formed calendar and returns it as plain data', () => {
    expect(parseCalendar(valid)).toEqual({ ok: true, calendar: valid });
    expect(parseCalendar({ ...valid, source: 'official calendar 1405' })).toEqual({ ok: true, calendar: { ...valid, source: 'official calendar 1405' } });
  });

  it('rejects Jalali dates that do not exist, badly written dates and a day listed twice', () => {
    const holiday = (date: unknown) => ({ date, name: { fa: 'x', en: 'x' } });
    // 1405 is a common year: Esfand has 29 days; 1403 was leap
    expect(errorsOf({ ...valid, holidays: [holiday('1405-12-30'), holiday('1403-12-30')] })).toEqual(['holidays[0].date: "1405-12-30" does not exist in the Jalali calendar']);
    expect(errorsOf({ ...valid, holidays: [holiday('1405-13-01'), holiday('1405-1-1'), holiday(14050101)] })).toEqual([
      'holidays[0].date: "1405-13-01" does not exist in the Jalali calendar',
      'holidays[1].date: "1405-1-1" is not a Jalali date in the form jYYYY-jMM-jDD, such as "1405-01-01"',
      'holidays[2].date: must be a Jalali date text such as "1405-01-01"',
    ]);
    expect(errorsOf({ ...valid, holidays: [holiday('1405-01-01'), holiday('1405-01-01')] })).toEqual([
      'holidays[1].date: "1405-01-01" is already holidays[0]; give one entry a day and join the names',
    ]);
  });

  it('rejects weekend numbers outside 0-6, repeated days and a week without working days', () => {
    expect(errorsOf({ ...valid, weekend: [7] })).toEqual(['weekend: must be a list of weekday numbers 0-6 (Sunday = 0, Thursday = 4, Friday = 5)']);
    expect(errorsOf({ ...valid, weekend: 5 })).toHaveLength(1);
    expect(errorsOf({ ...valid, weekend: [5, 5] })).toEqual(['weekend: lists a day twice']);
    expect(errorsOf({ ...valid, weekend: [0, 1, 2, 3, 4, 5, 6] })).toEqual(['weekend: leaves no working day in the week']);
  });

  it('reports every problem at once, with where it is, including misspelt fields', () => {
    expect(errorsOf({ id: 'Iran!', name: { fa: '' }, utcOffsetMinutes: 3.5, weekend: [5], holidays: {}, weekends: [4] })).toEqual([
      'calendar: unknown field "weekends"',
      'id: must be lower-case letters, digits and dashes, such as "iran"',
      'name.fa: must be a non-empty text',
      'name.en: must be a non-empty text',
      'utcOffsetMinutes: must be whole minutes from -720 to 840 (Iran: 210)',
      'holidays: must be a list',
    ]);
    expect(errorsOf({ ...valid, holidays: [{ date: '1405-01-01', name: { fa: 'نوروز', en: 'Nowruz', de: 'Neujahr' } }] })).toEqual(['holidays[0].name: unknown field "de"']);
    expect(errorsOf('iran')).toEqual(['a calendar must be a JSON object']);
  });
});

describe('definitions/calendars/iran.json', () => {
  const json: unknown = JSON.parse(readFileSync(path.join(__dirname, '../../definitions/calendars/iran.json'), 'utf8'));
  const result = parseCalendar(json);

  it('is a valid calendar: id iran, Friday off, UTC+03:30, with a source note on the lunar dates', () => {
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.calendar).toMatchObject({ id: 'iran', weekend: [5], utcOffsetMinutes: 210 });
    expect(result.calendar.source).toMatch(/computed/);
    expect(result.calendar.source).toMatch(/confirm/);
  });

  it('lists the fixed solar holidays of 1404, 1405 and 1406, and the lunar ones beside them', () => {
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const dates = new Set(result.calendar.holidays.map((h) => h.date));
    for (const year of [1404, 1405, 1406]) {
      for (const day of ['01-01', '01-02', '01-03', '01-04', '01-12', '01-13', '03-14', '03-15', '11-22', '12-29']) {
        expect({ date: `${year}-${day}`, listed: dates.has(`${year}-${day}`) }).toEqual({ date: `${year}-${day}`, listed: true });
      }
      // 10 fixed days + 18 lunar ones (Eid al-Fitr counts twice), fewer where they fall on the same day
      expect(result.calendar.holidays.filter((h) => h.date.startsWith(`${year}-`)).length).toBeGreaterThanOrEqual(24);
    }
    // published in the official calendar: Eid al-Fitr 1447 on Nowruz 1405, Tasua 1448 on 3 Tir 1405
    expect(result.calendar.holidays.find((h) => h.date === '1405-01-01')?.name.en).toMatch(/Eid al-Fitr/);
    expect(result.calendar.holidays.find((h) => h.date === '1405-04-03')?.name.en).toBe('Tasua');
  });
});
