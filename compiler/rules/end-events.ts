import { describe, error, type Problem } from '../problem';
import type { ProcessRule } from './rule';

const RULE = 'end-events';

/** At least one end event, and none with outgoing flows. */
export const endEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    const ends = view.nodes.filter((n) => n.$type === 'bpmn:EndEvent');
    if (ends.length === 0) {
      problems.push(error(RULE, view.id, `${describe(view.process)} has no end event`));
    }
    for (const end of ends) {
      if (view.outgoing(end).length > 0) {
        problems.push(error(RULE, end.id ?? view.id, `${describe(end)} has outgoing sequence flows; nothing can follow an end event`));
      }
    }
    return problems;
  },
};
