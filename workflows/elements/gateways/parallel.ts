import type { ParallelGatewayNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';

/**
 * BPMN 2.0 §13.3.4: fires into every outgoing flow (conditions are not allowed here: compiler rule
 * conditional-flows); with several incoming flows it first waits until every one holds a token and
 * consumes one from each (the other tokens end here).
 */
export const parallelGateway: ElementBehavior<ParallelGatewayNode> = {
  async activate(node, ctx, arrival) {
    if (node.incoming.length <= 1) return takeAll(node);
    return (await ctx.join(node.id, arrival.viaFlow)) ? takeAll(node) : { take: [] };
  },
};
