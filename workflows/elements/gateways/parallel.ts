import type { ParallelGatewayNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';

/** Tokens waiting at a join: per incoming flow, how many arrived and are not yet consumed. */
export type JoinCounts = Map<string, number>;

/**
 * BPMN 2.0 §13.3.4 (parallel gateway): a token arriving on `viaFlow` is counted; when every incoming
 * flow holds at least one token the gateway fires, consuming one token from each. Returns whether
 * this arrival fired it. A gateway with one incoming flow (a pure fork) fires on every arrival.
 */
export function arriveAtJoin(counts: JoinCounts, incoming: string[], viaFlow: string | undefined): boolean {
  if (viaFlow !== undefined) counts.set(viaFlow, (counts.get(viaFlow) ?? 0) + 1);
  if (!incoming.every((flow) => (counts.get(flow) ?? 0) > 0)) return false;
  for (const flow of incoming) counts.set(flow, counts.get(flow)! - 1);
  return true;
}

/** Fires into every outgoing flow (conditions are not allowed here: compiler rule conditional-flows). */
export const parallelGateway: ElementBehavior<ParallelGatewayNode> = {
  async execute(node, ctx, arrival) {
    if (node.incoming.length <= 1) return takeAll(node);
    return ctx.arriveAtJoin(node.id, arrival.viaFlow) ? takeAll(node) : { take: [] };
  },
};
