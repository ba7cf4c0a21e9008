import { child, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { isConditionalGateway, type ProcessView } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'gateway-conditions';

/**
 * An exclusive or inclusive gateway that branches needs a condition on every outgoing flow except
 * the default one, and the default flow, which is taken when no condition holds, carries no condition.
 */
export const gatewayConditions: ProcessRule = {
  name: RULE,
  check(view) {
    return view.nodes.filter(isConditionalGateway).flatMap((gateway) => checkGateway(view, gateway));
  },
};


// helpers //////////

function checkGateway(view: ProcessView, gateway: ModdleElement): Problem[] {
  const problems: Problem[] = [];
  const outgoing = view.outgoing(gateway);
  const defaultFlow = child(gateway, 'default');
  if (defaultFlow && !outgoing.includes(defaultFlow)) {
    problems.push(error(RULE, gateway.id ?? view.id, `default flow ${describe(defaultFlow)} of ${describe(gateway)} is not one of its outgoing flows`));
  }
  if (defaultFlow && child(defaultFlow, 'conditionExpression')) {
    problems.push(error(RULE, defaultFlow.id ?? view.id, `${describe(defaultFlow)} is the default flow of ${describe(gateway)} and must not have a condition`));
  }
  if (outgoing.length > 1) {
    for (const flow of outgoing) {
      if (flow !== defaultFlow && !child(flow, 'conditionExpression')) {
        problems.push(error(RULE, flow.id ?? view.id, `${describe(flow)} leaves ${describe(gateway)} without a condition; add a condition or make it the default flow`));
      }
    }
  }
  return problems;
}
