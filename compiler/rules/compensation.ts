import { eventDefinition, triggerType } from '../events';
import { child, is, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { compensationHandlers, isCompensationBoundary, isCompensationHandler, supportedKind, type ProcessView, type Scope } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'compensation';

/**
 * Compensation as Zeebe (8.5+) runs it: a compensation boundary event is joined by an association
 * (not a sequence flow) to exactly one handler, an activity marked isForCompensation in the same
 * scope, which no sequence flow enters or leaves and which carries no boundary events; an activity
 * has at most one compensation boundary event. A throw waits for its handlers (waitForCompletion
 * is true or absent). A throw's activityRef names an activity of the
 * scope whose compensation the throw triggers (for a throw in an event sub-process: the scope the
 * event sub-process belongs to) that has a handler or is a sub-process.
 */
export const compensation: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    const report = (node: ModdleElement, message: string) => problems.push(error(RULE, node.id ?? view.id, message));
    const handled = new Map<ModdleElement, ModdleElement[]>();
    for (const boundary of view.nodes.filter((n) => supportedKind(n) === 'boundaryEvent' && isCompensationBoundary(n))) {
      const handlers = compensationHandlers(view, boundary);
      if (view.outgoing(boundary).length > 0) {
        report(boundary, `compensation boundary event ${describe(boundary)} has outgoing sequence flows; it is joined to its compensation handler by an association instead`);
      }
      if (handlers.length !== 1) {
        report(boundary, `compensation boundary event ${describe(boundary)} must be associated with exactly one compensation handler (an activity with isForCompensation="true"), but has ${handlers.length}`);
      }
      for (const handler of handlers) {
        handled.set(handler, [...(handled.get(handler) ?? []), boundary]);
        if (view.scopeOf(handler) !== view.scopeOf(boundary)) {
          report(handler, `compensation handler ${describe(handler)} is not in the same process or sub-process as its compensation boundary event ${describe(boundary)}`);
        }
      }
      const host = child(boundary, 'attachedToRef');
      const siblings = host ? view.boundaryEvents(host).filter(isCompensationBoundary) : [];
      if (siblings.length > 1 && siblings[0] !== boundary) {
        report(boundary, `${describe(host as ModdleElement)} has more than one compensation boundary event (${describe(siblings[0])} and ${describe(boundary)}); an activity has at most one compensation handler`);
      }
    }
    for (const handler of view.nodes.filter(isCompensationHandler)) {
      if (supportedKind(handler) === 'eventSubProcess') continue; // unsupported-element or event-sub-process reports it
      if (view.incoming(handler).length > 0 || view.outgoing(handler).length > 0) {
        report(handler, `compensation handler ${describe(handler)} has sequence flows; it is entered only by compensation, through the association with its compensation boundary event`);
      }
      if (view.boundaryEvents(handler).length > 0) report(handler, `compensation handler ${describe(handler)} has boundary events; a compensation handler cannot have any`);
      const by = handled.get(handler) ?? [];
      if (by.length === 0) report(handler, `compensation handler ${describe(handler)} is associated with no compensation boundary event, so it could never run`);
      if (by.length > 1) report(handler, `compensation handler ${describe(handler)} is associated with several compensation boundary events (${by.map(describe).join(', ')}); give each its own handler`);
    }
    for (const thrower of view.nodes.filter((n) => n.$type !== 'bpmn:BoundaryEvent' && supportedKind(n) && triggerType(n) === 'compensation')) {
      const definition = eventDefinition(thrower) as ModdleElement;
      if (definition.waitForCompletion === false) {
        report(thrower, `${describe(thrower)} has waitForCompletion="false"; a compensation throw always waits until its handlers have completed (as in Zeebe)`);
      }
      const target = child(definition, 'activityRef');
      if (!target) continue;
      const scope = compensatedScope(view, view.scopeOf(thrower));
      if (!is(target, 'bpmn:Activity') || !view.elements.includes(target) || view.scopeOf(target) !== scope || isCompensationHandler(target)) {
        report(thrower, `${describe(thrower)} compensates ${describe(target)}, which is not an activity of the scope it compensates`);
      } else if (!view.boundaryEvents(target).some(isCompensationBoundary) && !view.scopeOpenedBy(target)) {
        report(thrower, `${describe(thrower)} compensates ${describe(target)}, which has no compensation boundary event`);
      }
    }
    return problems;
  },
};

/** The scope whose completed activities a throw in `scope` compensates: an event sub-process compensates the scope it belongs to. */
function compensatedScope(view: ProcessView, scope: Scope): Scope {
  if (scope.kind !== 'eventSubProcess') return scope;
  return view.scopeOf(scope.element);
}
