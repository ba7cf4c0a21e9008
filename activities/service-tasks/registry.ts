/**
 * Service-task handlers by zeebe:taskDefinition type. A model naming a type that has no handler
 * here gets a non-retryable failure, which the workflow turns into an incident.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { ServiceTaskInput, ServiceTaskResult } from '../../workflows/activities-api';

export const HEARTBEAT_INTERVAL_MS = 2_000;

export type ServiceTaskHandler = (input: ServiceTaskInput) => Promise<ServiceTaskResult>;

export function createServiceTaskRunner(handlers: Record<string, ServiceTaskHandler>) {
  return {
    async runServiceTask(input: ServiceTaskInput): Promise<ServiceTaskResult> {
      const handler = Object.prototype.hasOwnProperty.call(handlers, input.taskType) ? handlers[input.taskType] : undefined;
      if (!handler && input.stubUnknownTypes) return { variables: {} };
      if (!handler) {
        throw ApplicationFailure.nonRetryable(`no handler for service task type "${input.taskType}" (element ${input.elementId})`, 'UnknownTaskType');
      }
      // Heartbeats let Temporal notice a dead worker within the heartbeat timeout (seconds)
      // instead of the start-to-close timeout, however long the handler itself may take.
      const ctx = Context.current();
      const beat = setInterval(() => ctx.heartbeat(), HEARTBEAT_INTERVAL_MS);
      try {
        return await handler(input);
      } finally {
        clearInterval(beat);
      }
    },
  };
}
