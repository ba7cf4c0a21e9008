/**
 * The lifecycle of an element a token arrives at, the same for every kind (Zeebe's
 * BpmnElementProcessor steps, in an async interpreter); what one kind does is its behaviour's
 * (ElementBehavior, workflows/elements/), where the token goes between elements is tokens.ts's.
 *
 * 1. **activate** (`activateElement`): start execution listeners; for an activity, its boundary
 *    events listen (boundary-events.ts) around its loops (loops.ts) around its input/output mappings
 *    (io-mapping.ts) around each activation of the behaviour, which resolves when the element's
 *    work is done. An interrupting boundary event ends the activity there: the token leaves through
 *    the boundary event, the activity is not completed.
 * 2. **terminate** (`activateOnce`): a token cancelled while the behaviour runs terminates that
 *    activation: its behaviour withdraws what it opened (`terminate`), and only then does the
 *    cancellation travel on. Here, in one place, rather than in each behaviour.
 * 3. **complete** (`completeElement`): the flows an activity leaves by (their conditions), end
 *    execution listeners, and the records: the completed step, the flows taken, and what can be
 *    compensated.
 *
 * No step awaits what it need not wait for: an extra microtask turn can move this token's next
 * commands behind those of other tokens moving in the same workflow activation, a change of the
 * command sequence for running instances (replay catches it only where a history has such tokens).
 * Two steps take one turn more than the code before this module did: an element with start listeners,
 * and an activation whose behaviour has a `terminate` (a user task: the cancellation may only travel
 * on once the withdrawal has happened, so the lifecycle hands on a promise of its own).
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import { behaviorOf } from '../elements';
import type { Arrival, Continuation, ElementBehavior, ElementInstance, ExecutionContext } from '../elements/context';
import type { FlowNode } from '../graph/types';
import { hasConditionalFlows, isActivity, selectActivityFlows } from './activity-flows';
import { runWithBoundaryEvents, type BoundaryHost, type ScopeRun } from './boundary-events';
import { recordCompletion } from './compensation';
import { listenersOf, runExecutionListeners } from './execution-listeners';
import { runLoops, type LoopHost } from './loops';
import type { Scope } from './scope';
import { Interrupt } from './throws';

/** What the lifecycle needs of the engine. */
export interface LifecycleHost extends LoopHost, BoundaryHost {
  /** What an element behaviour sees of a token in `scope`. */
  context(scope: Scope): ExecutionContext;
  /** The element completed (the instance's history of steps). */
  record(elementId: string): void;
  /** A token took the sequence flow (the completed path on the diagram). */
  recordFlow(flowId: string): void;
}

/** What completing an element needs of the engine. */
export type CompletionHost = Pick<LifecycleHost, 'graph' | 'context' | 'record' | 'recordFlow'>;

/** Activates the element for a token of `run`; resolves when the element is done, with where the token goes next. */
export function activateElement(host: LifecycleHost, node: FlowNode, run: ScopeRun, arrival: Arrival): Promise<Continuation> {
  // start listeners do not run again for a token carried across a hand-over
  if (!arrival.resume && listenersOf(node, 'start').length > 0) return activateAfterStartListeners(host, node, run, arrival);
  return activateBehavior(host, node, run, arrival);
}

async function activateAfterStartListeners(host: LifecycleHost, node: FlowNode, run: ScopeRun, arrival: Arrival): Promise<Continuation> {
  await runExecutionListeners(node, 'start', host.context(run.scope));
  return await activateBehavior(host, node, run, arrival);
}

function activateBehavior(host: LifecycleHost, node: FlowNode, run: ScopeRun, arrival: Arrival): Promise<Continuation> {
  const behavior = behaviorOf(node);
  if (!isActivity(node)) return activateOnce(behavior, node, host.context(run.scope), arrival);
  return runWithBoundaryEvents(host, node, run, arrival, () => runLoops(host, node, run.scope, (scope) => activateOnce(behavior, node, host.context(scope), arrival)));
}

