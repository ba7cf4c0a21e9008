import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'event-sub-process';

/**
 * An event sub-process is started by its start event's trigger while its parent scope is active,
 * never by sequence flows: it has no incoming or outgoing flows. (Its start event: start-events.)
 */
export const eventSubProcess: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes.filter((n) => supportedKind(n) === 'eventSubProcess')) {
      if (view.incoming(node).length > 0 || view.outgoing(node).length > 0) {
        problems.push(error(RULE, node.id ?? view.id, `event sub-process ${describe(node)} has sequence flows; it is started by its start event's trigger and connected to nothing`));
      }
    }
    return problems;
  },
};
