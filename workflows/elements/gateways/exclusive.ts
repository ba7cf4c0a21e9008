import type { ExclusiveGatewayNode, ProcessGraph } from '../../graph/types';
import { conditionHolds, Variables } from '../../expressions/feel';
import type { ElementBehavior } from '../context';

/**
 * BPMN 2.0 §13.3.2: the first outgoing flow (in document order) whose condition is true is taken;
 * when none holds the default flow is taken; with neither, the gateway fails (an incident).
 * Unconditional non-default flows are taken as true (the compiler allows them only as the single
 * outgoing flow).
 */
export function selectExclusiveFlow(node: ExclusiveGatewayNode, graph: ProcessGraph, variables: Variables): string | undefined {
  for (const flowId of node.outgoing) {
    if (flowId === node.defaultFlow) continue;
    const condition = graph.flows[flowId].condition;
    if (condition === undefined || conditionHolds(condition, variables)) return flowId;
  }
  return node.defaultFlow;
}

export class NoOutgoingFlowError extends Error {
  constructor(readonly elementId: string) {
    super(`no outgoing flow condition holds and no default flow is set on <bpmn:ExclusiveGateway id="${elementId}" />`);
    this.name = 'NoOutgoingFlowError';
  }
}

export const exclusiveGateway: ElementBehavior<ExclusiveGatewayNode> = {
  async activate(node, ctx) {
    const flow = await ctx.withIncidents(node.id, async () => {
      const chosen = selectExclusiveFlow(node, ctx.graph, ctx.variables());
      if (!chosen) throw new NoOutgoingFlowError(node.id);
      return chosen;
    });
    return { take: [flow] };
  },
};
