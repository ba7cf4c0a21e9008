import { describe, error, type Problem } from '../problem';
import { entryNodes, supportedKind } from '../process-view';
import { walk } from '../walk';
import type { ProcessRule } from './rule';

const RULE = 'no-path-to-end';

/**
 * From every node some path must lead to an end of its scope (an end event, or a node without
 * outgoing flows); otherwise an instance that gets
 * there can loop or wait forever and never complete (e.g. a review loop with no exit).
 */
export const pathToEnd: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const scope of view.scopes) {
      const starts = entryNodes(view, scope);
      if (starts.length === 0) continue; // start-events reports this
      const reached = walk(starts, view.successors);
      // Nodes nothing follows finish their path (end events, and implicit ends): this rule is about
      // cycles that have no exit.
      const sinks = scope.nodes.filter((n) => view.successors(n).length === 0);
      const finishing = walk(sinks, view.predecessors);
      for (const node of scope.nodes.filter((n) => supportedKind(n))) {
        if (reached.has(node) && !finishing.has(node)) {
          problems.push(error(RULE, node.id ?? view.id, `no path leads from ${describe(node)} to an end event, so the process could never finish`));
        }
      }
    }
    return problems;
  },
};
