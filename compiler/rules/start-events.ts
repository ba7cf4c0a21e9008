import { describe, error, type Problem } from '../problem';
import type { ProcessRule } from './rule';

const RULE = 'start-events';

/** Exactly one none start event at process level, and nothing flows into it. */
export const startEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    const starts = view.nodes.filter((n) => n.$type === 'bpmn:StartEvent');
    if (starts.length === 0) {
      problems.push(error(RULE, view.id, `${describe(view.process)} has no start event`));
    }
    for (const extra of starts.slice(1)) {
      problems.push(error(RULE, extra.id ?? view.id, `${describe(extra)} is a second start event; a process needs exactly one`));
    }
    for (const start of starts) {
      if (view.incoming(start).length > 0) {
        problems.push(error(RULE, start.id ?? view.id, `${describe(start)} has incoming sequence flows; a start event cannot be entered`));
      }
    }
    return problems;
  },
};
