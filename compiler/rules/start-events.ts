import { eventDefinition, triggerType } from '../events';
import type { ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { describeScope, entryNodes, type ProcessView, type Scope } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'start-events';

/** Triggers that start a process instance; the others only start an event sub-process. */
const PROCESS_TRIGGERS: ReadonlySet<string> = new Set(['none', 'message', 'timer', 'signal']);

/**
 * Where tokens start, per scope. A process has at most one none start event and any number of
 * message, timer and signal start events, at least one start event in all; an embedded
 * sub-process exactly one none start event; an event sub-process exactly one start event, with a
 * trigger. Nothing flows into a start event.
 */
export const startEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const scope of view.scopes) {
      const report = (element: ModdleElement, message: string) => problems.push(error(RULE, element.id ?? view.id, message));
      const starts = scope.nodes.filter((n) => n.$type === 'bpmn:StartEvent');
      for (const start of starts) {
        if (view.incoming(start).length > 0) report(start, `${describe(start)} has incoming sequence flows; a start event cannot be entered`);
      }
      if (scope.kind === 'eventSubProcess') checkEventSubProcess(scope, starts, report);
      else if (scope.kind === 'adHocSubProcess') checkAdHocSubProcess(view, scope, starts, report);
      else checkScope(scope, starts, report);
    }
    return problems;
  },
};


// helpers //////////

type Report = (element: ModdleElement, message: string) => void;

function checkScope(scope: Scope, starts: ModdleElement[], report: Report): void {
  const container = describeScope(scope);
  const none = starts.filter((s) => eventDefinition(s) === undefined);
  for (const extra of none.slice(1)) report(extra, `${describe(extra)} is a second none start event; ${container} may have only one`);
  for (const start of starts) {
    const trigger = triggerType(start);
    // unsupported ones, and triggers in embedded sub-processes, are reported by unsupported-element
    if (trigger === undefined || PROCESS_TRIGGERS.has(trigger)) continue;
    report(start, `${describe(start)} is a ${trigger} start event, which can only start an event sub-process`);
  }
  if (scope.kind === 'process' && starts.length === 0) report(scope.element, `${container} has no start event`);
  if (scope.kind === 'subProcess' && none.length === 0) report(scope.element, `${container} has no none start event; an embedded sub-process starts with exactly one`);
}

/** An ad-hoc sub-process has no start event: it starts the elements its activeElementsCollection names (Camunda 8). */
function checkAdHocSubProcess(view: ProcessView, scope: Scope, starts: ModdleElement[], report: Report): void {
  const container = describeScope(scope);
  for (const start of starts) report(start, `${describe(start)} is a start event in ${container}; an ad-hoc sub-process has none: zeebe:adHoc activeElementsCollection names the elements it starts`);
  if (starts.length === 0 && entryNodes(view, scope).length === 0) report(scope.element, `${container} has no element that can be started (one without an incoming sequence flow)`);
}

function checkEventSubProcess(scope: Scope, starts: ModdleElement[], report: Report): void {
  const container = describeScope(scope);
  if (starts.length === 0) report(scope.element, `${container} has no start event; it needs exactly one, with a trigger`);
  for (const extra of starts.slice(1)) report(extra, `${describe(extra)} is a second start event; ${container} needs exactly one`);
  const [start] = starts;
  if (!start) return;
  const trigger = triggerType(start);
  if (trigger === 'none') report(start, `${describe(start)} of ${container} has no trigger; say what starts the event sub-process (message, timer, signal, error, escalation or condition)`);
  if (trigger === 'error' && start.isInterrupting === false) report(start, `${describe(start)} is a non-interrupting error start event; errors always interrupt`);
}
