import type { IntermediateThrowEventNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';
import { hasInputs, hasOutputs, mapThrown, withInputs } from './mappings';

/**
 * Intermediate throw event: none (a milestone), message or signal (published), escalation (to the
 * nearest catcher; the token goes on unless an interrupting catcher takes it), link (jumps to the
 * catch event of the same name), compensation (the token goes on once the handlers have completed). Input mappings (signal and message throws) are what the event
 * sends; output mappings set variables once it has thrown (mappings.ts).
 */
export const intermediateThrowEvent: ElementBehavior<IntermediateThrowEventNode> = {
  async activate(node, ctx) {
    const trigger = node.trigger;
    const event = hasInputs(node) ? await withInputs(node, ctx) : ctx;
    switch (trigger?.type) {
      case 'message':
      case 'signal':
        await event.publish(node.id, trigger);
        break;
      case 'escalation':
        await ctx.throwEvent(node.id, trigger);
        break;
      case 'compensation':
        await ctx.compensate(trigger.activityRef);
        break;
      case 'link':
        if (!trigger.linkTarget) throw new Error(`engine bug: link ${node.id} without target passed the compiler`);
        if (hasOutputs(node)) await mapThrown(node, ctx, event);
        return { goto: trigger.linkTarget };
      default:
        break;
    }
    if (hasOutputs(node)) await mapThrown(node, ctx, event);
    return takeAll(node);
  },
};
