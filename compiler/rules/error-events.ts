import { codeProblems, ERROR } from '../coded-events';
import { error, type Problem } from '../problem';
import type { ProcessRule } from './rule';

const RULE = 'error-events';

/**
 * An error end event throws a fixed error code (the workflow looks for a catching boundary event or
 * event sub-process by code); an error catch event names a code or catches every error.
 */
export const errorEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      for (const message of codeProblems(node, ERROR)) problems.push(error(RULE, node.id ?? view.id, message));
    }
    return problems;
  },
};
