import type { IntermediateThrowEventNode, ManualTaskNode } from '../graph/types';
import { ElementBehavior, takeAll } from './context';

/**
 * Elements the engine records and passes straight on: a manual task (work done outside any system)
 * and a none intermediate throw event (a milestone).
 */
export const passThrough: ElementBehavior<ManualTaskNode | IntermediateThrowEventNode> = {
  async execute(node) {
    return takeAll(node);
  },
};
