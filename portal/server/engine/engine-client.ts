/**
 * The portal server's only door to Temporal: start an application's workflow, complete a task,
 * retry an incident, read live state. Workflow failures come back as EngineRejection.
 */
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  CompleteUserTaskArgs,
  CompleteUserTaskResult,
  RetryIncidentArgs,
  completeUserTaskUpdate,
  getStateQuery,
  ClaimTaskArgs,
  MigrateInstanceArgs,
  claimTaskUpdate,
  unclaimTaskUpdate,
  migrateInstanceUpdate,
  retryIncidentUpdate,
  advanceClockUpdate,
  type AdvanceClockArgs,
} from '../../../workflows/messages';
import type { InstanceState, ProcessInput } from '../../../workflows/state';
import type { FailureType } from '../../../workflows/errors';

export const PROCESS_WORKFLOW_TYPE = 'processWorkflow';

export class EngineRejection extends Error {
  constructor(readonly type: FailureType | string, message: string, readonly details?: unknown) {
    super(message);
  }
}

function rethrowAsRejection(err: unknown): never {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    throw new EngineRejection(err.cause.type ?? 'Rejected', err.cause.message, err.cause.details?.[0]);
  }
  if (err instanceof WorkflowNotFoundError || (err instanceof Error && /not found|already completed/i.test(err.message))) {
    throw new EngineRejection('NotFound', 'the application is no longer waiting for input');
  }
  throw err;
}

export interface EngineOptions {
  /** Start instances whose engine clock an administrator may move forward (demo and tests). */
  clockControl?: boolean;
}

export class EngineClient {
  constructor(private readonly client: Client, private readonly taskQueue: string, private readonly options: EngineOptions = {}) {}

  /** The Temporal client itself, for services that talk to many instances (message correlation). */
  get temporal(): Client {
    return this.client;
  }

  get queue(): string {
    return this.taskQueue;
  }

  /** Instances start with clock control: their engine clock, not the wall clock, is their time. */
  get clockControl(): boolean {
    return this.options.clockControl === true;
  }

  /** Idempotent: starting an application whose workflow already runs is a no-op. */
  async start(input: ProcessInput): Promise<void> {
    await this.client.workflow.start(PROCESS_WORKFLOW_TYPE, {
      workflowId: input.trackingNumber,
      taskQueue: this.taskQueue,
      args: [this.options.clockControl ? { ...input, clockControl: true } : input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }

  async completeTask(trackingNumber: string, args: CompleteUserTaskArgs): Promise<CompleteUserTaskResult> {
    try {
      return await this.client.workflow.getHandle(trackingNumber).executeUpdate(completeUserTaskUpdate, { args: [args] });
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  async claimTask(trackingNumber: string, args: ClaimTaskArgs, claim: boolean): Promise<void> {
    try {
      await this.client.workflow.getHandle(trackingNumber).executeUpdate(claim ? claimTaskUpdate : unclaimTaskUpdate, { args: [args] });
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  /** Asks the application's workflow to cancel: its tasks are withdrawn and its status recorded. */
  async cancel(trackingNumber: string): Promise<void> {
    try {
      await this.client.workflow.getHandle(trackingNumber).cancel();
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  async migrate(trackingNumber: string, args: MigrateInstanceArgs): Promise<void> {
    try {
      await this.client.workflow.getHandle(trackingNumber).executeUpdate(migrateInstanceUpdate, { args: [args] });
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  /** Moves the instance's engine clock forward (administrators; only instances started with clock control). */
  async advanceClock(trackingNumber: string, args: AdvanceClockArgs): Promise<{ clock: string }> {
    try {
      return await this.client.workflow.getHandle(trackingNumber).executeUpdate(advanceClockUpdate, { args: [args] });
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  async retryIncident(trackingNumber: string, args: RetryIncidentArgs): Promise<void> {
    try {
      await this.client.workflow.getHandle(trackingNumber).executeUpdate(retryIncidentUpdate, { args: [args] });
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  /** Live state of the instance, or undefined when Temporal no longer has it. */
  async state(trackingNumber: string): Promise<InstanceState | undefined> {
    try {
      return await this.client.workflow.getHandle(trackingNumber).query(getStateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }
}
