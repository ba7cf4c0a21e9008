import { triggerType } from '../events';
import { child, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { supportedKind, type ProcessView } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'event-based-gateway';

const WAITING_TRIGGERS: ReadonlySet<string> = new Set(['message', 'timer', 'signal']);

/**
 * An event-based gateway waits for the first of the events after it, so it has at least two
 * outgoing flows and each leads straight to a message, timer or signal intermediate catch event or
 * a receive task that nothing else flows into.
 */
export const eventBasedGateway: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const gateway of view.nodes.filter((n) => supportedKind(n) === 'eventBasedGateway')) {
      for (const [id, message] of checkGateway(view, gateway)) problems.push(error(RULE, id ?? view.id, message));
    }
    return problems;
  },
};


// helpers //////////

function checkGateway(view: ProcessView, gateway: ModdleElement): Array<[string | undefined, string]> {
  const problems: Array<[string | undefined, string]> = [];
  const outgoing = view.outgoing(gateway);
  if (outgoing.length < 2) problems.push([gateway.id, `event-based gateway ${describe(gateway)} needs at least two outgoing flows, one per event it waits for`]);
  for (const flow of outgoing) {
    const target = child(flow, 'targetRef') as ModdleElement;
    if (!waitsForEvent(target)) {
      problems.push([flow.id, `${describe(flow)} leaves event-based gateway ${describe(gateway)} for ${describe(target)}; it must lead to a message, timer or signal intermediate catch event or a receive task`]);
    } else if (view.incoming(target).length !== 1) {
      problems.push([target.id, `${describe(target)} follows event-based gateway ${describe(gateway)} and must have no other incoming flow`]);
    }
  }
  return problems;
}

function waitsForEvent(node: ModdleElement): boolean {
  const kind = supportedKind(node);
  if (kind === 'receiveTask') return true;
  const trigger = triggerType(node);
  return kind === 'intermediateCatchEvent' && trigger !== undefined && WAITING_TRIGGERS.has(trigger);
}
