import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'implicit-split';

const GATEWAYS: ReadonlySet<string> = new Set(['exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'eventBasedGateway']);

/**
 * Several outgoing flows on a task or event start parallel paths (BPMN 2.0, "Sequence Flow
 * Considerations": uncontrolled flow). Uncontrolled flow is not supported: branch with an exclusive
 * gateway, or fork explicitly with a parallel gateway. (Boundary events need exactly one flow too.)
 */
export const implicitSplit: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      const kind = supportedKind(node);
      if (!kind || GATEWAYS.has(kind)) continue;
      if (view.outgoing(node).length > 1) {
        problems.push(error(RULE, node.id ?? view.id, `${describe(node)} has ${view.outgoing(node).length} outgoing sequence flows, which would run in parallel; branch with an exclusive gateway or fork with a parallel gateway instead`));
      }
    }
    return problems;
  },
};
