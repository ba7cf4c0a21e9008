import type { EndEventNode } from '../../graph/types';
import type { ElementBehavior } from '../context';

/**
 * End event: consumes the token; its `outcome` property becomes the application's outcome. A
 * terminate end ends every token of its scope; an error end throws to the nearest catcher; message,
 * signal and escalation ends throw their event and then end the token.
 */
export const endEvent: ElementBehavior<EndEventNode> = {
  async execute(node, ctx) {
    const outcome = node.properties.outcome;
    switch (node.trigger?.type) {
      case 'terminate':
        return { terminate: { outcome } };
      case 'error':
      case 'escalation':
        await ctx.throwEvent(node.id, node.trigger);
        break;
      case 'message':
      case 'signal':
        await ctx.publish(node.id, node.trigger);
        break;
      default:
        break;
    }
    return { end: { outcome } };
  },
};
