import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { EventBasedGatewayNode, EventTrigger } from '../../graph/types';
import type { ElementBehavior, TriggerResult } from '../context';
import { mapReceived, mapsOutputs } from '../events/mappings';

/**
 * BPMN 2.0 §13.3.5: waits for whichever of the events after it happens first (a message, timer or
 * signal catch event, or a receive task); the others are withdrawn. The token leaves through the
 * event that happened, which is recorded as completed too.
 */
export const eventBasedGateway: ElementBehavior<EventBasedGatewayNode> = {
  async activate(node, ctx) {
    const race = new CancellationScope();
    let winner: { elementId: string; result: TriggerResult } | undefined;
    const waits = node.outgoing.map((flowId) => {
      const target = ctx.graph.elements[ctx.graph.flows[flowId].targetRef];
      const trigger = 'trigger' in target ? (target.trigger as EventTrigger | undefined) : undefined;
      if (!trigger) throw new Error(`engine bug: ${target.id} after event-based gateway ${node.id} has no trigger`);
      return race
        .run(() => ctx.waitForTrigger(target.id, trigger))
        .then((result) => {
          // Two events happening in the same workflow activation: the first wins; a message the
          // other wait had already taken from the inbox is dropped with it (rare; not re-buffered).
          if (!winner) {
            winner = { elementId: target.id, result };
            race.cancel();
          }
        })
        .catch((err: unknown) => {
          if (!(winner && isCancellation(err))) throw err;
        });
    });
    await Promise.all(waits);
    if (!winner) throw new Error(`engine bug: event-based gateway ${node.id} ended without an event`);
    const chosen = ctx.graph.elements[winner.elementId];
    // what the event delivered, or only what the catch event's output mappings map from it
    if (mapsOutputs(chosen)) await mapReceived(chosen, ctx, winner.result.variables);
    else ctx.mergeVariables(winner.result.variables);
    return { take: [...chosen.outgoing], alsoCompleted: [chosen.id] };
  },
};
