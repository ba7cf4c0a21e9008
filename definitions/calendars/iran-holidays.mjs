#!/usr/bin/env node
/**
 * Writes Iran's official public holidays for the given Jalali years as the `iran` working calendar
 * (JSON on stdout), for an administrator to check against the official calendar and save as
 * definitions/calendars/iran.json:
 *
 *   npm install --no-save astronomy-engine@2
 *   node definitions/calendars/iran-holidays.mjs 1404 1405 1406 > definitions/calendars/iran.json
 *
 * Solar holidays are fixed Jalali dates. Lunar (Hijri) holidays are computed: each Hijri month
 * starts the day after the first evening on which the new crescent is visible with optical aid
 * somewhere in Iran by Odeh's criterion (V at the best time, sunset + 4/9 of the lag, for a set of
 * towns at Iran's edges). The threshold is calibrated on the official calendars of 1401-1405:
 * 26 known month starts (Ramadan 1443 to Muharram 1448) need V >= 1.94 on the evening before and
 * V <= 1.76 the evening before that, and the weekdays of the 1405 holidays put Rabi' al-Awwal 1448
 * (V 1.94) a day earlier than Odeh's own line of 2.0 would; 1.85 lies between. The official dates
 * follow sightings announced by the Leader's office and can still move by a day, so the computed
 * dates must be confirmed every year. Months whose start is close to the threshold go to stderr.
 *
 * Development tool only: astronomy-engine is not a dependency of the engine.
 */
import { toGregorian, toJalaali, jalaaliMonthLength } from 'jalaali-js';

let A;
try {
  A = await import('astronomy-engine');
} catch {
  process.stderr.write('astronomy-engine is missing: npm install --no-save astronomy-engine@2\n');
  process.exit(1);
}

/** Odeh (2004) draws "visible with optical aid" at V >= 2; Iran's calendar fits 1.85 (see above). */
const VISIBLE_WITH_OPTICAL_AID = 1.85;
/** Months whose deciding evening lies this close to the threshold are reported as uncertain. */
const UNCERTAIN_MARGIN = 0.75;
/** Towns at Iran's edges (latitude, longitude): the crescent is seen first in the west and south. */
const TOWNS = {
  tehran: [35.69, 51.42], tabriz: [38.08, 46.29], kermanshah: [34.31, 47.07], ahvaz: [31.32, 48.67],
  abadan: [30.34, 48.3], bushehr: [28.97, 50.84], bandarAbbas: [27.18, 56.27], chabahar: [25.3, 60.62],
  zahedan: [29.5, 60.86], mashhad: [36.3, 59.6],
};
const IRAN_OFFSET_MS = 210 * 60_000;
const DAY_MS = 86_400_000;

const FIXED = [
  [1, 1, 'آغاز نوروز', 'Nowruz (Persian New Year)'],
  [1, 2, 'عید نوروز', 'Nowruz holiday'],
  [1, 3, 'عید نوروز', 'Nowruz holiday'],
  [1, 4, 'عید نوروز', 'Nowruz holiday'],
  [1, 12, 'روز جمهوری اسلامی ایران', 'Islamic Republic Day'],
  [1, 13, 'روز طبیعت', 'Nature Day (Sizdah Bedar)'],
  [3, 14, 'رحلت حضرت امام خمینی', 'Demise of Imam Khomeini'],
  [3, 15, 'قیام ۱۵ خرداد', '15 Khordad uprising'],
  [11, 22, 'پیروزی انقلاب اسلامی', 'Victory of the Islamic Revolution'],
  [12, 29, 'روز ملی شدن صنعت نفت ایران', 'Oil Industry Nationalisation Day'],
];

