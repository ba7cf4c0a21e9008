import { describe, error, type Problem } from '../problem';
import { assignmentDefinitions, isFeel, splitList } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'user-task-assignment';

/**
 * A user task needs someone who may complete it: an assignee (literal or `=FEEL`) and/or static,
 * comma-separated candidate groups or users.
 */
export const userTaskAssignment: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const task of view.nodes.filter((n) => n.$type === 'bpmn:UserTask')) {
      const report = (message: string) => problems.push(error(RULE, task.id ?? view.id, message));
      const definitions = assignmentDefinitions(task);
      if (definitions.length > 1) report(`${describe(task)} has more than one zeebe:assignmentDefinition`);
      const { assignee, candidateGroups, candidateUsers } = definitions[0] ?? {};
      for (const [name, value] of [['candidateGroups', candidateGroups], ['candidateUsers', candidateUsers]] as const) {
        if (value !== undefined && isFeel(value)) report(`${name} of ${describe(task)} is a feel expression, which is not supported yet; list the names`);
      }
      const someone = (assignee?.trim() ?? '') !== '' || splitList(candidateGroups).length > 0 || splitList(candidateUsers).length > 0;
      if (!someone) {
        report(`${describe(task)} has no assignee, candidate groups or candidate users, so nobody could complete it`);
      }
    }
    return problems;
  },
};
