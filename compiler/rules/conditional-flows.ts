import { child } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { isConditionalGateway, supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'conditional-flows';

/** Conditions are only evaluated by exclusive and inclusive gateways; on any other flow they would be ignored. */
export const conditionalFlows: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const flow of view.flows) {
      const source = child(flow, 'sourceRef');
      if (!source || !child(flow, 'conditionExpression')) continue;
      // sources the engine cannot run are reported by unsupported-element
      if (supportedKind(source) && !isConditionalGateway(source)) {
        problems.push(error(RULE, flow.id ?? view.id, `${describe(flow)} has a condition but starts at ${describe(source)}; only flows leaving an exclusive or inclusive gateway may have conditions`));
      }
    }
    return problems;
  },
};
