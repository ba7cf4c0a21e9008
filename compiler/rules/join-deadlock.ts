import { describe, warning, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ModdleElement } from '../moddle';
import type { ProcessRule } from './rule';

const RULE = 'join-deadlock';

/**
 * A parallel join that waits for a token on every incoming flow can never fire when two of those
 * flows come, along plain paths, from different branches of one exclusive or event-based gateway:
 * only one of the branches is ever taken. Camunda 8 deploys such a model and the instance waits
 * forever, so this is a warning naming the join, its two flows and the gateway. A plain path: flow by
 * flow back through elements with one way in and one way out (no other split or merge in between).
 */
export const joinDeadlock: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const join of view.nodes.filter((n) => n.$type === 'bpmn:ParallelGateway' && view.incoming(n).length > 1)) {
      const origins = view.incoming(join).map((flow) => ({ flow, origin: choiceAbove(view, flow) }));
      const reported = new Set<ModdleElement>();
      for (let i = 0; i < origins.length; i++) {
        for (let j = i + 1; j < origins.length; j++) {
          const a = origins[i];
          const b = origins[j];
          if (!a.origin || a.origin.gateway !== b.origin?.gateway || a.origin.branch === b.origin.branch || reported.has(a.origin.gateway)) continue;
          reported.add(a.origin.gateway);
          problems.push(warning(RULE, join.id ?? view.id, `${describe(join)} waits for tokens on both ${a.flow.id} and ${b.flow.id}, but they come from different branches of ${describe(a.origin.gateway)}, which takes only one: the join can never fire`));
        }
      }
    }
    return problems;
  },
};

/** The exclusive or event-based gateway a flow comes from along a plain path, and the branch (its outgoing flow) it came by. */
function choiceAbove(view: Parameters<ProcessRule['check']>[0], flow: ModdleElement): { gateway: ModdleElement; branch: ModdleElement } | undefined {
  let current = flow;
  const seen = new Set<ModdleElement>();
  for (;;) {
    const source = current.sourceRef as ModdleElement | undefined;
    if (!source || seen.has(source)) return undefined;
    seen.add(source);
    const kind = supportedKind(source);
    if (kind === 'exclusiveGateway' || kind === 'eventBasedGateway') return view.outgoing(source).length > 1 ? { gateway: source, branch: current } : undefined;
    const incoming = view.incoming(source);
    if (incoming.length !== 1 || view.outgoing(source).length !== 1 || view.boundaryEvents(source).length > 0) return undefined;
    current = incoming[0];
  }
}
