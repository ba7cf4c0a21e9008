import { child, type ModdleElement } from './moddle';
import type { ProcessView } from './process-view';

/**
 * For each incoming flow of an inclusive gateway, the ids of the nodes (of the gateway's scope)
 * from which a token can still reach that flow without passing the gateway: the flow's source and
 * everything before it, walking predecessors backwards and stopping at the gateway. The runtime
 * joins once no token sits on any of these nodes. Ids are in document order.
 */
export function inclusiveUpstream(view: ProcessView, gateway: ModdleElement): Record<string, string[]> {
  const order = view.scopeOf(gateway).nodes;
  const upstream: Record<string, string[]> = {};
  for (const flow of view.incoming(gateway)) {
    const source = child(flow, 'sourceRef');
    if (!flow.id || !source) continue;
    const reached = walkBack(view, source, gateway);
    upstream[flow.id] = order.filter((n) => reached.has(n)).map((n) => n.id ?? '');
  }
  return upstream;
}


// helpers //////////

function walkBack(view: ProcessView, from: ModdleElement, gateway: ModdleElement): Set<ModdleElement> {
  const seen = new Set<ModdleElement>();
  if (from === gateway) return seen; // a flow from the gateway back into itself
  seen.add(from);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.pop() as ModdleElement;
    for (const previous of view.predecessors(node)) {
      if (previous === gateway || seen.has(previous)) continue;
      seen.add(previous);
      queue.push(previous);
    }
  }
  return seen;
}
