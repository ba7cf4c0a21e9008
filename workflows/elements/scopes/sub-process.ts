import type { SubProcessNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';

/**
 * Embedded sub-process: a new variable scope whose tokens start at its none start event; it
 * completes when no token is left inside (BPMN 2.0 §13.4.1). Its event sub-processes listen while
 * it runs; boundary events on it interrupt everything inside.
 */
export const subProcess: ElementBehavior<SubProcessNode> = {
  async activate(node, ctx) {
    await ctx.runSubProcess(node);
    return takeAll(node);
  },
};
