import { child, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import type { ProcessRule } from './rule';

const RULE = 'flow-references';

/**
 * Both ends of a sequence flow must be flow nodes of the same process scope. (Ids that point at
 * nothing at all are caught while parsing, rule `references`.)
 */
export const flowReferences: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    const nodes = new Set(view.nodes);
    for (const flow of view.flows) {
      for (const end of ['sourceRef', 'targetRef'] as const) {
        const node = child(flow, end);
        const message = badEnd(flow, end, node, nodes);
        if (message) problems.push(error(RULE, flow.id ?? view.id, message));
      }
    }
    return problems;
  },
};


// helpers //////////

function badEnd(flow: ModdleElement, end: string, node: ModdleElement | undefined, nodes: Set<ModdleElement>): string | undefined {
  if (!node) return `${describe(flow)} has no ${end}`;
  if (!nodes.has(node)) return `${describe(flow)} ${end} ${describe(node)} is not a flow node of the same process`;
  return undefined;
}
