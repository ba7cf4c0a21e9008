import { describe, error, type Problem } from '../problem';
import { parseRetries, taskDefinitions } from '../zeebe';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'service-task-retries';

/** zeebe:taskDefinition retries, when given, is a positive whole number (default 3). */
export const serviceTaskRetries: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const task of view.nodes.filter((n) => supportedKind(n) === 'serviceTask')) {
      const retries = taskDefinitions(task)[0]?.retries;
      if (retries !== undefined && parseRetries(retries) === undefined) {
        problems.push(error(RULE, task.id ?? view.id, `retries "${retries}" of ${describe(task)} must be a positive whole number`));
      }
    }
    return problems;
  },
};
