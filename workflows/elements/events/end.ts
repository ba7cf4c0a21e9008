import type { EndEventNode } from '../../graph/types';
import type { ElementBehavior } from '../context';

/** None end event: consumes the token; its `outcome` property becomes the application's outcome. */
export const endEvent: ElementBehavior<EndEventNode> = {
  async execute(node) {
    return { end: { outcome: node.properties.outcome } };
  },
};
