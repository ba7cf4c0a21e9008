import type { BoundaryEventNode, StartEventNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';
import { hasOutputs, mapReceived } from './mappings';

/**
 * Start and boundary events: the token arrives once the event has already happened (the start form
 * was validated by the API; a message, timer or signal was caught by the scope or the activity
 * listening for it, and what it carried merged into the variables), so the element passes the
 * token on. With output mappings, what the event carried was handed over unmerged (`payload`) and
 * only the values the outputs map from it are set.
 */
export const startEvent: ElementBehavior<StartEventNode | BoundaryEventNode> = {
  async activate(node, ctx, arrival) {
    if (hasOutputs(node)) await mapReceived(node, ctx, arrival.payload ?? {});
    return takeAll(node);
  },
};
