/** The activities behind message and signal events; the workflow id of the caller is its tracking number. */
import { Context } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import type { BroadcastSignalInput, BufferedMessage, MessageSubscriptionInput, PublishMessageInput } from '../../workflows/activities-api';
import { broadcastSignal, closeSubscription, openSubscription, publishMessage } from './correlation';
import { startByEvent } from './start-by-event';

export function createMessagingActivities(db: Db) {
  return {
    async openMessageSubscription(input: MessageSubscriptionInput): Promise<BufferedMessage[]> {
      return openSubscription(db, { ...input, workflowId: workflowIdOfCaller() });
    },
    async closeMessageSubscription(input: MessageSubscriptionInput): Promise<void> {
      await closeSubscription(db, workflowIdOfCaller(), input.subscriptionId);
    },
    async publishMessage(input: PublishMessageInput): Promise<void> {
      await publishMessage(db, Context.current().client, Context.current().info.taskQueue, input);
    },
    async startByTimer(input: { processKey: string; startEventId: string; eventId: string }): Promise<string[]> {
      return startByEvent(db, Context.current().client, Context.current().info.taskQueue, { trigger: 'timer', name: input.startEventId, ...input, variables: {} });
    },
    async broadcastSignal(input: BroadcastSignalInput): Promise<void> {
      await broadcastSignal(db, Context.current().client, Context.current().info.taskQueue, { signalId: input.signalId, name: input.name, variables: input.variables });
    },
  };
}

function workflowIdOfCaller(): string {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw new Error('message activities run only for a workflow');
  return execution.workflowId;
}
