import { definitionType, eventDefinition, expressionBody } from '../events';
import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'conditional-events';

/** A conditional event has a condition (feel-syntax checks that it is FEEL and parses). */
export const conditionalEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      const definition = eventDefinition(node);
      if (!supportedKind(node) || !definition || definitionType(definition) !== 'conditional') continue;
      if (!expressionBody(definition, 'condition')?.trim()) {
        problems.push(error(RULE, node.id ?? view.id, `conditional event ${describe(node)} has no condition`));
      }
    }
    return problems;
  },
};
