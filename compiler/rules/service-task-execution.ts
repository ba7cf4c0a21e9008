import { executionModes } from '../ito';
import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'service-task-execution';
export const EXECUTION_MODES = ['worker', 'local'] as const;

/** ito:execution, when given, is one element whose mode is `worker` or `local` (compiler/ito.ts). */
export const serviceTaskExecution: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const task of view.nodes.filter((n) => supportedKind(n) === 'serviceTask')) {
      const found = executionModes(task);
      if (found.length > 1) problems.push(error(RULE, task.id ?? view.id, `${describe(task)} has more than one ito:execution`));
      const mode = found[0]?.mode?.trim();
      if (found.length && !(EXECUTION_MODES as readonly (string | undefined)[]).includes(mode)) {
        problems.push(error(RULE, task.id ?? view.id, `ito:execution mode "${mode ?? ''}" of ${describe(task)} must be one of: ${EXECUTION_MODES.join(', ')}`));
      }
    }
    return problems;
  },
};
