/**
 * Every message the interpreter workflow accepts. The portal server imports these definitions
 * and nothing else from workflows/ to talk to a running application.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DeliveredMessage, DeliveredSignal } from './runtime/channels';
import type { InstanceState } from './state';

/** Who is acting, as established by the API server's authentication. */
export interface Actor {
  username: string;
  roles: string[];
  groups: string[];
  /**
   * A counter office's agent acting for a company: the username of the company's applicant whose
   * tasks (fix requests) the agent may complete. Set only by the API, after checking the company's
   * authorisation of the agent's office.
   */
  onBehalfOf?: string;
}

export interface CompleteUserTaskArgs {
  taskId: string;
  actor: Actor;
  values: Record<string, unknown>;
}

export interface CompleteUserTaskResult {
  taskId: string;
  elementId: string;
  completedAt: string;
}

export interface ClaimTaskArgs {
  taskId: string;
  actor: Actor;
}

export interface RetryIncidentArgs {
  incidentId: string;
  actor: Actor;
}

/** Completes an open user task; rejected before it reaches history when the actor or input is invalid. */
export const completeUserTaskUpdate = defineUpdate<CompleteUserTaskResult, [CompleteUserTaskArgs]>('completeUserTask');

/** A candidate takes an open task: it becomes theirs alone until they complete or unclaim it. */
export const claimTaskUpdate = defineUpdate<{ taskId: string; assignee: string }, [ClaimTaskArgs]>('claimTask');

/** The claimant (or an administrator) gives a claimed task back to its candidates. */
export const unclaimTaskUpdate = defineUpdate<{ taskId: string }, [ClaimTaskArgs]>('unclaimTask');

/** Retries the failed service task behind an incident (administrators). */
export const retryIncidentUpdate = defineUpdate<{ incidentId: string }, [RetryIncidentArgs]>('retryIncident');

export interface AdvanceClockArgs {
  /** Milliseconds to move the instance's clock forward (> 0). */
  byMs: number;
  actor: Actor;
}

/** Delivers a published message (correlated inside by name and key; buffered until it expires). */
export const deliverMessageSignal = defineSignal<[DeliveredMessage]>('deliverMessage');

/** Delivers a broadcast signal to the instance's open signal subscriptions. */
export const deliverSignalSignal = defineSignal<[DeliveredSignal]>('deliverSignal');

/**
 * A called instance tells its caller (the parent workflow) about an escalation none of its own
 * elements catches; the caller throws it again at the call activity (runtime/escalations.ts).
 */
export interface ChildEscalation {
  /** The called instance's workflow id (`<parent>.<call activity>-<n>`). */
  childWorkflowId: string;
  /** Names this throw in the called instance; the answer repeats it. */
  requestId: string;
  /** The element of the called process that threw. */
  elementId: string;
  escalationCode?: string;
}
export const childEscalationSignal = defineSignal<[ChildEscalation]>('childEscalation');

/**
 * The caller's answer to a ChildEscalation when it did not interrupt the call activity (nothing
 * caught it, or a non-interrupting catcher did): the throwing token goes on. An interrupting catcher
 * cancels the called instance instead of answering.
 */
export interface EscalationAnswer {
  requestId: string;
}
export const escalationAnsweredSignal = defineSignal<[EscalationAnswer]>('escalationAnswered');

/**
 * Moves the instance's engine clock forward, firing the timers that fall due (administrators, and
 * only where the instance was started with clock control: tests, demos and `npm run bpmn -- run`).
 */
export const advanceClockUpdate = defineUpdate<{ clock: string }, [AdvanceClockArgs]>('advanceClock');

export interface MigrateInstanceArgs {
  definition: { id: string; key: string; version: number; sha256: string };
  graph: import('./graph/types').ProcessGraph;
  /** Old element id → new element id, for every element where a token waits (same id when absent). */
  mapping: Record<string, string>;
  actor: Actor;
}

/**
 * Moves a waiting instance to another version of its process (administrators). Refused, before
 * anything is written to history, when a token would be left at an element the new version lacks.
 */
export const migrateInstanceUpdate = defineUpdate<{ version: number }, [MigrateInstanceArgs]>('migrateInstance');

export const getStateQuery = defineQuery<InstanceState>('getState');
