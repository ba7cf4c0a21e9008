/**
 * Service-task handlers by zeebe:taskDefinition type. A model naming a type that has no handler
 * here gets a non-retryable failure, which the workflow turns into an incident.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { ServiceTaskInput, ServiceTaskResult } from '../../workflows/activities-api';
import { isDatabaseClientDown } from '../../prisma/database-down';

export const HEARTBEAT_INTERVAL_MS = 2_000;

/**
 * How long one attempt waits for an unreachable database before the failure counts: a local
 * activity must end within its one-minute start-to-close timeout, a normal one has ten.
 */
export const DATABASE_WAIT_MS = { local: 40_000, normal: 5 * 60_000 };

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
      // instead of the start-to-close timeout, however long the handler itself may take. A local
      // activity (ito:execution local) has none: its worker's workflow task times out instead.
      const ctx = Context.current();
      const beat = ctx.info.isLocal ? undefined : setInterval(() => ctx.heartbeat(), HEARTBEAT_INTERVAL_MS);
      const waitUntil = Date.now() + (ctx.info.isLocal ? DATABASE_WAIT_MS.local : DATABASE_WAIT_MS.normal);
      try {
        for (let pause = 1_000; ; pause = Math.min(pause * 2, 8_000)) {
          try {
            return await handler(input);
          } catch (err) {
            // The product's own database being down (restarted, failed over) is not this task
            // failing: the model's few retries (seconds apart) would run out within a short outage
            // and leave an incident for an operator. The attempt waits and runs the handler again.
            if (!isDatabaseClientDown(err) || Date.now() + pause > waitUntil) throw err;
            ctx.log.warn('the database is unreachable; the service task waits for it', { elementId: input.elementId, taskType: input.taskType, retryInMs: pause });
            await ctx.sleep(pause);
          }
        }
      } finally {
        clearInterval(beat);
      }
    },
  };
}
