import { eventDefinition, unsupportedEventReason } from '../events';
import { child, children, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { isActivityKind, supportedKind, type ProcessView } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'unsupported-element';

/** Present for modelling only; they never affect execution. */
const IGNORED_FLOW_ELEMENTS: ReadonlySet<string> = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

/** Named in messages so the author knows what to remodel. */
const CONTAINERS: Readonly<Record<string, string>> = {
  'bpmn:Transaction': 'transaction',
};

/**
 * Every flow element must be one the interpreter can execute. Anything else fails deployment:
 * engines that silently accept and mis-execute elements are the failure mode to avoid. Containers
 * the engine cannot run (transactions) are reported once, without their
 * contents.
 */
export const supportedElements: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    const report = (element: ModdleElement, message: string) => problems.push(error(RULE, element.id ?? view.id, message));
    for (const element of view.elements) {
      if (IGNORED_FLOW_ELEMENTS.has(element.$type) || element.$type === 'bpmn:SequenceFlow') continue;
      const reason = unsupportedReason(view, element);
      if (reason) {
        report(element, reason);
        continue;
      }
      for (const message of unsupportedFeatures(element)) report(element, message);
    }
    return problems;
  },
};


// helpers //////////

function unsupportedReason(view: ProcessView, element: ModdleElement): string | undefined {
  const event = unsupportedEventReason(element);
  if (event) return event;
  const container = CONTAINERS[element.$type];
  if (container) return `${container} ${describe(element)} is not supported by this engine yet`;
  if (element.$type === 'bpmn:ReceiveTask' && element.instantiate === true) {
    return `${describe(element)} instantiates the process, which is not supported by this engine yet; use a message start event`;
  }
  if (element.$type === 'bpmn:EventBasedGateway' && supportedKind(element) === undefined) {
    return `instantiating or parallel event-based gateway ${describe(element)} is not supported by this engine yet`;
  }
  if (!supportedKind(element)) return `${describe(element)} is not supported by this engine yet`;
  if (element.$type === 'bpmn:StartEvent' && view.scopeOf(element).kind === 'subProcess' && eventDefinition(element)) {
    const definition = eventDefinition(element) as ModdleElement;
    return `${describe(element)} with <${definition.$type} /> in embedded sub-process ${describe(view.scopeOf(element).element)} is not supported by this engine yet; an embedded sub-process starts with a none start event`;
  }
  return undefined;
}

function unsupportedFeatures(element: ModdleElement): string[] {
  const messages: string[] = [];
  const kind = supportedKind(element);
  const loop = child(element, 'loopCharacteristics');
  if (loop && !isActivityKind(kind)) messages.push(`<${loop.$type} /> on ${describe(element)} is not supported by this engine yet`);
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
