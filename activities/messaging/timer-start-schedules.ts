/**
 * Timer start events (process level) as Temporal Schedules: one schedule per start event of the
 * newest version of each process, firing `timerStartWorkflow`, which starts the instance through
 * startByEvent. Kept in step with the deployed definitions by syncTimerStartSchedules (at start-up
 * and after every deploy): a new version replaces its schedule, a version without the timer drops it.
 */
import type { Client, ScheduleOptions } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import type { ProcessGraph, TimerSpec } from '../../workflows/graph/types';
import { upgradeGraph } from '../../workflows/graph/upgrade';
import { addDuration, parseTimerValue } from '../../workflows/timers/iso8601';

export const TIMER_START_WORKFLOW = 'timerStartWorkflow';
const PREFIX = 'timer-start:';

export interface TimerStartArgs {
  processKey: string;
  startEventId: string;
}

type Plan = Pick<ScheduleOptions, 'spec'> & { remainingActions?: number };

/** The schedule for a timer start value: a date fires once, a cycle every interval (R<n> times), a cron cycle at each time it names (UTC). */
export function schedulePlanFor(timer: TimerSpec, now = new Date()): Plan | undefined {
  if (!('literal' in timer.value)) return undefined; // a FEEL value has no variables to read at process start
  const parsed = parseTimerValue(timer.kind, timer.value.literal);
  if (!parsed.ok) return undefined;
  const value = parsed.value;
  if (value.kind === 'date') {
    if (value.at <= now.getTime()) return undefined;
    const at = new Date(value.at);
    const calendar = { year: at.getUTCFullYear(), month: monthName(at.getUTCMonth()), dayOfMonth: at.getUTCDate(), hour: at.getUTCHours(), minute: at.getUTCMinutes(), second: at.getUTCSeconds() };
    return { spec: { calendars: [calendar] }, remainingActions: 1 };
  }
  if (value.kind === 'cycle') {
    const every = addDuration(new Date(0), value.interval).getTime();
    const start = value.start ?? now.getTime();
    return {
      spec: { intervals: [{ every, offset: start % every }], startAt: new Date(start), ...(value.end !== undefined ? { endAt: new Date(value.end) } : {}) },
      ...(value.repetitions !== undefined ? { remainingActions: value.repetitions } : {}),
    };
  }
  if (value.kind === 'cron') {
    const { cron } = value;
    const calendar = {
      second: cron.seconds,
      minute: cron.minutes,
      hour: cron.hours,
      dayOfMonth: cron.daysOfMonth,
      month: cron.months.map((m) => monthName(m - 1)),
      dayOfWeek: cron.daysOfWeek.map((d) => DAYS[d]),
      comment: cron.text,
    };
    return { spec: { calendars: [calendar] } };
  }
  return undefined;
}

const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;
function monthName(index: number): (typeof MONTHS)[number] {
  return MONTHS[index];
}

/** Brings the timer-start schedules in line with the newest deployed versions. */
export async function syncTimerStartSchedules(db: Db, client: Client, taskQueue: string): Promise<void> {
  const rows = await db.processDefinition.findMany({ orderBy: [{ key: 'asc' }, { version: 'desc' }] });
  const wanted = new Map<string, { args: TimerStartArgs; version: number; plan: Plan }>();
  const seen = new Set<string>();
  for (const def of rows) {
    if (seen.has(def.key)) continue;
    seen.add(def.key);
    const graph = upgradeGraph(JSON.parse(def.graph) as ProcessGraph);
    for (const id of graph.startEventIds) {
      const node = graph.elements[id];
      if (node.kind !== 'startEvent' || node.parent !== undefined || node.trigger?.type !== 'timer') continue;
      const plan = schedulePlanFor(node.trigger.timer);
      if (plan) wanted.set(`${PREFIX}${def.key}:${id}`, { args: { processKey: def.key, startEventId: id }, version: def.version, plan });
    }
  }
  for await (const existing of client.schedule.list()) {
    if (!existing.scheduleId.startsWith(PREFIX)) continue;
    const want = wanted.get(existing.scheduleId);
    if (want && existing.memo?.version === want.version) {
      wanted.delete(existing.scheduleId);
      continue;
    }
    await client.schedule.getHandle(existing.scheduleId).delete();
  }
  for (const [scheduleId, { args, version, plan }] of wanted) {
    await client.schedule.create({
      scheduleId,
      spec: plan.spec,
      action: { type: 'startWorkflow', workflowType: TIMER_START_WORKFLOW, workflowId: scheduleId.replace(/:/g, '-'), taskQueue, args: [args] },
      memo: { version },
      ...(plan.remainingActions !== undefined ? { state: { remainingActions: plan.remainingActions } } : {}),
    });
  }
}
