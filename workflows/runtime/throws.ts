/**
 * BPMN errors and escalations: finding the element that catches a throw (BPMN 2.0 §10.5.6) and
 * carrying an interrupting catch up the promise chain to the execution that handles it. Throws
 * that no element of a called process catches are thrown again at the caller's call activity
 * (errors when the child fails, escalations while it runs: escalations.ts).
 */
import type { BoundaryEventNode, EventTrigger, ProcessGraph, StartEventNode } from '../graph/types';
import type { Scope } from './scope';

export type ThrowTrigger = Extract<EventTrigger, { type: 'error' | 'escalation' }>;

export type Catcher =
  /** A boundary event on an activity; `flowScope` is where the activity's token lives. */
  | { kind: 'boundary'; node: BoundaryEventNode; flowScope: Scope; interrupting: boolean }
  /** An event sub-process of `scope` whose start event catches the throw. */
  | { kind: 'eventSubProcess'; eventSubProcessId: string; start: StartEventNode; scope: Scope; interrupting: boolean };

/** Thrown through the token promises up to the execution that owns the catcher. */
export class Interrupt extends Error {
  constructor(
    readonly catcher: Catcher,
    readonly thrown: ThrowTrigger,
    /** The element that threw. */
    readonly thrower: string,
    readonly variables: Record<string, unknown> = {},
  ) {
    super(`${thrown.type} ${codeOf(thrown) ?? ''} caught by ${catcher.kind === 'boundary' ? catcher.node.id : catcher.start.id}`);
    this.name = 'Interrupt';
  }
}

/** An error nobody catches: an incident at the throwing element (Camunda 8 does the same). */
export class UncaughtError extends Error {
  constructor(readonly elementId: string, readonly thrown: ThrowTrigger) {
    super(`${thrown.type} "${codeOf(thrown) ?? ''}" thrown by ${elementId} is not caught by any boundary or event sub-process`);
    this.name = 'UncaughtError';
  }
}

export function codeOf(trigger: ThrowTrigger): string | undefined {
  return trigger.type === 'error' ? trigger.errorCode : trigger.escalationCode;
}

function catches(catching: EventTrigger | undefined, thrown: ThrowTrigger): boolean {
  if (!catching || catching.type !== thrown.type) return false;
  const code = catching.type === 'error' ? catching.errorCode : catching.type === 'escalation' ? catching.escalationCode : undefined;
  return code === undefined || code === codeOf(thrown);
}

/**
 * The nearest catcher, searching outwards: the throwing activity's own boundary events (service
 * task or call activity errors), then for each enclosing scope its event sub-processes and, for a
 * sub-process, the boundary events on it. Specific codes are preferred to catch-alls at each level.
 */
export function findCatcher(graph: ProcessGraph, thrower: string, scope: Scope, thrown: ThrowTrigger): Catcher | undefined {
  const own = graph.elements[thrower];
  if (own && 'boundaryEventIds' in own) {
    const hit = boundaryCatcher(graph, own.boundaryEventIds, thrown, scope.flowScope());
    if (hit) return hit;
  }
  // an event sub-process's throw is not caught by its siblings (that could loop), only further out
  let fromEventSubProcess = false;
  for (const s of scope.chain()) {
    if (s.kind === 'instance' || s.kind === 'local') continue;
    const skipSiblings = fromEventSubProcess;
    fromEventSubProcess = s.kind === 'eventSubProcess';
    const entry = s.kind === 'process' ? graph : graph.elements[s.elementId];
    const eventSubProcessIds = 'eventSubProcessIds' in entry ? entry.eventSubProcessIds : [];
    const starts = eventSubProcessIds.flatMap((id) => {
      const esp = graph.elements[id];
      const start = 'startEventIds' in esp ? graph.elements[esp.startEventIds[0]] : undefined;
      return start?.kind === 'startEvent' && catches(start.trigger, thrown) ? [{ id, start }] : [];
    });
    const start = preferSpecific(starts, (c) => c.start.trigger);
    if (start && !skipSiblings) {
      return { kind: 'eventSubProcess', eventSubProcessId: start.id, start: start.start, scope: s, interrupting: start.start.interrupting };
    }
    if (s.kind === 'subProcess' && s.parent) {
      const host = graph.elements[s.elementId];
      const hit = 'boundaryEventIds' in host ? boundaryCatcher(graph, host.boundaryEventIds, thrown, s.parent.flowScope()) : undefined;
      if (hit) return hit;
    }
  }
  return undefined;
}

function boundaryCatcher(graph: ProcessGraph, ids: string[], thrown: ThrowTrigger, flowScope: Scope): Catcher | undefined {
  const candidates = ids.map((id) => graph.elements[id]).filter((n): n is BoundaryEventNode => n.kind === 'boundaryEvent' && catches(n.trigger, thrown));
  const node = preferSpecific(candidates, (n) => n.trigger);
  return node ? { kind: 'boundary', node, flowScope, interrupting: node.cancelActivity } : undefined;
}

function preferSpecific<T>(items: T[], trigger: (item: T) => EventTrigger | undefined): T | undefined {
  const specific = items.find((item) => {
    const t = trigger(item);
    return (t?.type === 'error' && t.errorCode !== undefined) || (t?.type === 'escalation' && t.escalationCode !== undefined);
  });
  return specific ?? items[0];
}
