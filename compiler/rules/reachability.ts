import { describe, error, type Problem } from '../problem';
import { entryNodes, supportedKind } from '../process-view';
import { walk } from '../walk';
import type { ProcessRule } from './rule';

const RULE = 'unreachable-element';

/**
 * Every flow node must be reachable from a start event of its scope (event sub-processes count as
 * entered: they listen while their scope is active); otherwise it is dead modelling.
 */
export const reachability: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const scope of view.scopes) {
      const starts = entryNodes(view, scope);
      if (starts.length === 0) continue; // start-events reports this
      const listening = scope.nodes.filter((n) => supportedKind(n) === 'eventSubProcess');
      const reached = walk([...starts, ...listening], view.successors);
      // nodes the engine cannot run are already errors (unsupported-element)
      for (const node of scope.nodes.filter((n) => supportedKind(n))) {
        if (!reached.has(node)) {
          problems.push(error(RULE, node.id ?? view.id, `${describe(node)} cannot be reached from the start event`));
        }
      }
    }
    return problems;
  },
};
