import type { IntermediateCatchEventNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';
import { hasOutputs, mapReceived } from './mappings';

/**
 * Intermediate catch event: waits for its timer, message, signal or condition, merges what the
 * event carried into the variables (or, with output mappings, only what they map from it) and
 * passes on. A link catch event is where a link throw jumps to.
 */
export const intermediateCatchEvent: ElementBehavior<IntermediateCatchEventNode> = {
  /** A timer keeps its due time, a message its subscription; a signal subscribes again (runtime/waits.ts). */
  carriable(node) {
    const type = node.trigger.type;
    return type === 'timer' ? 'timerCatch' : type === 'message' ? 'messageCatch' : type === 'signal' ? 'signalCatch' : undefined;
  },
  async activate(node, ctx) {
    const variables = node.trigger.type === 'link' ? {} : (await ctx.waitForTrigger(node.id, node.trigger)).variables;
    if (hasOutputs(node)) await mapReceived(node, ctx, variables);
    else ctx.mergeVariables(variables);
    return takeAll(node);
  },
};