/** Hijri month, day ('last' = the month's last day), Persian and English names. */
const LUNAR = [
  [1, 9, 'تاسوعای حسینی', 'Tasua'],
  [1, 10, 'عاشورای حسینی', 'Ashura'],
  [2, 20, 'اربعین حسینی', 'Arbaeen'],
  [2, 28, 'رحلت حضرت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)', 'Demise of the Prophet Muhammad and martyrdom of Imam Hassan'],
  [2, 'last', 'شهادت امام رضا (ع)', 'Martyrdom of Imam Reza'],
  [3, 8, 'شهادت امام حسن عسکری (ع)', 'Martyrdom of Imam Hassan Askari'],
  [3, 17, 'میلاد حضرت رسول اکرم (ص) و امام جعفر صادق (ع)', 'Birth of the Prophet Muhammad and Imam Sadegh'],
  [6, 3, 'شهادت حضرت فاطمه زهرا (س)', 'Martyrdom of Fatimah al-Zahra'],
  [7, 13, 'ولادت امام علی (ع)', 'Birth of Imam Ali'],
  [7, 27, 'مبعث حضرت رسول اکرم (ص)', "Mab'ath (the Prophet's mission)"],
  [8, 15, 'ولادت حضرت قائم (عج)', 'Birth of Imam Mahdi'],
  [9, 21, 'شهادت امام علی (ع)', 'Martyrdom of Imam Ali'],
  [10, 1, 'عید سعید فطر', 'Eid al-Fitr'],
  [10, 2, 'تعطیل به مناسبت عید سعید فطر', 'Eid al-Fitr holiday'],
  [10, 25, 'شهادت امام جعفر صادق (ع)', 'Martyrdom of Imam Sadegh'],
  [12, 10, 'عید سعید قربان', 'Eid al-Adha'],
  [12, 18, 'عید سعید غدیر خم', 'Eid al-Ghadir'],
];

const pad = (n, w = 2) => String(n).padStart(w, '0');
const jalaliKey = ({ jy, jm, jd }) => `${jy}-${pad(jm)}-${pad(jd)}`;
/** Midnight UTC of a civil date, used as a day number. */
const dayOf = (gy, gm, gd) => Date.UTC(gy, gm - 1, gd);
const jalaliOfDay = (day) => {
  const d = new Date(day);
  return toJalaali(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
};

/** Odeh's V for the evening of civil date `day` at one town; -99 when the moon sets before the sun. */
function odehV(day, [lat, lon]) {
  const observer = new A.Observer(lat, lon, 0);
  const noon = new A.AstroTime(new Date(day + 12 * 3_600_000 - (lon / 15) * 3_600_000));
  const sunset = A.SearchRiseSet(A.Body.Sun, observer, -1, noon, 1);
  const moonset = sunset && A.SearchRiseSet(A.Body.Moon, observer, -1, sunset, 2);
  if (!sunset || !moonset) return -99;
  const lagDays = moonset.ut - sunset.ut;
  if (lagDays <= 0 || lagDays > 0.9) return -99;
  const best = sunset.AddDays((lagDays * 4) / 9);
  const moon = A.Equator(A.Body.Moon, best, observer, true, true);
  const sun = A.Equator(A.Body.Sun, best, observer, true, true);
  const arcv = A.Horizon(best, observer, moon.ra, moon.dec).altitude - A.Horizon(best, observer, sun.ra, sun.dec).altitude;
  const arcl = (A.AngleFromSun(A.Body.Moon, best) * Math.PI) / 180;
  const semiDiameterArcmin = ((Math.asin(1737.4 / (moon.dist * A.KM_PER_AU)) * 180) / Math.PI) * 60;
  const w = semiDiameterArcmin * (1 - Math.cos(arcl));
  return arcv - (-0.1018 * w ** 3 + 0.7319 * w ** 2 - 6.3226 * w + 7.1651);
}

const bestV = (day) => Math.max(...Object.values(TOWNS).map((town) => odehV(day, town)));

/** The first day of the Hijri month that follows the new moon at `conjunction` (a Date). */
function monthStart(conjunction) {
  let evening = Math.floor((conjunction.getTime() + IRAN_OFFSET_MS) / DAY_MS) * DAY_MS;
  for (let i = 0; i < 3; i++, evening += DAY_MS) {
    const v = bestV(evening);
    if (v >= VISIBLE_WITH_OPTICAL_AID) return { start: evening + DAY_MS, v, vBefore: i === 0 ? -99 : bestV(evening - DAY_MS) };
  }
  throw new Error(`no crescent within three evenings of ${conjunction.toISOString()}`);
}

/** Hijri year and month of a month starting on `start`, read mid-month from ICU's Islamic calendar. */
function hijriLabel(start) {
  const format = new Intl.DateTimeFormat('en-u-ca-islamic-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric' });
  const parts = Object.fromEntries(format.formatToParts(new Date(start + 14 * DAY_MS)).map((p) => [p.type, p.value]));
  return { hy: Number(parts.year.replace(/\D/g, '')), hm: Number(parts.month) };
}

