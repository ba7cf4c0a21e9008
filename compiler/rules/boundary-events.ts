import { child, is } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'boundary-events';

/**
 * A boundary event is attached to an activity of its own scope (not to an event sub-process) and is
 * left only by its outgoing flows (several start parallel paths): nothing flows into it. One with no
 * flow at all is reported by bpmnlint's no-disconnected.
 */
export const boundaryEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes.filter((n) => supportedKind(n) === 'boundaryEvent')) {
      const report = (message: string) => problems.push(error(RULE, node.id ?? view.id, message));
      const host = child(node, 'attachedToRef');
      if (!host) report(`boundary event ${describe(node)} is not attached to an activity`);
      else if (!is(host, 'bpmn:Activity') || supportedKind(host) === 'eventSubProcess') {
        report(`boundary event ${describe(node)} is attached to ${describe(host)}; boundary events belong on tasks, sub-processes and call activities`);
      } else if (view.scopeOf(host) !== view.scopeOf(node) || !view.elements.includes(host)) {
        report(`boundary event ${describe(node)} is attached to ${describe(host)}, which is not in the same process or sub-process`);
      }
      if (view.incoming(node).length > 0) report(`boundary event ${describe(node)} has incoming sequence flows; it is entered only by its trigger`);
    }
    return problems;
  },
};
