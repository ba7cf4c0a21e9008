import type { EndEventNode } from '../../graph/types';
import type { ElementBehavior } from '../context';
import { hasInputs, hasOutputs, mapThrown, withInputs } from './mappings';

/**
 * End event: consumes the token; its `outcome` property becomes the application's outcome. A
 * terminate end ends every token of its scope; an error end throws to the nearest catcher; message,
 * signal and escalation ends throw their event and then end the token; a compensation end ends it
 * once the handlers it ran have completed. Input mappings (signal and
 * message ends) are what the event sends; output mappings (not on error or terminate ends) set
 * variables before the token ends (mappings.ts).
 */
export const endEvent: ElementBehavior<EndEventNode> = {
  async activate(node, ctx) {
    const outcome = node.properties.outcome;
    const event = hasInputs(node) ? await withInputs(node, ctx) : ctx;
    switch (node.trigger?.type) {
      case 'terminate':
        return { terminate: { outcome } };
      case 'error':
      case 'escalation':
        await ctx.throwEvent(node.id, node.trigger);
        break;
      case 'message':
      case 'signal':
        await event.publish(node.id, node.trigger);
        break;
      case 'compensation':
        await ctx.compensate(node.trigger.activityRef);
        break;
      default:
        break;
    }
    if (hasOutputs(node)) await mapThrown(node, ctx, event);
    return { end: { outcome } };
  },
};
