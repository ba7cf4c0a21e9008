import { feelSyntaxError } from '../feel';
import { hideExpressions } from '../form-schema';
import { resolveForm } from '../forms';
import { child, text, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { supportedKind, type ProcessView } from '../process-view';
import { assignmentDefinitions, feelBody, isFeel, scripts } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'feel-syntax';

/**
 * Every FEEL expression the engine will evaluate must parse: gateway conditions (which must be
 * FEEL, written with a leading `=`), FEEL assignees, and hide conditions of embedded forms.
 */
export const feelSyntax: ProcessRule = {
  name: RULE,
  check(view) {
    return [...checkConditions(view), ...checkAssignees(view), ...checkFormConditions(view), ...checkScripts(view)];
  },
};


// helpers //////////

function checkConditions(view: ProcessView): Problem[] {
  const problems: Problem[] = [];
  for (const flow of view.flows) {
    const source = child(flow, 'sourceRef');
    const condition = child(flow, 'conditionExpression');
    if (!condition || !source || source.$type !== 'bpmn:ExclusiveGateway') continue;
    const body = text(condition, 'body') ?? '';
    const subject = `the condition of ${describe(flow)}`;
    if (!isFeel(body)) {
      problems.push(error(RULE, flow.id ?? view.id, `${subject} must be a feel expression starting with "="`));
      continue;
    }
    const reason = feelSyntaxError(feelBody(body));
    if (reason) problems.push(error(RULE, flow.id ?? view.id, `${subject} is not valid feel: ${reason}`));
  }
  return problems;
}

function checkAssignees(view: ProcessView): Problem[] {
  const problems: Problem[] = [];
  for (const task of view.nodes.filter((n) => n.$type === 'bpmn:UserTask')) {
    for (const { assignee } of assignmentDefinitions(task)) {
      if (assignee === undefined || !isFeel(assignee)) continue;
      const reason = feelSyntaxError(feelBody(assignee));
      if (reason) problems.push(error(RULE, task.id ?? view.id, `the assignee of ${describe(task)} is not valid feel: ${reason}`));
    }
  }
  return problems;
}

function checkFormConditions(view: ProcessView): Problem[] {
  const problems: Problem[] = [];
  for (const node of view.nodes.filter(hasForm)) {
    const form = resolveForm(view, node);
    if (form.kind !== 'form') continue; // form-definition reports broken forms
    for (const { key, expression } of hideExpressions(form.schema)) {
      const reason = feelSyntaxError(feelBody(expression));
      if (reason) {
        problems.push(error(RULE, node.id ?? view.id, `the hide condition of field "${key}" in form "${form.formId}" of ${describe(node)} is not valid feel: ${reason}`));
      }
    }
  }
  return problems;
}

function checkScripts(view: ProcessView): Problem[] {
  const problems: Problem[] = [];
  for (const task of view.nodes.filter((n) => n.$type === 'bpmn:ScriptTask')) {
    for (const { expression } of scripts(task)) {
      if (expression === undefined || !isFeel(expression.trim())) continue; // script-task reports it
      const reason = feelSyntaxError(feelBody(expression.trim()));
      if (reason) problems.push(error(RULE, task.id ?? view.id, `the script of ${describe(task)} is not valid feel: ${reason}`));
    }
  }
  return problems;
}

function hasForm(node: ModdleElement): boolean {
  const kind = supportedKind(node);
  return kind === 'userTask' || kind === 'startEvent';
}
