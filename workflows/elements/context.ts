/** What an element behaviour may use while a token is on its element. */
import type { EngineActivities, InstanceRef } from '../activities-api';
import type { FlowNode, ProcessGraph } from '../graph/types';
import type { Variables } from '../expressions/feel';
import type { CompleteUserTaskResult } from '../messages';
import type { OpenTask } from '../state';

export interface UserTaskCompletion extends CompleteUserTaskResult {
  completedBy: string;
  completedByRole: string;
  values: Record<string, unknown>;
}

export interface ExecutionContext {
  readonly instance: InstanceRef;
  readonly graph: ProcessGraph;
  variables(): Variables;
  mergeVariables(values: Variables): void;
  /** 1 on the first arrival of a token at this element, 2 on the second, … */
  nextActivation(elementId: string): number;
  /** Activities with the engine's default retry policy, or `attempts` total attempts. */
  activities(attempts?: number): EngineActivities;
  /** Registers an open task and resolves when an authorised actor completes it. */
  waitForUserTask(task: OpenTask): Promise<UserTaskCompletion>;
  /** Runs fn; when it fails, raises an incident and waits for an operator retry, then runs it again. */
  withIncidents<T>(elementId: string, fn: () => Promise<T>): Promise<T>;
  /** Counts a token arriving at a joining gateway; true when this arrival makes it fire. */
  arriveAtJoin(gatewayId: string, viaFlow: string | undefined): boolean;
}

/** How the token reached the element (undefined for a start event). */
export interface Arrival {
  viaFlow?: string;
}

/** Where the token goes next; `take: []` means the token was consumed (e.g. waiting at a join). */
export type Continuation = { take: string[] } | { end: { outcome?: string } };

export interface ElementBehavior<N extends FlowNode = FlowNode> {
  execute(node: N, ctx: ExecutionContext, arrival: Arrival): Promise<Continuation>;
}

/** Every outgoing flow (a task or event without conditions passes its token on all of them). */
export function takeAll(node: FlowNode): Continuation {
  return { take: [...node.outgoing] };
}
