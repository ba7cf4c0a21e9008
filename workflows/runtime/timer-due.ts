/**
 * When a timer is due, in engine time (epoch ms): ISO 8601 or FEEL values, cycles counted from
 * when the catcher was armed, and durations in working days of a calendar (loaded through an
 * activity, so the calendar an instance used is fixed in its history).
 */
import type { EngineActivities } from '../activities-api';
import { evaluateFeel, type Variables } from '../expressions/feel';
import type { TimerSpec, ValueSource } from '../graph/types';
import { parseCalendar } from '../timers/calendar-data';
import { parseTimerValue, timerSchedule, timerValueFromFeel, type ParsedTimer } from '../timers/iso8601';
import { addWorkingDuration } from '../timers/working-days';

export async function computeDueAt(
  timer: TimerSpec,
  variables: Variables,
  activities: EngineActivities,
  armedAt: number,
  fired: number,
): Promise<number | undefined> {
  const parsed = parseTimer(timer.kind, timer.value, variables);
  if (timer.workingDayCalendar && parsed.kind === 'duration') {
    if (fired > 0) return undefined;
    const calendar = await loadCalendar(activities, timer.workingDayCalendar);
    return addWorkingDuration(new Date(armedAt), parsed.duration, calendar).getTime();
  }
  return timerSchedule(parsed, new Date(armedAt), fired)?.getTime();
}

/** A due date for a user task: `dueIn` working days of `calendarId` from `from`. */
export async function workingDayDueDate(dueIn: string, calendarId: string, from: number, activities: EngineActivities): Promise<string> {
  const parsed = parseTimer('duration', { literal: dueIn }, {});
  if (parsed.kind !== 'duration') throw new Error(`SLA "${dueIn}" is not a duration`);
  const calendar = await loadCalendar(activities, calendarId);
  return addWorkingDuration(new Date(from), parsed.duration, calendar).toISOString();
}

function parseTimer(kind: TimerSpec['kind'], source: ValueSource, variables: Variables): ParsedTimer {
  const result = 'literal' in source ? parseTimerValue(kind, source.literal) : timerValueFromFeel(kind, evaluateFeel(source.feel, variables));
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

async function loadCalendar(activities: EngineActivities, calendarId: string) {
  const parsed = parseCalendar(await activities.loadCalendar({ calendarId }));
  if (!parsed.ok) throw new Error(`calendar "${calendarId}" is invalid: ${parsed.errors.join('; ')}`);
  return parsed.calendar;
}
