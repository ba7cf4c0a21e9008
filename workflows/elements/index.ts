/**
 * The element registry: the behaviour of each BPMN element kind (its lifecycle: ElementBehavior in
 * context.ts). Adding an element to the engine is adding a module here (and accepting it in
 * compiler/rules/supported-elements.ts).
 * Where tokens go between elements, scopes and interrupts are in workflows/runtime/.
 */
import type { FlowNode, FlowNodeKind } from '../graph/types';
import type { ElementBehavior } from './context';
import { endEvent } from './events/end';
import { intermediateCatchEvent } from './events/intermediate-catch';
import { intermediateThrowEvent } from './events/intermediate-throw';
import { startEvent } from './events/start';
import { eventBasedGateway } from './gateways/event-based';
import { exclusiveGateway } from './gateways/exclusive';
import { inclusiveGateway } from './gateways/inclusive';
import { parallelGateway } from './gateways/parallel';
import { passThrough } from './pass-through';
import { subProcess } from './scopes/sub-process';
import { adHocSubProcess } from './scopes/ad-hoc-sub-process';
import { businessRuleTask } from './tasks/business-rule';
import { callActivity } from './tasks/call-activity';
import { receiveTask, sendTask } from './tasks/messaging';
import { scriptTask } from './tasks/script';
import { serviceTask } from './tasks/service';
import { userTask } from './tasks/user';

/** What an activation opened is the behaviour's own type; the lifecycle only hands it back to its `terminate`. */
type Registry = { [K in FlowNodeKind]: ElementBehavior<Extract<FlowNode, { kind: K }>, unknown> };

export const elementBehaviors: Registry = {
  startEvent,
  boundaryEvent: startEvent,
  endEvent,
  intermediateThrowEvent,
  intermediateCatchEvent,
  userTask,
  serviceTask,
  scriptTask,
  manualTask: passThrough,
  sendTask,
  receiveTask,
  businessRuleTask,
  callActivity,
  subProcess,
  adHocSubProcess,
  eventSubProcess: {
    async activate(node) {
      throw new Error(`engine bug: a token reached event sub-process ${node.id}; they start from their trigger`);
    },
  },
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway,
};

export function behaviorOf(node: FlowNode): ElementBehavior<FlowNode, unknown> {
  return elementBehaviors[node.kind] as ElementBehavior<FlowNode, unknown>;
}
