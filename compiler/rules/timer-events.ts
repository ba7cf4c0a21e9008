import { parseTimerValue } from '../../workflows/timers/iso8601';
import { definitionType, eventDefinition, timerValues, type TimerKind } from '../events';
import { workingDays } from '../ito';
import type { ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { supportedKind, type ProcessView } from '../process-view';
import { isFeel } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'timer-events';

/**
 * A timer event has exactly one of timeDuration, timeDate or timeCycle, of a kind that makes sense
 * where it is (Camunda 8's choice: a process starts at a date or on a cycle; a cycle repeats only
 * where firing does not end the wait, i.e. non-interrupting boundary events and event
 * sub-processes), and a literal value must parse as ISO 8601, or a cycle as cron (FEEL values are checked by
 * feel-syntax and evaluated when the timer starts). ito:workingDays sits on a timeDuration timer
 * event and names a calendar.
 */
export const timerEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      if (!supportedKind(node)) continue;
      const report = (message: string) => problems.push(error(RULE, node.id ?? view.id, message));
      const definition = eventDefinition(node);
      const timer = definition && definitionType(definition) === 'timer' ? definition : undefined;
      if (timer) checkTimer(view, node, timer, report);
      checkWorkingDays(node, timer, report);
    }
    return problems;
  },
};


// helpers //////////

type Report = (message: string) => void;

function checkTimer(view: ProcessView, node: ModdleElement, timer: ModdleElement, report: Report): void {
  const values = timerValues(timer);
  if (values.length !== 1) {
    report(`${describe(node)} needs exactly one of timeDuration, timeDate or timeCycle, not ${values.length}`);
    return;
  }
  const [{ kind, body }] = values;
  const text = body.trim();
  if (text === '') {
    report(`the timer ${kind} of ${describe(node)} is empty`);
    return;
  }
  const allowed = allowedKinds(view, node);
  if (!allowed.includes(kind)) {
    report(`${describe(node)} cannot have a timer ${kind} here; use ${allowed.map((k) => `a time${capitalised(k)}`).join(' or ')}`);
    return;
  }
  if (isFeel(text)) return;
  const parsed = parseTimerValue(kind, text);
  if (!parsed.ok) report(`the timer ${kind} "${text}" of ${describe(node)} is not valid ${kind === 'cycle' ? 'iso 8601 or cron' : 'iso 8601'}: ${parsed.message}`);
}

function allowedKinds(view: ProcessView, node: ModdleElement): TimerKind[] {
  const interrupting = node.$type === 'bpmn:BoundaryEvent' ? node.cancelActivity !== false : node.isInterrupting !== false;
  const scope = view.scopeOf(node);
  if (node.$type === 'bpmn:StartEvent' && scope.kind !== 'eventSubProcess') return ['date', 'cycle'];
  if (node.$type === 'bpmn:IntermediateCatchEvent' || interrupting) return ['duration', 'date'];
  return ['duration', 'date', 'cycle'];
}

function checkWorkingDays(node: ModdleElement, timer: ModdleElement | undefined, report: Report): void {
  const found = workingDays(node);
  if (found.length === 0) return;
  if (found.length > 1) report(`${describe(node)} has more than one ito:workingDays`);
  const kind = timer ? timerValues(timer)[0]?.kind : undefined;
  if (!timer) report(`${describe(node)} has ito:workingDays but is not a timer event`);
  else if (kind !== undefined && kind !== 'duration') report(`ito:workingDays on ${describe(node)} counts working days of a timeDuration only, not of a time${capitalised(kind)}`);
  if (!found[0].calendar?.trim()) report(`ito:workingDays on ${describe(node)} needs a calendar, e.g. calendar="iran"`);
}

function capitalised(kind: TimerKind): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}
