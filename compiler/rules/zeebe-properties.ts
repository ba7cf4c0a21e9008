import { describe, error, type Problem } from '../problem';
import { properties } from '../zeebe';
import { duplicatesAndBlanks } from '../key-values';
import type { ProcessRule } from './rule';

const RULE = 'zeebe-properties';

/** zeebe:property entries need a name, used once per element (e.g. `outcome` on end events). */
export const zeebeProperties: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      for (const message of duplicatesAndBlanks(properties(node), 'zeebe:property', 'name')) {
        problems.push(error(RULE, node.id ?? view.id, `${describe(node)} ${message}`));
      }
    }
    return problems;
  },
};
