import { feelSyntaxError } from '../feel';
import { feelFields } from '../feel-fields';
import type { CompileContext } from '../context';
import { hideExpressions } from '../form-schema';
import { resolveForm } from '../forms';
import type { ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { supportedKind, type ProcessView } from '../process-view';
import { feelBody, isFeel } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'feel-syntax';

/**
 * Every FEEL expression the engine will evaluate must parse (feel-fields.ts lists them: gateway
 * conditions, assignees, scripts, io mappings, loops, timers, message names and correlation keys,
 * conditional events, called process ids, task schedules), and fields that have no literal form
 * must be written as FEEL, with a leading `=`. Hide conditions of embedded forms are checked too.
 */
export const feelSyntax: ProcessRule = {
  name: RULE,
  check(view, context) {
    return [...checkFields(view), ...checkFormConditions(view, context)];
  },
};


// helpers //////////

function checkFields(view: ProcessView): Problem[] {
  const problems: Problem[] = [];
  for (const { element, subject, value, feelOnly } of feelFields(view)) {
    if (!isFeel(value)) {
      if (feelOnly) problems.push(error(RULE, element.id ?? view.id, `${subject} must be a feel expression starting with "="`));
      continue;
    }
    const reason = feelSyntaxError(feelBody(value));
    if (reason) problems.push(error(RULE, element.id ?? view.id, `${subject} is not valid feel: ${reason}`));
  }
  return problems;
}

function checkFormConditions(view: ProcessView, context: CompileContext): Problem[] {
  const problems: Problem[] = [];
  for (const node of view.nodes.filter(hasForm)) {
    const form = resolveForm(view, node, context);
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

function hasForm(node: ModdleElement): boolean {
  const kind = supportedKind(node);
  return kind === 'userTask' || kind === 'startEvent';
}
