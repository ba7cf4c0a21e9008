/** What an element behaviour may use while a token is on its element. */
import type { EngineActivities, InstanceRef } from '../activities-api';
import type { ActivityNode, AdHocSubProcessNode, EventTrigger, FlowNode, ProcessGraph } from '../graph/types';
import type { Variables } from '../expressions/feel';
import type { CompleteUserTaskResult } from '../messages';
import type { CarriedToken, OpenTask } from '../state';

export interface UserTaskCompletion extends CompleteUserTaskResult {
  completedBy: string;
  completedByRole: string;
  values: Record<string, unknown>;
}

/** What a caught event delivered (a message's variables; nothing for timers and conditions). */
export interface TriggerResult {
  variables: Variables;
}

export interface ExecutionContext {
  readonly instance: InstanceRef;
  readonly graph: ProcessGraph;
  /** Service tasks without a handler complete empty (an instance started to try a model out). */
  readonly stubServices: boolean;
  /** The variables visible to the token: its scope's own, then each enclosing scope's. */
  variables(): Variables;
  /** Sets each variable in the nearest scope that has it, else at process level (Camunda 8). */
  mergeVariables(values: Variables): void;
  /** The variables of the token's own scope only (e.g. an activity's input mappings). */
  localVariables(): Variables;
  /** 1 on the first arrival of a token at this element, 2 on the second, … */
  nextActivation(elementId: string): number;
  /**
   * Record keeping (the engine's default retry policy), or a service handler's activities with
   * `attempts` total attempts, run as local activities when `local` (ito:execution mode="local").
   */
  activities(attempts?: number, options?: { local?: boolean }): EngineActivities;
  /** Registers an open task and resolves when an authorised actor completes it. */
  waitForUserTask(task: OpenTask): Promise<UserTaskCompletion>;
  /** Runs fn; when it fails, raises an incident and waits for an operator retry, then runs it again. */
  withIncidents<T>(elementId: string, fn: () => Promise<T>): Promise<T>;
  /** Waits (durably, cancellably) until the trigger of a catching element fires. */
  waitForTrigger(elementId: string, trigger: EventTrigger): Promise<TriggerResult>;
  /**
   * Waits at a joining gateway; resolves true when this token passes the join, false when the
   * token was consumed by the join firing for another one.
   */
  join(gatewayId: string, viaFlow: string | undefined): Promise<boolean>;
  /** Throws a BPMN error or escalation to the nearest catcher; returns when a non-interrupting one took it. */
  throwEvent(elementId: string, trigger: Extract<EventTrigger, { type: 'error' | 'escalation' }>): Promise<void>;
  /**
   * A compensation throw: runs the handlers of the completed activities of the token's scope (or
   * of `activityRef` only) and resolves when all have completed (runtime/compensation.ts).
   */
  compensate(activityRef?: string): Promise<void>;
  /**
   * Publishes a message (with the variables the token sees) or broadcasts a signal (with the local
   * variables of a context from `withLocals` for that element, else none).
   */
  publish(elementId: string, trigger: Extract<EventTrigger, { type: 'message' | 'signal' }>): Promise<void>;
  /**
   * The same token in a new local scope of the element holding `locals` (an event's input
   * mappings): reads see them over the token's variables. Write through the original context.
   */
  withLocals(elementId: string, locals: Variables): ExecutionContext;
  /** Runs the tokens of an embedded sub-process scope to completion. */
  runSubProcess(node: FlowNode & { startEventIds: string[] }): Promise<void>;
  /** Runs an ad-hoc sub-process scope from `starts` until no token is left or its completion condition holds. */
  runAdHocSubProcess(node: AdHocSubProcessNode, starts: string[]): Promise<void>;
  /** Runs another deployed process as a child workflow and returns its final variables. */
  callProcess(elementId: string, processId: string, variables: Variables): Promise<Variables>;
}

