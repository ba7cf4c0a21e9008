import type { IntermediateThrowEventNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';

/**
 * Intermediate throw event: none (a milestone), message or signal (published), escalation (to the
 * nearest catcher; the token goes on unless an interrupting catcher takes it), link (jumps to the
 * catch event of the same name).
 */
export const intermediateThrowEvent: ElementBehavior<IntermediateThrowEventNode> = {
  async execute(node, ctx) {
    const trigger = node.trigger;
    switch (trigger?.type) {
      case 'message':
      case 'signal':
        await ctx.publish(node.id, trigger);
        return takeAll(node);
      case 'escalation':
        await ctx.throwEvent(node.id, trigger);
        return takeAll(node);
      case 'link':
        if (!trigger.linkTarget) throw new Error(`engine bug: link ${node.id} without target passed the compiler`);
        return { goto: trigger.linkTarget };
      default:
        return takeAll(node);
    }
  },
};
