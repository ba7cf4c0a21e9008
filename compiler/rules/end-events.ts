import { describe, error, type Problem } from '../problem';
import type { ProcessRule } from './rule';

const RULE = 'end-events';

/**
 * No end event may have outgoing flows. A scope without end events is allowed (Camunda 8 runs it):
 * it completes when its last token reaches a node without outgoing flows (an implicit end).
 */
export const endEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const scope of view.scopes) {
      for (const end of scope.nodes.filter((n) => n.$type === 'bpmn:EndEvent')) {
        if (view.outgoing(end).length > 0) {
          problems.push(error(RULE, end.id ?? view.id, `${describe(end)} has outgoing sequence flows; nothing can follow an end event`));
        }
      }
    }
    return problems;
  },
};
