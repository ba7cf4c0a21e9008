import type { BoundaryEventNode, StartEventNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';

/**
 * Start and boundary events: the token arrives once the event has already happened (the start form
 * was validated by the API; a message, timer or signal was caught by the scope or the activity
 * listening for it), so the element passes the token on.
 */
export const startEvent: ElementBehavior<StartEventNode | BoundaryEventNode> = {
  async execute(node) {
    return takeAll(node);
  },
};
