import type { StartEventNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';

/** None start event: the start data was validated against its form by the API before the start. */
export const startEvent: ElementBehavior<StartEventNode> = {
  async execute(node) {
    return takeAll(node);
  },
};
