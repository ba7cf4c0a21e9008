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
import { AvailabilityOptions, EngineAvailability, EngineUnavailable, isUnreachableError, isWorkflowTaskFailing } from './engine-availability';

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
  /** How long a good answer of the server is trusted, and the probe's deadline. */
  availability?: AvailabilityOptions;
}

/**
 * Calls that are safe to cut short (a start is idempotent, a query changes nothing) get a deadline,
 * instead of the client's own retries for 20 s and more; updates do not: one cut short could still
 * take effect after the caller was told it failed.
 */
const SAFE_CALL_DEADLINE_MS = 5_000;

export class EngineClient {
  /** Asked before every call, so that a request learns within about a second that Temporal is down. */
  readonly availability: EngineAvailability;

  constructor(private readonly client: Client, private readonly taskQueue: string, private readonly options: EngineOptions = {}) {
    this.availability = new EngineAvailability((deadline) => client.connection.withDeadline(deadline, () => client.workflowService.getSystemInfo({})), options.availability);
  }

  /** Runs one call to Temporal: EngineUnavailable when the server is down, before or during the call. */
  private async call<T>(fn: () => Promise<T>, kind: 'safe' | 'change' = 'change'): Promise<T> {
    await this.availability.require();
    try {
      return kind === 'safe' ? await this.client.connection.withDeadline(Date.now() + SAFE_CALL_DEADLINE_MS, fn) : await fn();
    } catch (err) {
      if (isUnreachableError(err)) {
        this.availability.markDown();
        throw new EngineUnavailable(err, kind === 'change');
      }
      if (isWorkflowTaskFailing(err)) {
        throw new EngineUnavailable(err, false, 'the application\'s workflow is recovering from an interrupted step; nothing was changed, try again shortly');
      }
      throw err;
    }
  }

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
    await this.call(() => this.client.workflow.start(PROCESS_WORKFLOW_TYPE, {
      workflowId: input.trackingNumber,
      taskQueue: this.taskQueue,
      args: [this.options.clockControl ? { ...input, clockControl: true } : input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }), 'safe');
  }

  async completeTask(trackingNumber: string, args: CompleteUserTaskArgs): Promise<CompleteUserTaskResult> {
    try {
      return await this.call(() => this.client.workflow.getHandle(trackingNumber).executeUpdate(completeUserTaskUpdate, { args: [args] }));
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  async claimTask(trackingNumber: string, args: ClaimTaskArgs, claim: boolean): Promise<void> {
    try {
      await this.call(() => this.client.workflow.getHandle(trackingNumber).executeUpdate(claim ? claimTaskUpdate : unclaimTaskUpdate, { args: [args] }));
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  /** Asks the application's workflow to cancel: its tasks are withdrawn and its status recorded. */
  async cancel(trackingNumber: string): Promise<void> {
    try {
      await this.call(() => this.client.workflow.getHandle(trackingNumber).cancel());
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  async migrate(trackingNumber: string, args: MigrateInstanceArgs): Promise<void> {
    try {
      await this.call(() => this.client.workflow.getHandle(trackingNumber).executeUpdate(migrateInstanceUpdate, { args: [args] }));
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  /** Moves the instance's engine clock forward (administrators; only instances started with clock control). */
  async advanceClock(trackingNumber: string, args: AdvanceClockArgs): Promise<{ clock: string }> {
    try {
      return await this.call(() => this.client.workflow.getHandle(trackingNumber).executeUpdate(advanceClockUpdate, { args: [args] }));
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  async retryIncident(trackingNumber: string, args: RetryIncidentArgs): Promise<void> {
    try {
      await this.call(() => this.client.workflow.getHandle(trackingNumber).executeUpdate(retryIncidentUpdate, { args: [args] }));
    } catch (err) {
      rethrowAsRejection(err);
    }
  }

  /** Live state of the instance, or undefined when Temporal no longer has it. */
  async state(trackingNumber: string): Promise<InstanceState | undefined> {
    try {
      return await this.call(() => this.client.workflow.getHandle(trackingNumber).query(getStateQuery), 'safe');
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }
}
