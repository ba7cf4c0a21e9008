import type { ModdleElement } from '../moddle';
import { describe, error, warning, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import { calledElements, standardCalledElement, zeebeCalledElements } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'call-activity';

/**
 * A call activity names the process it starts in one zeebe:calledElement processId (a fixed id or
 * `=FEEL`) or in the standard `calledElement` attribute (a fixed id); the latest deployed version is
 * called, so other bindings and Camunda 8.8's business ids are rejected rather than ignored. When
 * both name a process and they differ, the zeebe extension is called, with a warning.
 */
export const callActivity: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes.filter((n) => supportedKind(n) === 'callActivity')) {
      for (const message of checkCall(node)) problems.push(error(RULE, node.id ?? view.id, message));
      const standard = standardCalledElement(node);
      const zeebe = zeebeCalledElements(node)[0]?.processId?.trim();
      if (standard !== undefined && zeebe && standard !== zeebe) {
        problems.push(warning(RULE, node.id ?? view.id, `${describe(node)} names "${standard}" in calledElement and "${zeebe}" in zeebe:calledElement; the zeebe:calledElement is called`));
      }
    }
    return problems;
  },
};


// helpers //////////

function checkCall(node: ModdleElement): string[] {
  const found = calledElements(node);
  const what = describe(node);
  if (found.length === 0) return [`${what} has neither a calledElement nor a zeebe:calledElement, so it calls no process`];
  const problems: string[] = [];
  if (found.length > 1) problems.push(`${what} has more than one zeebe:calledElement`);
  const { processId, processIdExpression, bindingType, businessId } = found[0];
  if (!processId?.trim()) problems.push(`${what} has a zeebe:calledElement without a processId`);
  if (processIdExpression !== undefined) problems.push(`${what} uses processIdExpression; write the expression in processId with a leading "=" instead`);
  if (bindingType !== undefined && bindingType !== 'latest') {
    problems.push(`${what} binds the called process by "${bindingType}", which is not supported yet; the latest deployed version is called`);
  }
  if (businessId !== undefined) problems.push(`${what} sets a businessId, which is not supported by this engine yet`);
  return problems;
}
