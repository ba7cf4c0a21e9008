import { decisionById } from '../context';
import type { ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import { calledDecisions, isVariableName } from '../zeebe';
import type { CompileContext } from '../context';
import type { ProcessRule } from './rule';

const RULE = 'called-decision';

/**
 * A business rule task either evaluates a DMN decision (zeebe:calledDecision) or is run by a job
 * worker (zeebe:taskDefinition, then it is a service task). The decision is compiled into the
 * graph at deployment, so its id is fixed and must be one of the decisions given to the compiler;
 * the result lands in a plain variable.
 */
export const calledDecision: ProcessRule = {
  name: RULE,
  check(view, context) {
    const problems: Problem[] = [];
    for (const task of view.nodes.filter((n) => supportedKind(n) === 'businessRuleTask')) {
      for (const message of checkTask(task, context)) problems.push(error(RULE, task.id ?? view.id, message));
    }
    return problems;
  },
};


// helpers //////////

function checkTask(task: ModdleElement, context: CompileContext): string[] {
  const found = calledDecisions(task);
  const what = describe(task);
  if (found.length === 0) return [`${what} needs a zeebe:calledDecision (a dmn decision) or a zeebe:taskDefinition (a job worker)`];
  const problems: string[] = [];
  if (found.length > 1) problems.push(`${what} has more than one zeebe:calledDecision`);
  const { decisionId = '', resultVariable = '', bindingType } = found[0];
  const id = decisionId.trim();
  if (id === '') problems.push(`${what} has a zeebe:calledDecision without a decisionId`);
  else if (id.startsWith('=')) problems.push(`${what} has a feel decisionId, which is not supported; decisions are compiled into the process when it is deployed`);
  else if (!decisionById(context, id)) problems.push(`${what} calls decision "${id}", which was not deployed with the process; deploy its .dmn file together with the .bpmn`);
  if (!isVariableName(resultVariable.trim())) problems.push(`${what} needs a resultVariable that is a plain variable name`);
  if (bindingType === 'versionTag') problems.push(`${what} binds its decision by version tag, which is not supported; the decision deployed with the process is used`);
  return problems;
}
