import { startedBy } from '../ito';
import { describe, error, type Problem } from '../problem';
import type { ProcessRule } from './rule';

const RULE = 'started-by';
export const STARTERS = ['applicant', 'regulator'] as const;

/** ito:startedBy on a process: at most one, naming `applicant` or `regulator`. */
export const startedByRule: ProcessRule = {
  name: RULE,
  check(view) {
    const found = startedBy(view.process);
    const problems: Problem[] = [];
    if (found.length > 1) problems.push(error(RULE, view.id, `${describe(view.process)} has more than one ito:startedBy`));
    const value = found[0]?.value?.trim();
    if (found.length && !(STARTERS as readonly string[]).includes(value ?? '')) {
      problems.push(error(RULE, view.id, `the ito:startedBy of ${describe(view.process)} must be "applicant" or "regulator", not ${JSON.stringify(value ?? '')}`));
    }
    return problems;
  },
};
