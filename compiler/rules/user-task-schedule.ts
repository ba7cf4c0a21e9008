import { parseTimerValue } from '../../workflows/timers/iso8601';
import { taskSlas } from '../ito';
import type { ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { isFeel, priorityDefinitions, taskSchedules } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'user-task-schedule';

/**
 * A user task's dates and priority: zeebe:taskSchedule dueDate and followUpDate are ISO 8601
 * date-times or `=FEEL`; zeebe:priorityDefinition is a whole number from 0 to 100 or `=FEEL`;
 * ito:taskSla has an ISO 8601 duration `dueIn` and the working-day calendar it counts on.
 */
export const userTaskSchedule: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const task of view.nodes.filter((n) => n.$type === 'bpmn:UserTask')) {
      for (const message of checkTask(task)) problems.push(error(RULE, task.id ?? view.id, message));
    }
    return problems;
  },
};


// helpers //////////

function checkTask(task: ModdleElement): string[] {
  const what = describe(task);
  const problems: string[] = [];
  const schedules = taskSchedules(task);
  if (schedules.length > 1) problems.push(`${what} has more than one zeebe:taskSchedule`);
  for (const [name, value] of [['due date', schedules[0]?.dueDate], ['follow-up date', schedules[0]?.followUpDate]] as const) {
    const text = value?.trim();
    if (!text || isFeel(text)) continue; // feel-syntax checks FEEL
    const parsed = parseTimerValue('date', text);
    if (!parsed.ok) problems.push(`the ${name} "${text}" of ${what} is not an iso 8601 date-time: ${parsed.message}`);
  }
  const priorities = priorityDefinitions(task);
  if (priorities.length > 1) problems.push(`${what} has more than one zeebe:priorityDefinition`);
  const priority = priorities[0]?.trim();
  if (priority && !isFeel(priority) && !(/^\d{1,3}$/.test(priority) && Number(priority) <= 100)) {
    problems.push(`the priority "${priority}" of ${what} must be a whole number from 0 to 100`);
  }
  const slas = taskSlas(task);
  if (slas.length > 1) problems.push(`${what} has more than one ito:taskSla`);
  if (slas.length > 0) {
    const dueIn = slas[0].dueIn?.trim() ?? '';
    const parsed = dueIn === '' ? { ok: false as const, message: 'it is empty' } : parseTimerValue('duration', dueIn);
    if (!parsed.ok) problems.push(`the ito:taskSla dueIn "${dueIn}" of ${what} is not an iso 8601 duration: ${parsed.message}`);
    if (!slas[0].calendar?.trim()) problems.push(`the ito:taskSla of ${what} needs a calendar, e.g. calendar="iran"`);
  }
  return problems;
}
