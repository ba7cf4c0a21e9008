import type { ModdleElement } from './moddle';

/** Nodes reachable from `from` by following `next` (iterative, so deep graphs cannot overflow). */
export function walk(from: ModdleElement[], next: (node: ModdleElement) => ModdleElement[]): Set<ModdleElement> {
  const seen = new Set<ModdleElement>(from);
  const queue = [...from];
  while (queue.length > 0) {
    const node = queue.pop() as ModdleElement;
    for (const neighbour of next(node)) {
      if (!seen.has(neighbour)) {
        seen.add(neighbour);
        queue.push(neighbour);
      }
    }
  }
  return seen;
}

