/**
 * The element registry: which behaviour executes each BPMN element kind. Adding an element to the
 * engine is adding a module here (and accepting it in compiler/rules/supported-elements.ts).
 */
import type { FlowNode, FlowNodeKind } from '../graph/types';
import type { ElementBehavior } from './context';
import { endEvent } from './events/end';
import { startEvent } from './events/start';
import { exclusiveGateway } from './gateways/exclusive';
import { parallelGateway } from './gateways/parallel';
import { passThrough } from './pass-through';
import { scriptTask } from './tasks/script';
import { serviceTask } from './tasks/service';
import { userTask } from './tasks/user';

type Registry = { [K in FlowNodeKind]: ElementBehavior<Extract<FlowNode, { kind: K }>> };

export const elementBehaviors: Registry = {
  startEvent,
  endEvent,
  userTask,
  serviceTask,
  exclusiveGateway,
  parallelGateway,
  scriptTask,
  manualTask: passThrough,
  intermediateThrowEvent: passThrough,
};

export function behaviorOf(node: FlowNode): ElementBehavior {
  return elementBehaviors[node.kind] as ElementBehavior;
}
