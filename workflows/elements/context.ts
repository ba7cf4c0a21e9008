/** What an element behaviour may use while a token is on its element. */
import type { EngineActivities, InstanceRef } from '../activities-api';
import type { AdHocSubProcessNode, EventTrigger, FlowNode, ProcessGraph } from '../graph/types';
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
  /** Activities with the engine's default retry policy, or `attempts` total attempts. */
  activities(attempts?: number): EngineActivities;
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

export interface ElementBehavior<N extends FlowNode = FlowNode> {
  execute(node: N, ctx: ExecutionContext, arrival: Arrival): Promise<Continuation>;
}

/** Every outgoing flow (a task or event without conditions passes its token on all of them). */
export function takeAll(node: FlowNode): Continuation {
  return { take: [...node.outgoing] };
}
