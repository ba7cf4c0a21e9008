import { describe, error, warning, type Problem } from '../problem';
import { assignmentDefinitions, isFeel, splitList } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'user-task-assignment';

/**
 * Who may complete a user task: an assignee (literal or `=FEEL`) and/or candidate groups or users
 * (comma-separated names, or `=FEEL` giving a name or a list of names when the task opens, e.g.
 * `="org:" + evaluationLab`). A task naming nobody deploys, as in Camunda 8, with a warning: it is
 * offered to the fallback group (process administrators unless configured otherwise).
 */
export function namesNobody(task: Parameters<typeof assignmentDefinitions>[0]): boolean {
  const { assignee, candidateGroups, candidateUsers } = assignmentDefinitions(task)[0] ?? {};
  const named = (value: string | undefined) => value !== undefined && (isFeel(value) || splitList(value).length > 0);
  return (assignee?.trim() ?? '') === '' && !named(candidateGroups) && !named(candidateUsers);
}

export const userTaskAssignment: ProcessRule = {
  name: RULE,
  check(view, context) {
    const problems: Problem[] = [];
    for (const task of view.nodes.filter((n) => n.$type === 'bpmn:UserTask')) {
      const report = (message: string) => problems.push(error(RULE, task.id ?? view.id, message));
      const definitions = assignmentDefinitions(task);
      if (definitions.length > 1) report(`${describe(task)} has more than one zeebe:assignmentDefinition`);
      if (namesNobody(task)) {
        problems.push(warning(RULE, task.id ?? view.id, `${describe(task)} names no assignee, candidate groups or candidate users: it is offered to the fallback group "${context.fallbackTaskGroup}"`));
      }
    }
    return problems;
  },
};
