import { describe, error, type Problem } from '../problem';
import type { ProcessRule } from './rule';

const RULE = 'missing-id';

/** The graph addresses nodes and flows by id, so every flow element needs a usable one. */
export const elementIds: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    if (!view.process.id) problems.push(error(RULE, view.id, `${describe(view.process)} has no id`));
    for (const element of view.elements) {
      if (!element.id?.trim()) problems.push(error(RULE, view.id, `a ${describe(element)} in ${describe(view.process)} has no id`));
      // the graph is a set of records keyed by id; this id would replace the record's prototype
      else if (element.id === '__proto__') problems.push(error(RULE, view.id, `${describe(element)} uses the reserved id "__proto__"`));
    }
    return problems;
  },
};
