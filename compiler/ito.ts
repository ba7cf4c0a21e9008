import { extensionsOfType, text, type ModdleElement } from './moddle';

/**
 * Readers for the engine's own extension elements (prefix `ito`, namespace
 * http://ito.ir/schema/bpmn/ito/1.0, descriptor ito-moddle.json). Rules validate, compile reads.
 */

/** ito:workingDays on a timer event: day parts of durations count working days of `calendar`. */
export function workingDays(node: ModdleElement): Array<{ calendar?: string }> {
  return extensionsOfType(node, 'ito:WorkingDays').map((w) => ({ calendar: text(w, 'calendar') }));
}

/** ito:taskSla on a user task: due `dueIn` (ISO 8601 duration) working days after creation. */
export function taskSlas(node: ModdleElement): Array<{ dueIn?: string; calendar?: string }> {
  return extensionsOfType(node, 'ito:TaskSla').map((s) => ({ dueIn: text(s, 'dueIn'), calendar: text(s, 'calendar') }));
}

/** ito:fourEyes on a user task: comma-separated ids of user tasks whose completer may not complete it. */
export function fourEyes(node: ModdleElement): Array<{ notCompletedBy?: string }> {
  return extensionsOfType(node, 'ito:FourEyes').map((f) => ({ notCompletedBy: text(f, 'notCompletedBy') }));
}

/** ito:publish on a message throw without a job worker: how the engine publishes the message. */
export function publishes(node: ModdleElement): Array<{ correlationKey?: string; timeToLive?: string }> {
  return extensionsOfType(node, 'ito:Publish').map((p) => ({ correlationKey: text(p, 'correlationKey'), timeToLive: text(p, 'timeToLive') }));
}

/** ito:startedBy on a process: who may start instances — `applicant` (the default) or only the `regulator` (its administrators). */
export function startedBy(process: ModdleElement): Array<{ value?: string }> {
  return extensionsOfType(process, 'ito:StartedBy').map((s) => ({ value: text(s, 'value') }));
}

/**
 * ito:decisionTime on a process: the regulator decides within `within` (ISO 8601 days) working days
 * of `calendar` after submission, not counting the days the application waits for the applicant.
 */
export function decisionTimes(process: ModdleElement): Array<{ within?: string; calendar?: string }> {
  return extensionsOfType(process, 'ito:DecisionTime').map((d) => ({ within: text(d, 'within'), calendar: text(d, 'calendar') }));
}

/**
 * ito:execution on a task run by a service handler: `mode="local"` runs it as a Temporal local
 * activity (short tasks; no task-queue round trip), `worker` (the default) as a normal activity.
 */
export function executionModes(node: ModdleElement): Array<{ mode?: string }> {
  return extensionsOfType(node, 'ito:Execution').map((e) => ({ mode: text(e, 'mode') }));
}
