import { decisionTimes } from '../ito';
import { describe, error, type Problem } from '../problem';
import type { ProcessRule } from './rule';

const RULE = 'decision-time';
/** Whole working days: the published decision time of a licence is counted in days. */
const WORKING_DAYS = /^P([1-9][0-9]{0,2})D$/;

/** ito:decisionTime on a process: at most one, `within` a whole number of days (P1D–P999D), on a named calendar. */
export const decisionTimeRule: ProcessRule = {
  name: RULE,
  check(view) {
    const found = decisionTimes(view.process);
    const problems: Problem[] = [];
    const report = (message: string) => problems.push(error(RULE, view.id, message));
    if (found.length > 1) report(`${describe(view.process)} has more than one ito:decisionTime`);
    if (found.length === 0) return problems;
    const within = found[0].within?.trim() ?? '';
    if (!WORKING_DAYS.test(within)) report(`the ito:decisionTime within "${within}" of ${describe(view.process)} must be whole working days, e.g. "P30D"`);
    if (!found[0].calendar?.trim()) report(`the ito:decisionTime of ${describe(view.process)} needs a calendar, e.g. calendar="iran"`);
    return problems;
  },
};
