import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'missing-outgoing-flow';

/** A token that reaches a node without outgoing flows would be stuck: only end events may stop. */
export const outgoingFlows: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      const kind = supportedKind(node);
      if (!kind || kind === 'endEvent') continue;
      if (view.outgoing(node).length === 0) {
        problems.push(error(RULE, node.id ?? view.id, `${describe(node)} has no outgoing sequence flow; only end events may finish a path`));
      }
    }
    return problems;
  },
};
