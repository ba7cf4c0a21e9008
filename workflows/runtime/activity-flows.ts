/**
 * Leaving an activity (BPMN 2.0 §10.2.2, "uncontrolled flow" and "conditional sequence flows", as
 * Zeebe runs them): a token on every outgoing flow without a condition and on every flow whose
 * condition holds; the activity's default flow when no conditional flow's condition holds. No flow
 * at all, when the activity has some, is an incident, as at an exclusive gateway.
 */
import { conditionHolds, type Variables } from '../expressions/feel';
import type { ActivityNode, FlowNode, ProcessGraph } from '../graph/types';

/** Whether leaving the activity needs a choice (otherwise every outgoing flow is taken). */
export function hasConditionalFlows(node: ActivityNode, graph: ProcessGraph): boolean {
  return node.defaultFlow !== undefined || node.outgoing.some((id) => graph.flows[id].condition !== undefined);
}

export function selectActivityFlows(node: ActivityNode, graph: ProcessGraph, variables: Variables): string[] {
  const chosen: string[] = [];
  let conditionHeld = false;
  for (const flowId of node.outgoing) {
    if (flowId === node.defaultFlow) continue;
    const condition = graph.flows[flowId].condition;
    if (condition === undefined) chosen.push(flowId);
    else if (conditionHolds(condition, variables)) {
      chosen.push(flowId);
      conditionHeld = true;
    }
  }
  if (!conditionHeld && node.defaultFlow !== undefined) chosen.push(node.defaultFlow);
  if (chosen.length === 0) throw new NoActivityFlowError(node.id);
  return chosen;
}

export class NoActivityFlowError extends Error {
  constructor(readonly elementId: string) {
    super(`no outgoing flow condition of activity "${elementId}" holds and it has no default flow`);
    this.name = 'NoActivityFlowError';
  }
}

/** Activities (tasks, sub-processes, call activities) are the nodes that can carry boundary events. */
export function isActivity(node: FlowNode): node is ActivityNode {
  return 'boundaryEventIds' in node;
}
