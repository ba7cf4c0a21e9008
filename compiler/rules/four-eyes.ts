import { fourEyes as fourEyesOf } from '../ito';
import { describe, error, type Problem } from '../problem';
import { splitList } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'four-eyes';

/**
 * ito:fourEyes notCompletedBy lists user tasks of the same process (any sub-process) whose completer
 * may not complete this one; naming anything else would silently check nothing.
 */
export const fourEyes: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    const userTasks = new Set(view.nodes.filter((n) => n.$type === 'bpmn:UserTask').map((n) => n.id));
    for (const task of view.nodes.filter((n) => n.$type === 'bpmn:UserTask')) {
      const report = (message: string) => problems.push(error(RULE, task.id ?? view.id, message));
      const found = fourEyesOf(task);
      if (found.length === 0) continue;
      if (found.length > 1) report(`${describe(task)} has more than one ito:fourEyes`);
      const ids = splitList(found[0].notCompletedBy);
      if (ids.length === 0) report(`the ito:fourEyes of ${describe(task)} names no task in notCompletedBy`);
      for (const id of ids) {
        if (id === task.id) report(`the ito:fourEyes of ${describe(task)} names the task itself`);
        else if (!userTasks.has(id)) report(`the ito:fourEyes of ${describe(task)} names "${id}", which is not a user task of this process`);
      }
    }
    return problems;
  },
};
