import type { ReceiveTaskNode, SendTaskNode } from '../../graph/types';
import { carriesPlainly, ElementBehavior, takeAll } from '../context';

/** Send task without a job worker: publishes its message to the engine's correlation. */
export const sendTask: ElementBehavior<SendTaskNode> = {
  async activate(node, ctx) {
    await ctx.publish(node.id, node.trigger);
    return takeAll(node);
  },
};

/** Receive task: waits for its message (correlated by name and key), merges its variables. */
export const receiveTask: ElementBehavior<ReceiveTaskNode> = {
  /** Its message subscription is carried (runtime/waits.ts). */
  carriable: (node, graph) => (carriesPlainly(node, graph) ? 'receiveTask' : undefined),
  async activate(node, ctx) {
    const { variables } = await ctx.waitForTrigger(node.id, node.trigger);
    ctx.mergeVariables(variables);
    return takeAll(node);
  },
};
