import { describe, error, type Problem } from '../problem';
import { taskDefinitions } from '../zeebe';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'service-task-type';

/**
 * A node run by a job worker (service task; send or business rule task or message throw event with
 * a task definition) names its handler in zeebe:taskDefinition type, a fixed non-empty string.
 */
export const serviceTaskType: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const task of view.nodes.filter((n) => supportedKind(n) === 'serviceTask')) {
      const report = (message: string) => problems.push(error(RULE, task.id ?? view.id, message));
      const definitions = taskDefinitions(task);
      if (definitions.length === 0) {
        report(`${describe(task)} has no zeebe:taskDefinition, so no handler would run it`);
        continue;
      }
      if (definitions.length > 1) report(`${describe(task)} has more than one zeebe:taskDefinition`);
      const type = definitions[0].type?.trim() ?? '';
      if (type === '') report(`${describe(task)} has a zeebe:taskDefinition without a type`);
      else if (type.startsWith('=')) report(`${describe(task)} has a feel task type, which is not supported yet; use a fixed type`);
    }
    return problems;
  },
};
