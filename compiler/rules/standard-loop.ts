import { expressionBody } from '../events';
import { child } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { isActivityKind, supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'standard-loop';

/**
 * A standard loop repeats its activity while loopCondition (FEEL; feel-syntax checks it) holds, at
 * most loopMaximum times (a positive whole number); with neither it would never stop.
 */
export const standardLoop: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes.filter((n) => isActivityKind(supportedKind(n)))) {
      const loop = child(node, 'loopCharacteristics');
      if (loop?.$type !== 'bpmn:StandardLoopCharacteristics') continue;
      const report = (message: string) => problems.push(error(RULE, node.id ?? view.id, message));
      const maximum = loop.loopMaximum;
      const hasCondition = (expressionBody(loop, 'loopCondition') ?? '').trim() !== '';
      if (maximum !== undefined && !(typeof maximum === 'number' && Number.isInteger(maximum) && maximum > 0)) {
        report(`the loopMaximum of ${describe(node)} must be a positive whole number`);
      }
      if (!hasCondition && maximum === undefined) report(`looping ${describe(node)} has neither a loopCondition nor a loopMaximum, so it would never stop`);
    }
    return problems;
  },
};
