import { child, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import type { Scope } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'flow-references';

/**
 * Both ends of a sequence flow must be flow nodes of the flow's own scope: flows never cross into
 * or out of a sub-process, nor into another process. (Ids that point at nothing at all are caught
 * while parsing, rule `references`.)
 */
export const flowReferences: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const scope of view.scopes) {
      const nodes = new Set(scope.nodes);
      for (const flow of scope.flows) {
        for (const end of ['sourceRef', 'targetRef'] as const) {
          const message = badEnd(flow, end, child(flow, end), nodes, scope);
          if (message) problems.push(error(RULE, flow.id ?? view.id, message));
        }
      }
    }
    return problems;
  },
};


// helpers //////////

function badEnd(flow: ModdleElement, end: string, node: ModdleElement | undefined, nodes: Set<ModdleElement>, scope: Scope): string | undefined {
  if (!node) return `${describe(flow)} has no ${end}`;
  if (nodes.has(node)) return undefined;
  const where = scope.kind === 'process' ? 'the same process' : `the same sub-process ${describe(scope.element)}`;
  return `${describe(flow)} ${end} ${describe(node)} is not a flow node of ${where}; sequence flows cannot cross a sub-process boundary`;
}
