import type { ManualTaskNode } from '../graph/types';
import { ElementBehavior, takeAll } from './context';

/** Work done outside any system (a manual or abstract task): the engine records it and passes on. */
export const passThrough: ElementBehavior<ManualTaskNode> = {
  async activate(node) {
    return takeAll(node);
  },
};
