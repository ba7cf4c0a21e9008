import { describe, error, type Problem } from '../problem';
import { assignmentDefinitions, isFeel, splitList } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'user-task-assignment';

/**
 * A user task needs someone who may complete it: an assignee (literal or `=FEEL`) and/or candidate
 * groups or users (comma-separated names, or `=FEEL` giving a name or a list of names when the task
 * opens, e.g. `="org:" + evaluationLab`).
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
      const named = (value: string | undefined) => value !== undefined && (isFeel(value) || splitList(value).length > 0);
      const someone = (assignee?.trim() ?? '') !== '' || named(candidateGroups) || named(candidateUsers);
      if (!someone) {
        report(`${describe(task)} has no assignee, candidate groups or candidate users, so nobody could complete it`);
      }
    }
    return problems;
  },
};
