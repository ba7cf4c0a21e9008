/**
 * Cron timer cycles as Camunda 8 reads them (`timeCycle="0 0 9 * * MON-FRI"`): Spring's six fields
 * (second, minute, hour, day of month, month, day of week), in UTC, with `*`, `?`, lists, ranges,
 * steps (`0/15`, `*\/5`, `10-40/10`), month and day names (JAN–DEC, SUN–SAT; day 0 and 7 are Sunday)
 * and the macros @yearly (@annually), @monthly, @weekly, @daily (@midnight) and @hourly. As in
 * Spring, a day must match both the day of month and the day of week. Quartz's L, W and # are not
 * supported and say so.
 *
 * Pure and deterministic (runs in the workflow sandbox and in the compiler): the time is passed in.
 */

/** The allowed values of each field, sorted; JSON-safe so it can sit in a compiled graph or history. */
export interface CronSpec {
  text: string;
  seconds: number[];
  minutes: number[];
  hours: number[];
  /** 1–31 */
  daysOfMonth: number[];
  /** 1–12 */
  months: number[];
  /** 0–6, Sunday = 0 */
  daysOfWeek: number[];
}

export type CronParse = { ok: true; value: CronSpec } | { ok: false; message: string };

const MACROS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldRule { name: string; min: number; max: number; names?: string[]; namesFrom?: number }

const FIELDS: FieldRule[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 7, names: DAY_NAMES, namesFrom: 0 },
];

/** Whether a timer cycle text is meant as cron (not an ISO 8601 repeating interval). */
export function looksLikeCron(text: string): boolean {
  const source = text.trim();
  return source.startsWith('@') || source.split(/\s+/).length >= 5;
}

export function parseCron(text: string): CronParse {
  const source = text.trim();
  const expanded = source.startsWith('@') ? MACROS[source.toLowerCase()] : source;
  if (expanded === undefined) return fail(`"${source}" is not a known cron macro (${Object.keys(MACROS).join(', ')})`);
  const parts = expanded.split(/\s+/);
  if (parts.length !== 6) {
    return fail(`"${source}" has ${parts.length} fields; a cron cycle has six: second minute hour day-of-month month day-of-week (such as "0 0 9 * * MON-FRI")`);
  }
  const values: number[][] = [];
  for (let i = 0; i < FIELDS.length; i++) {
    const field = parseField(parts[i], FIELDS[i]);
    if (typeof field === 'string') return fail(`${field} (in "${source}")`);
    values.push(field);
  }
  const daysOfWeek = [...new Set(values[5].map((d) => d % 7))].sort((a, b) => a - b);
  return { ok: true, value: { text: source, seconds: values[0], minutes: values[1], hours: values[2], daysOfMonth: values[3], months: values[4], daysOfWeek } };
}

/** The first instant strictly after `after` (whole seconds, UTC) that the expression names; undefined if none within eight years. */
export function nextCronTime(spec: CronSpec, after: Date): Date | undefined {
  let t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  const limit = after.getTime() + 8 * 366 * 24 * 3600 * 1000;
  while (t.getTime() <= limit) {
    if (!spec.months.includes(t.getUTCMonth() + 1)) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
      continue;
    }
    if (!spec.daysOfMonth.includes(t.getUTCDate()) || !spec.daysOfWeek.includes(t.getUTCDay())) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1));
      continue;
    }
    const hour = nextAtLeast(spec.hours, t.getUTCHours());
    if (hour === undefined) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1));
      continue;
    }
    if (hour > t.getUTCHours()) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), hour));
      continue;
    }
    const minute = nextAtLeast(spec.minutes, t.getUTCMinutes());
    if (minute === undefined) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours() + 1));
      continue;
    }
    if (minute > t.getUTCMinutes()) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), minute));
      continue;
    }
    const second = nextAtLeast(spec.seconds, t.getUTCSeconds());
    if (second === undefined) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes() + 1));
      continue;
    }
    return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), second));
  }
  return undefined;
}


// helpers //////////

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function nextAtLeast(sorted: readonly number[], value: number): number | undefined {
  return sorted.find((v) => v >= value);
}

/** The field's values, sorted and unique, or a message naming what is wrong. */
function parseField(text: string, rule: FieldRule): number[] | string {
  const upper = text.toUpperCase();
  if (/[LW#]/.test(upper.replace(/[A-Z]{3}/g, (name) => (rule.names?.includes(name) ? '' : name)))) {
    return `the ${rule.name} field "${text}" uses Quartz's L, W or #, which are not supported`;
  }
  const values = new Set<number>();
  for (const item of upper.split(',')) {
    const [rangeText, stepText, extra] = item.split('/');
    if (extra !== undefined || rangeText === '') return `the ${rule.name} field "${text}" is not a value, range, list or step`;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || (stepText !== undefined && !/^\d+$/.test(stepText))) return `the step "${stepText}" of the ${rule.name} field must be a whole number from 1`;
    let from: number;
    let to: number;
    if (rangeText === '*' || rangeText === '?') {
      if (rangeText === '?' && !['day of month', 'day of week'].includes(rule.name)) return `"?" is allowed only for the day of month or the day of week, not the ${rule.name}`;
      [from, to] = [rule.min, rule.name === 'day of week' ? 6 : rule.max];
    } else {
      const [a, b, more] = rangeText.split('-');
      if (more !== undefined) return `the ${rule.name} field "${text}" has a range with more than two ends`;
      const start = valueOf(a, rule);
      if (typeof start === 'string') return start;
      from = start;
      if (b === undefined) to = stepText === undefined ? start : (rule.name === 'day of week' ? 6 : rule.max);
      else {
        const end = valueOf(b, rule);
        if (typeof end === 'string') return end;
        to = end;
        if (to < from) return `the ${rule.name} range "${rangeText}" runs backwards`;
      }
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((x, y) => x - y);
}

function valueOf(text: string, rule: FieldRule): number | string {
  const named = rule.names?.indexOf(text);
  if (named !== undefined && named >= 0) return named + (rule.namesFrom ?? 0);
  if (!/^\d+$/.test(text)) return `"${text}" is not a ${rule.name}${rule.names ? ` (a number or ${rule.names[0]}–${rule.names[rule.names.length - 1]})` : ''}`;
  const n = Number(text);
  if (n < rule.min || n > rule.max) return `${n} is outside the ${rule.name} range ${rule.min}–${rule.max}`;
  return n;
}
