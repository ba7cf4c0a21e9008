/** Dates as notices quote them: the Jalali date first, the Gregorian beside it. */
import { formatGregorian, formatJalali } from '../certificates/jalali-date';
import { parseCalendar } from '../../workflows/timers/calendar-data';
import { addDuration, parseDuration } from '../../workflows/timers/iso8601';
import { addWorkingDuration } from '../../workflows/timers/working-days';
import type { ProcessGraph } from '../../workflows/graph/types';

/** `{name}Fa` (۱۴۰۵/۰۹/۱۲ — 2026-12-03) and `{name}En` (2026-12-03 (1405/09/12)). */
export function dateValues(name: string, date: Date | null | undefined): Record<string, string> {
  if (!date) return {};
  return {
    [`${name}Fa`]: `${formatJalali(date)} (${formatGregorian(date)})`,
    [`${name}En`]: `${formatGregorian(date)} (${formatJalali(date, { digits: 'latin' })})`,
  };
}

/**
 * The deadline of the task the process goes to right after `elementId` (a fix request's notice is
 * followed by the applicant's fix task, whose timer boundary event is the deadline): a literal
 * duration, in working days when the timer names a calendar. Undefined when the model has none.
 */
export async function deadlineOfNextTask(graph: ProcessGraph, elementId: string, now: Date, readCalendar: (id: string) => Promise<unknown>): Promise<Date | undefined> {
  const node = graph.elements[elementId];
  const next = node?.outgoing.map((f) => graph.elements[graph.flows[f]?.targetRef ?? '']).find((n) => n && 'boundaryEventIds' in n);
  if (!next || !('boundaryEventIds' in next)) return undefined;
  for (const id of next.boundaryEventIds) {
    const b = graph.elements[id];
    if (!b || b.kind !== 'boundaryEvent' || b.trigger?.type !== 'timer' || b.trigger.timer.kind !== 'duration' || !('literal' in b.trigger.timer.value)) continue;
    const duration = parseDuration(b.trigger.timer.value.literal);
    if (!duration.ok) continue;
    const calendarId = b.trigger.timer.workingDayCalendar;
    if (!calendarId) return addDuration(now, duration.value);
    const calendar = parseCalendar(await readCalendar(calendarId));
    if (calendar.ok) return addWorkingDuration(now, duration.value, calendar.calendar);
  }
  return undefined;
}
