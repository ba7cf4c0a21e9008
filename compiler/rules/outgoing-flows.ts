import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'missing-outgoing-flow';

/**
 * A gateway routes tokens, so it needs a way out. Any other node without outgoing flows ends its
 * path there (an implicit end, as in Camunda 8): the token is consumed and the scope completes once
 * no token is left.
 */
export const outgoingFlows: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      if (!supportedKind(node) || !node.$type.endsWith('Gateway')) continue;
      if (view.outgoing(node).length === 0) {
        problems.push(error(RULE, node.id ?? view.id, `${describe(node)} has no outgoing sequence flow; a gateway must lead somewhere`));
      }
    }
    return problems;
  },
};
