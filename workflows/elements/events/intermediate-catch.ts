import type { IntermediateCatchEventNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';

/**
 * Intermediate catch event: waits for its timer, message, signal or condition, merges what the
 * event carried into the variables and passes on. A link catch event is where a link throw jumps to.
 */
export const intermediateCatchEvent: ElementBehavior<IntermediateCatchEventNode> = {
  async execute(node, ctx) {
    if (node.trigger.type !== 'link') {
      const { variables } = await ctx.waitForTrigger(node.id, node.trigger);
      ctx.mergeVariables(variables);
    }
    return takeAll(node);
  },
};
