import { describe, error, type Problem } from '../problem';
import { triggerType } from '../events';
import type { ModdleElement } from '../moddle';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'missing-outgoing-flow';

/**
 * A token that reaches a node without outgoing flows would be stuck: only end events may stop.
 * Event sub-processes have no flows at all (event-sub-process reports any).
 */
export const outgoingFlows: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      const kind = supportedKind(node);
      // a message end event run by a job worker compiles to a service task, but still ends the path;
      // a throw link event continues at its catch event (link-events)
      if (!kind || node.$type === 'bpmn:EndEvent' || kind === 'eventSubProcess' || isLinkThrow(node)) continue;
      if (view.outgoing(node).length === 0) {
        problems.push(error(RULE, node.id ?? view.id, `${describe(node)} has no outgoing sequence flow; only end events may finish a path`));
      }
    }
    return problems;
  },
};

function isLinkThrow(node: ModdleElement): boolean {
  return node.$type === 'bpmn:IntermediateThrowEvent' && triggerType(node) === 'link';
}