function hijriMonths(fromDay, toDay) {
  const months = [];
  let search = A.MakeTime(new Date(fromDay - 45 * DAY_MS));
  for (;;) {
    const conjunction = A.SearchMoonPhase(0, search, 40);
    const { start, v, vBefore } = monthStart(conjunction.date);
    const label = hijriLabel(start);
    months.push({ ...label, start, v, vBefore });
    if (start > toDay + 5 * DAY_MS) break;
    search = conjunction.AddDays(20);
  }
  for (let i = 1; i < months.length; i++) {
    const length = (months[i].start - months[i - 1].start) / DAY_MS;
    if (length !== 29 && length !== 30) throw new Error(`a ${length}-day month before ${new Date(months[i].start).toISOString()}`);
    months[i - 1].length = length;
  }
  return months.filter((m) => m.length);
}

function holidaysOf(jy) {
  const first = (() => { const g = toGregorian(jy, 1, 1); return dayOf(g.gy, g.gm, g.gd); })();
  const last = (() => { const g = toGregorian(jy, 12, jalaaliMonthLength(jy, 12)); return dayOf(g.gy, g.gm, g.gd); })();
  const byDate = new Map();
  const add = (key, fa, en) => {
    const found = byDate.get(key);
    if (found) { found.name.fa += '؛ ' + fa; found.name.en += '; ' + en; } else byDate.set(key, { date: key, name: { fa, en } });
  };
  for (const [jm, jd, fa, en] of FIXED) add(jalaliKey({ jy, jm, jd }), fa, en);
  const months = hijriMonths(first, last);
  const close = (m) => !!m && [m.v, m.vBefore].some((v) => Math.abs(v - VISIBLE_WITH_OPTICAL_AID) < UNCERTAIN_MARGIN);
  months.forEach((month, i) => {
    for (const [hm, hd, fa, en] of LUNAR) {
      if (hm !== month.hm) continue;
      const day = month.start + ((hd === 'last' ? month.length : hd) - 1) * DAY_MS;
      if (day < first || day > last) continue;
      const key = jalaliKey(jalaliOfDay(day));
      add(key, fa, en);
      // the last day of a month also moves with the start of the next one
      if (close(month) || (hd === 'last' && close(months[i + 1]))) {
        process.stderr.write(`uncertain by a day: ${key} ${en} (${month.hy}/${month.hm}, V ${month.v.toFixed(2)})\n`);
      }
    }
  });
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const years = process.argv.slice(2).map(Number);
if (years.length === 0 || years.some((y) => !Number.isInteger(y))) {
  process.stderr.write('usage: node definitions/calendars/iran-holidays.mjs JALALI_YEAR...\n');
  process.exit(2);
}
const calendar = {
  id: 'iran',
  name: { fa: 'تقویم رسمی ایران', en: 'Iran official calendar' },
  utcOffsetMinutes: 210,
  weekend: [5],
  source:
    `Public holidays of Iran for the Jalali years ${years.join(', ')}. Solar holidays are fixed dates of the official calendar ` +
    '(Shora-ye Farhang-e Omumi). Lunar holidays are computed, not official: each Hijri month starts the day after the first ' +
    "evening on which the crescent is visible with optical aid somewhere in Iran by Odeh's criterion (V >= 1.85), which " +
    'agrees with the official calendars of 1401-1405. The official dates follow the sighting announced by the Leader\'s office and ' +
    'can move by a day: confirm them against the official calendar every year (definitions/calendars/README.md).',
  holidays: years.flatMap(holidaysOf),
};
// one holiday a line, so that the file stays easy to read and to edit by hand
const { holidays, ...head } = calendar;
const lines = holidays.map((h) => `    { "date": ${JSON.stringify(h.date)}, "name": { "fa": ${JSON.stringify(h.name.fa)}, "en": ${JSON.stringify(h.name.en)} } }`);
const headJson = JSON.stringify({ ...head, weekend: '__WEEKEND__' }, null, 2).replace('"__WEEKEND__"', JSON.stringify(head.weekend));
process.stdout.write(`${headJson.slice(0, -2)},\n  "holidays": [\n${lines.join(',\n')}\n  ]\n}\n`);
