import { describe, error, type Problem } from '../problem';
import { isFeel, scripts } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'script-task';

/**
 * A script task is run by the engine itself: zeebe:script with a FEEL expression (leading `=`) and
 * the variable that receives its result. Script tasks run by job workers (zeebe:taskDefinition) or
 * written in other languages are not supported.
 */
export const scriptTask: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const task of view.nodes.filter((n) => n.$type === 'bpmn:ScriptTask')) {
      const report = (message: string) => problems.push(error(RULE, task.id ?? view.id, message));
      const found = scripts(task);
      if (found.length !== 1) {
        report(`${describe(task)} needs exactly one zeebe:script with a feel expression and a result variable`);
        continue;
      }
      const { expression, resultVariable } = found[0];
      if (!expression || !isFeel(expression.trim())) report(`the script of ${describe(task)} must be a feel expression starting with "="`);
      if (!resultVariable || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(resultVariable.trim())) {
        report(`${describe(task)} needs a resultVariable that is a plain variable name`);
      }
    }
    return problems;
  },
};
