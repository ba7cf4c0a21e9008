import { describe, error, type Problem } from '../problem';
import { taskHeaders } from '../zeebe';
import { duplicatesAndBlanks } from '../key-values';
import type { ProcessRule } from './rule';

const RULE = 'task-headers';

/** zeebe:header entries need a key, used once per task. */
export const taskHeadersRule: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      for (const message of duplicatesAndBlanks(taskHeaders(node), 'zeebe:header', 'key')) {
        problems.push(error(RULE, node.id ?? view.id, `${describe(node)} ${message}`));
      }
    }
    return problems;
  },
};