/** How the token reached the element (undefined for a start event). */
export interface Arrival {
  viaFlow?: string;
  /** The token was carried over from an earlier run and already waits at this task. */
  resume?: CarriedToken;
  /**
   * What the event that started this token delivered (a message's or signal's variables), handed
   * over unmerged because the start or boundary event maps it with output mappings.
   */
  payload?: Variables;
}

/**
 * Where the token goes next: `take` the flows (`[]`: the token was consumed, e.g. at a join),
 * `end` (outcome property of an end event), `terminate` the scope, or `goto` an element (links).
 * `alsoCompleted` lists elements completed on the way (the event an event-based gateway waited on).
 */
export type Continuation =
  | { take: string[]; alsoCompleted?: string[] }
  | { end: { outcome?: string } }
  | { terminate: { outcome?: string } }
  /**
   * `interrupted`: the element was left through an interrupting boundary event, not completed;
   * `payload`: what that event delivered, for its output mappings (see Arrival.payload).
   */
  | { goto: string; interrupted?: boolean; payload?: Variables };

/** The kinds of wait a token can be carried at into the next run; a migration maps a token only to the same kind. */
export type CarriableKind = 'userTask' | 'receiveTask' | 'timerCatch' | 'messageCatch' | 'signalCatch';

/**
 * One activation of an element (Zeebe's element instance), as its behaviour reports on it:
 * `opened` notes what the activation opened that a termination must withdraw (a user task record);
 * `completing` says its work is done and it is completing (closing what it opened itself), from
 * when a cancellation of its token no longer terminates it.
 */
export interface ElementInstance<Opened> {
  opened(what: Opened): void;
  completing(): void;
}

/**
 * An element's lifecycle (runtime/element-lifecycle.ts drives it, the same for every kind):
 *
 * - `activate`: the element is activated for an arriving token and resolves when it has completed,
 *   with where the token goes next. Element-specific completion work (merging what a task returned,
 *   closing its record) is its last step; what every element does on completing (conditions on
 *   the flows out of an activity, end listeners, the record of completed steps) is the lifecycle's.
 * - `terminate`: the token was cancelled while the element was active (an interrupting boundary
 *   event or event sub-process, a terminate end, an error caught further out, a cancelled instance):
 *   withdraws what the activation `opened`, uncancellable; the cancellation travels on once it has.
 *   Waits for timers, messages and signals, and child workflows, are withdrawn by the runtime that
 *   opened them (runtime/waits.ts, runtime/call-activities.ts), so their elements need none.
 * - `carriable`: whether a token waiting at the element can be carried across a hand-over
 *   (continue-as-new, migration), and as which kind of wait; absent or undefined, the instance is
 *   at no quiet point while a token is here.
 */
export interface ElementBehavior<N extends FlowNode = FlowNode, Opened = never> {
  activate(node: N, ctx: ExecutionContext, arrival: Arrival, instance: ElementInstance<Opened>): Promise<Continuation>;
  terminate?(node: N, ctx: ExecutionContext, opened: Opened): Promise<void>;
  carriable?(node: N, graph: ProcessGraph): CarriableKind | undefined;
}

/**
 * A task a token can be carried at: without loops or mappings, and with at most timer, message and
 * signal boundary events (their waits are carried with the token).
 */
export function carriesPlainly(node: ActivityNode, graph: ProcessGraph): boolean {
  if (node.multiInstance || node.loop || node.inputs.length > 0 || node.outputs.length > 0) return false;
  // a compensation boundary event waits for nothing: the record of completions is carried instead
  const carried = ['timer', 'message', 'signal', 'compensation'];
  return node.boundaryEventIds.every((id) => {
    const boundary = graph.elements[id];
    return boundary?.kind === 'boundaryEvent' && carried.includes(boundary.trigger.type);
  });
}

/** Every outgoing flow (a task or event without conditions passes its token on all of them). */
export function takeAll(node: FlowNode): Continuation {
  return { take: [...node.outgoing] };
}
