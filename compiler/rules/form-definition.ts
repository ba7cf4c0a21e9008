import { resolveForm } from '../forms';
import { eventDefinition } from '../events';
import { extensionsOfType, text, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { supportedKind, type ProcessView } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'form-definition';

/**
 * A zeebe:formDefinition on a user task or the start event must point, by
 * `camunda-forms:bpmn:<id>`, at a zeebe:userTaskForm of the process whose body is a usable form-js
 * schema. Form ids must be unique, or a task could silently get another task's form. Of start
 * events, only the process's none start event is started by someone filling in a form.
 */
export const formDefinition: ProcessRule = {
  name: RULE,
  check(view, context) {
    const problems = checkFormIds(view);
    for (const node of view.nodes) {
      const kind = supportedKind(node);
      if (kind !== 'userTask' && kind !== 'startEvent') continue;
      const form = resolveForm(view, node, context);
      if (form.kind === 'invalid') problems.push(error(RULE, node.id ?? view.id, `${describe(node)} ${form.reason}`));
      else if (form.kind === 'form' && kind === 'startEvent' && !startsByForm(view, node)) {
        problems.push(error(RULE, node.id ?? view.id, `${describe(node)} has a form, but only the none start event of the process is started with one`));
      }
    }
    return problems;
  },
};


// helpers //////////

function startsByForm(view: ProcessView, start: ModdleElement): boolean {
  return view.scopeOf(start).kind === 'process' && eventDefinition(start) === undefined;
}

function checkFormIds(view: ProcessView): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const form of extensionsOfType(view.process, 'zeebe:UserTaskForm')) {
    const id = text(form, 'id')?.trim();
    if (!id) problems.push(error(RULE, view.id, `${describe(view.process)} has a zeebe:userTaskForm without an id`));
    else if (seen.has(id)) problems.push(error(RULE, view.id, `${describe(view.process)} has more than one zeebe:userTaskForm with id "${id}"`));
    else seen.add(id);
  }
  return problems;
}
