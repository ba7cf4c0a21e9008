import { describe, error } from '../problem';
import { MAX_SCOPE_DEPTH } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'scope-depth';

/** Sub-processes nest at most MAX_SCOPE_DEPTH deep; deeper ones are not read (hostile or generated input). */
export const scopeDepth: ProcessRule = {
  name: RULE,
  check(view) {
    return view.tooDeep.map((sub) =>
      error(RULE, sub.id ?? view.id, `${describe(sub)} is nested more than ${MAX_SCOPE_DEPTH} sub-processes deep, which this engine does not run`),
    );
  },
};
