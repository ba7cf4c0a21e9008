import { conditionHolds } from '../../expressions/feel';
import type { InclusiveGatewayNode } from '../../graph/types';
import type { ElementBehavior } from '../context';
import { NoOutgoingFlowError } from './exclusive';

/**
 * BPMN 2.0 §13.3.3. Join: waits until no token that could still reach an empty incoming flow is
 * left in the scope (the compiler lists, per incoming flow, the elements upstream of it), then one
 * token passes. Fork: every outgoing flow whose condition holds; the default flow when none does;
 * an incident when there is neither.
 */
export const inclusiveGateway: ElementBehavior<InclusiveGatewayNode> = {
  async activate(node, ctx, arrival) {
    if (node.incoming.length > 1 && !(await ctx.join(node.id, arrival.viaFlow))) return { take: [] };
    const take = await ctx.withIncidents(node.id, async () => {
      const variables = ctx.variables();
      const chosen = node.outgoing.filter((flowId) => {
        if (flowId === node.defaultFlow) return false;
        const condition = ctx.graph.flows[flowId].condition;
        return condition === undefined || conditionHolds(condition, variables);
      });
      if (chosen.length > 0) return chosen;
      if (node.defaultFlow) return [node.defaultFlow];
      throw new NoOutgoingFlowError(node.id);
    });
    return { take };
  },
};
