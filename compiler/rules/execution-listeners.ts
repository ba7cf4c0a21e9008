import { describe, error, warning, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import { executionListeners, parseRetries } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'execution-listeners';

/**
 * zeebe:executionListeners on a flow node (runtime/execution-listeners.ts runs them): each listener
 * has eventType `start` or `end`, a fixed non-empty job type, positive retries and header keys. Start
 * listeners are refused on a joining parallel or inclusive gateway, where Camunda 8 runs them once for
 * the join and this engine would run them per arriving token. A type no handler runs is a warning,
 * as for service tasks. Listeners on the process itself are not supported yet (unsupported-extension).
 */
export const executionListenerRules: ProcessRule = {
  name: RULE,
  check(view, context) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      const kind = supportedKind(node);
      if (!kind) continue;
      const id = node.id ?? view.id;
      const report = (message: string) => problems.push(error(RULE, id, message));
      executionListeners(node).forEach(({ eventType, type, retries, headers }, index) => {
        const which = `execution listener ${index + 1} of ${describe(node)}`;
        if (eventType !== 'start' && eventType !== 'end') report(`${which} has eventType "${eventType ?? ''}"; use start or end`);
        const job = type?.trim() ?? '';
        if (job === '') report(`${which} has no job type`);
        else if (job.startsWith('=')) report(`${which} has a feel job type, which is not supported yet; use a fixed type`);
        else if (context.serviceTaskTypes && !context.serviceTaskTypes.has(job)) {
          problems.push(warning(RULE, id, `${which} names job type "${job}", which no handler of this engine runs: an instance would stop there with an incident`));
        }
        if (parseRetries(retries) === undefined) report(`${which} has retries "${retries}"; give a whole number from 1`);
        if (headers.some((h) => !h.key?.trim())) report(`${which} has a header without a key`);
        const joining = (kind === 'parallelGateway' || kind === 'inclusiveGateway') && view.incoming(node).length > 1;
        if (eventType === 'start' && joining) report(`${which} is a start listener on a joining gateway, which this engine would run once per arriving token; put it on the element after the join`);
      });
    }
    return problems;
  },
};