/** Handed to behaviours without a terminate step: nothing they could note is kept. */
const nothingToWithdraw: ElementInstance<unknown> = { opened: () => undefined, completing: () => undefined };

/**
 * One activation of the behaviour (an activity in a loop has one per iteration). A cancellation
 * before it is completing terminates it: what it opened is withdrawn, uncancellable, and the
 * activation rejects with the cancellation once that is done.
 */
function activateOnce(behavior: ElementBehavior<FlowNode, unknown>, node: FlowNode, ctx: ExecutionContext, arrival: Arrival): Promise<Continuation> {
  const { terminate } = behavior;
  if (!terminate) return behavior.activate(node, ctx, arrival, nothingToWithdraw);
  let open: { what: unknown } | undefined;
  const instance: ElementInstance<unknown> = {
    opened: (what) => void (open = { what }),
    completing: () => void (open = undefined),
  };
  return behavior.activate(node, ctx, arrival, instance).catch(async (err: unknown) => {
    const opened = open;
    if (opened && isCancellation(err)) await CancellationScope.nonCancellable(() => terminate.call(behavior, node, ctx, opened.what));
    throw err;
  });
}

/**
 * A throw left the element: a throw event whose event an interrupting catcher took has completed
 * (an activity whose error was caught has not).
 */
export function leftByThrow(host: CompletionHost, node: FlowNode, err: unknown): void {
  if (err instanceof Interrupt && err.thrower === node.id && !isActivity(node)) host.record(node.id);
}

/**
 * Completes the element the token leaves with `next`: chooses an activity's outgoing flows by
 * their conditions, runs end listeners and records the completion. A token consumed at a join
 * (waiting, not completed; an element without outgoing flows completes: an implicit end) or taken
 * away by an interrupting boundary event does not complete its element. Returns a promise only
 * when there is something to wait for (see the module comment).
 */
export function completeElement(host: CompletionHost, node: FlowNode, scope: Scope, next: Continuation): Continuation | Promise<Continuation> {
  if (choosesFlows(host, node, next) || (completes(node, next) && listenersOf(node, 'end').length > 0)) return completeAfterWaiting(host, node, scope, next);
  recordCompleted(host, node, scope, next);
  return next;
}

async function completeAfterWaiting(host: CompletionHost, node: FlowNode, scope: Scope, next: Continuation): Promise<Continuation> {
  if (isActivity(node) && 'take' in next && hasConditionalFlows(node, host.graph)) {
    const ctx = host.context(scope);
    next = { ...next, take: await ctx.withIncidents(node.id, async () => selectActivityFlows(node, host.graph, ctx.variables())) };
  }
  if (completes(node, next) && listenersOf(node, 'end').length > 0) await runExecutionListeners(node, 'end', host.context(scope));
  recordCompleted(host, node, scope, next);
  return next;
}

function choosesFlows(host: CompletionHost, node: FlowNode, next: Continuation): boolean {
  return isActivity(node) && 'take' in next && hasConditionalFlows(node, host.graph);
}

function completes(node: FlowNode, next: Continuation): boolean {
  const consumed = 'take' in next && next.take.length === 0 && node.outgoing.length > 0;
  const interrupted = 'goto' in next && next.interrupted === true;
  return !consumed && !interrupted;
}

function recordCompleted(host: CompletionHost, node: FlowNode, scope: Scope, next: Continuation): void {
  if (completes(node, next)) {
    host.record(node.id);
    if (isActivity(node)) recordCompletion(scope, node);
  }
  if (!('take' in next)) return;
  // the event an event-based gateway waited on, and the flow from the gateway to it
  for (const id of next.alsoCompleted ?? []) {
    const toEvent = node.outgoing.find((flowId) => host.graph.flows[flowId]?.targetRef === id);
    if (toEvent !== undefined) host.recordFlow(toEvent);
    host.record(id);
  }
  for (const flowId of next.take) host.recordFlow(flowId);
}
