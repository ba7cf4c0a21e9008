import type { AdHocSubProcessNode } from '../../graph/types';
import { evaluateFeel, type Variables } from '../../expressions/feel';
import { ElementBehavior, takeAll } from '../context';

/**
 * Ad-hoc sub-process (Camunda 8.7+): a new variable scope without a start event. The elements its
 * activeElementsCollection names (every startable element when it names none) start at once, each
 * running its own path; it completes when no token is left inside, or when its completion condition
 * holds (the remaining tokens cancelled when cancelRemainingInstances). A collection naming an element
 * that cannot be started is an incident.
 */
export const adHocSubProcess: ElementBehavior<AdHocSubProcessNode> = {
  async activate(node, ctx) {
    const starts = await ctx.withIncidents(node.id, async () => elementsToStart(node, ctx.variables()));
    await ctx.runAdHocSubProcess(node, starts);
    return takeAll(node);
  },
};

export function elementsToStart(node: AdHocSubProcessNode, variables: Variables): string[] {
  if (node.activeElements === undefined) return [...node.activatable];
  const value = evaluateFeel(node.activeElements, variables);
  const ids = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  const wrong = ids.filter((id) => typeof id !== 'string' || !node.activatable.includes(id));
  if (wrong.length > 0) {
    throw new Error(`the active elements of ad-hoc sub-process ${node.id} must be ids of its startable elements (${node.activatable.join(', ')}), not ${wrong.map((w) => JSON.stringify(w)).join(', ')}`);
  }
  return ids as string[];
}
