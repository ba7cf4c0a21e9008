import { describe, error, type Problem } from '../problem';
import { describeScope } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'end-events';

/** Every scope (process, embedded or event sub-process) has an end event, and none has outgoing flows. */
export const endEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const scope of view.scopes) {
      const ends = scope.nodes.filter((n) => n.$type === 'bpmn:EndEvent');
      if (ends.length === 0) {
        problems.push(error(RULE, scope.element.id ?? view.id, `${describeScope(scope)} has no end event`));
      }
      for (const end of ends) {
        if (view.outgoing(end).length > 0) {
          problems.push(error(RULE, end.id ?? view.id, `${describe(end)} has outgoing sequence flows; nothing can follow an end event`));
        }
      }
    }
    return problems;
  },
};
