import { codeProblems, ESCALATION } from '../coded-events';
import { error, type Problem } from '../problem';
import type { ProcessRule } from './rule';

const RULE = 'escalation-events';

/**
 * An escalation throw or end event throws a fixed escalation code; an escalation catch event names a
 * code or catches every escalation.
 */
export const escalationEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      for (const message of codeProblems(node, ESCALATION)) problems.push(error(RULE, node.id ?? view.id, message));
    }
    return problems;
  },
};
