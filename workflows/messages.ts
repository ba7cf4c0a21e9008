/**
 * Every message the interpreter workflow accepts. The portal server imports these definitions
 * and nothing else from workflows/ to talk to a running application.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { InstanceState } from './state';

/** Who is acting, as established by the API server's authentication. */
export interface Actor {
  username: string;
  roles: string[];
  groups: string[];
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

export interface RetryIncidentArgs {
  incidentId: string;
  actor: Actor;
}

/** Completes an open user task; rejected before it reaches history when the actor or input is invalid. */
export const completeUserTaskUpdate = defineUpdate<CompleteUserTaskResult, [CompleteUserTaskArgs]>('completeUserTask');

/** Retries the failed service task behind an incident (administrators). */
export const retryIncidentUpdate = defineUpdate<{ incidentId: string }, [RetryIncidentArgs]>('retryIncident');

export const getStateQuery = defineQuery<InstanceState>('getState');
