import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'implicit-split';

/**
 * Several outgoing flows on a task or event start parallel paths (BPMN 2.0, "Sequence Flow
 * Considerations": uncontrolled flow). Parallel paths are not supported yet, so branching must go
 * through an exclusive gateway.
 */
export const implicitSplit: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      const kind = supportedKind(node);
      if (!kind || kind === 'exclusiveGateway') continue;
      if (view.outgoing(node).length > 1) {
        problems.push(error(RULE, node.id ?? view.id, `${describe(node)} has ${view.outgoing(node).length} outgoing sequence flows, which would run in parallel; branch with an exclusive gateway instead`));
      }
    }
    return problems;
  },
};
