import { describe, error, warning, type Problem } from '../problem';
import { taskDefinitions, taskHeaders } from '../zeebe';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';
import type { ModdleElement } from '../moddle';

const RULE = 'service-task-type';

/**
 * A node run by a job worker (service task; send or business rule task or message throw event with
 * a task definition) names its handler in zeebe:taskDefinition type, a fixed non-empty string.
 * When the engine's handlers are known, a type none of them runs, or a required header left out,
 * is a warning: the model deploys (as in Camunda 8), and an instance would stop at an incident there.
 */
export const serviceTaskType: ProcessRule = {
  name: RULE,
  check(view, context) {
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
      else if (context?.serviceTaskTypes) problems.push(...knownTypeWarnings(task, type, context.serviceTaskTypes));
    }
    return problems;
  },
};

function knownTypeWarnings(task: ModdleElement, type: string, known: ReadonlyMap<string, readonly string[]>): Problem[] {
  const required = known.get(type);
  if (!required) {
    return [warning(RULE, task.id ?? '', `${describe(task)} names task type "${type}", which no handler of this engine runs: an instance would stop there with an incident (known types: ${[...known.keys()].sort().join(', ')})`)];
  }
  const given = new Set(taskHeaders(task).filter((h) => h.value?.trim()).map((h) => h.key));
  const missing = required.filter((key) => !given.has(key));
  return missing.length ? [warning(RULE, task.id ?? '', `${describe(task)} (type "${type}") needs the header${missing.length > 1 ? 's' : ''} ${missing.map((k) => `"${k}"`).join(', ')}: without ${missing.length > 1 ? 'them' : 'it'} an instance would stop there with an incident`)] : [];
}
