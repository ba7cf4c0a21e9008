import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import { walk } from '../walk';
import type { ProcessRule } from './rule';

const RULE = 'unreachable-element';

/** Every flow node must be reachable from a start event; otherwise it is dead modelling. */
export const reachability: ProcessRule = {
  name: RULE,
  check(view) {
    const starts = view.nodes.filter((n) => n.$type === 'bpmn:StartEvent');
    if (starts.length === 0) return []; // start-events reports this
    const reached = walk(starts, view.successors);
    const problems: Problem[] = [];
    // nodes the engine cannot run are already errors (unsupported-element)
    for (const node of view.nodes.filter((n) => supportedKind(n))) {
      if (!reached.has(node)) {
        problems.push(error(RULE, node.id ?? view.id, `${describe(node)} cannot be reached from the start event`));
      }
    }
    return problems;
  },
};
