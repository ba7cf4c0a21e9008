/**
 * The hand-over to the next run (continue-as-new, migration): whether the instance is at a quiet
 * point, and the state it carries then (workflows/README.md, "Hand-overs"). The next run resumes the
 * carried tokens (Interpreter.run, Waits.resume).
 */
import { behaviorOf } from '../elements';
import type { CarriableKind } from '../elements/context';
import type { FlowNode, ProcessGraph } from '../graph/types';
import type { CarriedState, CarriedSubscription, CarriedToken, CarriedWait, IterationRecord, OpenTask, StepRecord } from '../state';
import { isActivity } from './activity-flows';
import type { Channels } from './channels';
import type { Compensable } from './compensation';
import type { Scope } from './scope';
import type { CarriableWait, Waits } from './waits';

/** What the snapshot reads of the running instance. */
export interface HandOverSource {
  readonly graph: ProcessGraph;
  readonly root: Scope;
  readonly channels: Channels;
  readonly waits: Waits;
  /** Where each token is. */
  readonly positions: Iterable<{ elementId: string; scope: Scope }>;
  readonly tokenCount: number;
  /** A token waits at a join. */
  readonly joinWaiting: boolean;
  /** Scopes running now (the process scope alone at a quiet point). */
  readonly scopeCount: number;
  readonly activations: Map<string, number>;
  readonly completed: StepRecord[];
  readonly takenFlows: string[];
  readonly iterations: IterationRecord[];
  readonly outcome: string | undefined;
  /** The process scope's record of completions that can be compensated. */
  readonly compensable: Compensable[];
}

/**
 * The state to continue as new with, when the instance is at a quiet point: every token of the
 * process scope waits at an open user task, a timer, message or signal catch event or a receive
 * task, without loops or mappings around it and with at most timer, message and signal boundary
 * events; every open wait belongs to one of them, no join waits,
 * no event sub-process listens, no event has fired that its token has not yet taken up.
 * Otherwise undefined.
 */
export function snapshotOf(source: HandOverSource, openTasks: OpenTask[], completers: Record<string, string[]>, clockOffsetMs: number): Omit<CarriedState, 'continuations'> | undefined {
  const { graph, waits } = source;
  if (source.joinWaiting) return undefined;
  if (graph.eventSubProcessIds.length > 0 || source.scopeCount !== 1) return undefined;
  // no token left: the process is ending, there is nothing to hand over
  if (source.tokenCount === 0) return undefined;
  // every open wait must belong to a carried token: its own, or one of its boundary events'
  const waitsAt = new Map<string, string[]>();
  for (const [key, wait] of waits.entries()) waitsAt.set(wait.elementId, [...(waitsAt.get(wait.elementId) ?? []), key]);
  const accounted = new Set<string>();
  const takeWait = (elementId: string): CarriableWait | 'none' | 'pending' => {
    const key = waitsAt.get(elementId)?.shift();
    if (key === undefined) return 'none';
    accounted.add(key);
    const open = waits.carriable.get(key);
    if (!open) return 'none';
    // An event that happened (or can be taken now) but whose token has not moved on yet: its token
    // would move on in the same activation, even after the hand-over was decided. Not quiet.
    return pending(open, source.channels) ? 'pending' : open;
  };
  const tokens: CarriedToken[] = [];
  const tasks = new Map(openTasks.map((t) => [t.elementId, [] as OpenTask[]]));
  for (const task of openTasks) tasks.get(task.elementId)!.push(task);
  const atElement = new Map<string, number>();
  let taskTokens = 0;
  for (const { elementId, scope } of source.positions) {
    const node = graph.elements[elementId];
    const kind = scope === source.root ? carriableKind(node, graph) : undefined;
    if (kind === undefined) return undefined;
    atElement.set(elementId, (atElement.get(elementId) ?? 0) + 1);
    const token: CarriedToken = { elementId };
    if (kind === 'userTask') {
      const task = tasks.get(elementId)?.shift();
      if (!task) return undefined;
      token.task = task;
      taskTokens++;
    } else {
      const own = takeWait(elementId);
      if (typeof own === 'string') return undefined;
      token.wait = own.wait;
    }
    const boundaryIds = isActivity(node) ? node.boundaryEventIds : [];
    // boundary waits are kept per element: two tokens at one element with boundary events cannot be told apart
    if (boundaryIds.length > 0 && atElement.get(elementId)! > 1) return undefined;
    const boundaryMessages: Record<string, CarriedSubscription> = {};
    for (const id of boundaryIds) {
      const boundary = graph.elements[id];
      if (boundary?.kind !== 'boundaryEvent' || boundary.trigger.type === 'compensation') continue;
      if (boundary.trigger.type === 'timer') {
        // its timing is carried below (a timer whose repetitions are used up waits no more)
        if (takeWait(id) === 'pending') return undefined;
        continue;
      }
      const open = takeWait(id);
      if (typeof open === 'string') return undefined;
      if (open.wait.kind === 'message') boundaryMessages[id] = subscriptionOf(open.wait);
    }
    if (boundaryIds.length > 0) {
      token.boundaryTimers = Object.fromEntries(boundaryIds.flatMap((id) => (waits.boundaryTimers.has(id) ? [[id, waits.boundaryTimers.get(id)!]] : [])));
    }
    if (Object.keys(boundaryMessages).length > 0) token.boundaryMessages = boundaryMessages;
    tokens.push(token);
  }
  if (openTasks.length !== taskTokens || [...waits.entries()].some(([key]) => !accounted.has(key))) return undefined;
  return {
    variables: { ...source.root.locals },
    tokens,
    activations: Object.fromEntries(source.activations),
    completed: [...source.completed],
    takenFlows: [...source.takenFlows],
    ...(source.iterations.length > 0 ? { iterations: [...source.iterations] } : {}),
    completers,
    clockOffsetMs,
    ...(source.outcome !== undefined ? { outcome: source.outcome } : {}),
    messages: source.channels.carry(),
    ...(source.compensable.length > 0 ? { compensation: [...source.compensable] } : {}),
  };
}

/** Whether the wait's event happened or can happen now without anything new arriving. */
function pending(open: CarriableWait, channels: Channels): boolean {
  if (open.taken || open.signal?.fired !== undefined) return true;
  if (open.wait.kind === 'timer') return channels.now() >= open.wait.dueAt;
  if (open.wait.kind === 'message') return channels.hasMessage(open.wait.name, open.wait.correlationKey);
  return false;
}

export type { CarriableKind };

/**
 * Where a carried token can wait: in the process scope, at an element whose behaviour carries it
 * (ElementBehavior.carriable: user and receive tasks without loops or mappings and with at most
 * timer, message and signal boundary events; timer, message and signal intermediate catch events).
 */
export function carriableKind(node: FlowNode | undefined, graph: ProcessGraph): CarriableKind | undefined {
  if (node === undefined || node.parent !== undefined) return undefined;
  return behaviorOf(node).carriable?.(node, graph);
}

function subscriptionOf(wait: Extract<CarriedWait, { kind: 'message' }>): CarriedSubscription {
  return { subscriptionId: wait.subscriptionId, name: wait.name, correlationKey: wait.correlationKey };
}
