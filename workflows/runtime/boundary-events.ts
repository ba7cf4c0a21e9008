/**
 * Boundary events around an activity (its loops, mappings and the element itself): timer, message,
 * signal and conditional boundary events listen while it runs; an interrupting one cancels the
 * activity and its token leaves through the boundary event, a non-interrupting one starts a token
 * of its own. Error and escalation boundary events catch through throws.ts.
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { Arrival, Continuation } from '../elements/context';
import { mapsOutputs } from '../elements/events/mappings';
import type { Variables } from '../expressions/feel';
import type { ActivityNode, BoundaryEventNode, ProcessGraph } from '../graph/types';
import type { CarriedToken } from '../state';
import type { Channels } from './channels';
import type { Scope } from './scope';
import { Interrupt } from './throws';
import { isWaitable, type ResumedWait, type Waits } from './waits';

/** A scope while it runs: its tokens' cancellation, and starting a new token in it. */
export interface ScopeRun {
  scope: Scope;
  cancellation: CancellationScope;
  spawn(elementId: string, viaFlow?: string, resume?: CarriedToken, payload?: Variables): void;
}

export interface BoundaryHost {
  readonly graph: ProcessGraph;
  readonly channels: Channels;
  readonly waits: Waits;
}

/**
 * What a catch event delivered: merged into `scope` now, or, when the event maps it with output
 * mappings, returned to be handed to the event's token (elements/events/mappings.ts).
 */
export function deliverPayload(graph: ProcessGraph, scope: Scope, eventId: string, payload: Variables): Variables | undefined {
  if (mapsOutputs(graph.elements[eventId])) return payload;
  scope.setVariables(payload);
  return undefined;
}

/** Runs `body` (the activity) with its boundary events listening. */
export async function runWithBoundaryEvents(host: BoundaryHost, node: ActivityNode, run: ScopeRun, arrival: Arrival, body: () => Promise<Continuation>): Promise<Continuation> {
  const { graph, channels, waits } = host;
  const boundaries = node.boundaryEventIds.map((id) => graph.elements[id]).filter((b): b is BoundaryEventNode => b.kind === 'boundaryEvent');
  if (boundaries.length === 0) return body();

  const activity = new CancellationScope();
  const listeners = new CancellationScope();
  let interruptedBy: { boundary: BoundaryEventNode; variables: Variables } | undefined;
  const listening = listeners.run(() =>
    Promise.all(
      boundaries
        .filter((b) => isWaitable(b.trigger))
        .map(async (boundary) => {
          const carried = arrival.resume?.boundaryTimers?.[boundary.id];
          const armedAt = carried?.armedAt ?? channels.now();
          // a message subscription kept open across the hand-over (a migrated token opens its own)
          let kept = arrival.resume?.reopen ? undefined : arrival.resume?.boundaryMessages?.[boundary.id];
          for (let fired = carried?.fired ?? 0; ; fired++) {
            waits.boundaryTimers.set(boundary.id, { fired, armedAt });
            const resumed: ResumedWait | undefined = kept ? { kind: 'message', ...kept } : undefined;
            kept = undefined;
            const result = await waits.waitForTrigger(run.scope, boundary.id, boundary.trigger, { fired, armedAt }, resumed);
            if (result === undefined) return;
            if (boundary.cancelActivity) {
              interruptedBy ??= { boundary, variables: result.variables };
              activity.cancel();
              return;
            }
            run.spawn(boundary.id, undefined, undefined, deliverPayload(graph, run.scope, boundary.id, result.variables));
          }
        }),
    ),
  );
  // observed in `finally`; an instance's cancellation rejects it while the task is still being
  // withdrawn (an unhandled rejection there fails the workflow task: withdrawal at a task with a
  // boundary timer, such as a fix request, never ended)
  listening.catch(() => undefined);
  if (arrival.resume?.reopen) waits.closeCarriedSubscriptions(Object.values(arrival.resume.boundaryMessages ?? {}));
  try {
    return await activity.run(body);
  } catch (err) {
    if (interruptedBy && isCancellation(err)) {
      const payload = deliverPayload(graph, run.scope, interruptedBy.boundary.id, interruptedBy.variables);
      return { goto: interruptedBy.boundary.id, interrupted: true, ...(payload ? { payload } : {}) };
    }
    if (err instanceof Interrupt && err.catcher.kind === 'boundary' && err.catcher.flowScope === run.scope.flowScope() && node.boundaryEventIds.includes(err.catcher.node.id)) {
      const payload = deliverPayload(graph, run.scope, err.catcher.node.id, err.variables);
      return { goto: err.catcher.node.id, interrupted: true, ...(payload ? { payload } : {}) };
    }
    throw err;
  } finally {
    listeners.cancel();
    await listening.catch(() => undefined);
    for (const boundary of boundaries) waits.boundaryTimers.delete(boundary.id);
  }
}
