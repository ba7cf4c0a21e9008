import { child, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { isActivityKind, isConditionalGateway, supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'conditional-flows';

/**
 * Conditions are evaluated where flows leave an exclusive or inclusive gateway or an activity (an
 * activity's conditional flows: BPMN 2.0 §10.2.2, as Zeebe runs them); on a flow leaving an event
 * or another gateway they would be ignored.
 */
export const conditionalFlows: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const flow of view.flows) {
      const source = child(flow, 'sourceRef');
      if (!source || !child(flow, 'conditionExpression')) continue;
      // sources the engine cannot run are reported by unsupported-element
      if (supportedKind(source) && !isConditionalGateway(source) && !isActivity(source)) {
        problems.push(error(RULE, flow.id ?? view.id, `${describe(flow)} has a condition but starts at ${describe(source)}; only flows leaving an exclusive or inclusive gateway or an activity may have conditions`));
      }
    }
    return problems;
  },
};

/** An activity as drawn (a message event run by a job worker compiles like a service task, but is an event). */
function isActivity(node: ModdleElement): boolean {
  return isActivityKind(supportedKind(node)) && !node.$type.endsWith('Event');
}
