import { child, children, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { eventDefinitions, supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'unsupported-element';

/** Present for modelling only; they never affect execution. */
const IGNORED_FLOW_ELEMENTS: ReadonlySet<string> = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

/**
 * Every flow element must be one the interpreter can execute. Anything else fails deployment:
 * engines that silently accept and mis-execute elements are the failure mode to avoid. Containers
 * such as sub-processes are reported once, without listing their contents.
 */
export const supportedElements: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    const report = (element: ModdleElement, message: string) => problems.push(error(RULE, element.id ?? view.id, message));
    for (const element of view.elements) {
      if (IGNORED_FLOW_ELEMENTS.has(element.$type) || element.$type === 'bpmn:SequenceFlow') continue;
      const definitions = eventDefinitions(element);
      if (definitions.length > 0) {
        const what = definitions.map((d) => `<${d.$type} />`).join(', ');
        report(element, `${describe(element)} with ${what} is not supported by this engine yet`);
        continue;
      }
      if (!supportedKind(element)) {
        const what = element.triggeredByEvent === true ? `event sub-process ${describe(element)}` : describe(element);
        report(element, `${what} is not supported by this engine yet`);
        continue;
      }
      for (const message of unsupportedActivityFeatures(element)) report(element, message);
    }
    return problems;
  },
};


// helpers //////////

function unsupportedActivityFeatures(element: ModdleElement): string[] {
  const messages: string[] = [];
  const loop = child(element, 'loopCharacteristics');
  if (loop) messages.push(`<${loop.$type} /> on ${describe(element)} is not supported by this engine yet`);
  if (element.isForCompensation === true) {
    messages.push(`compensation activity ${describe(element)} is not supported by this engine yet`);
  }
  for (const quantity of ['startQuantity', 'completionQuantity']) {
    const value = element[quantity];
    if (value !== undefined && value !== 1) {
      messages.push(`${quantity}="${String(value)}" on ${describe(element)} is not supported by this engine yet`);
    }
  }
  for (const resource of children(element, 'resources')) {
    messages.push(`<${resource.$type} /> on ${describe(element)} is not supported by this engine yet; use zeebe:assignmentDefinition`);
  }
  return messages;
}
