/**
 * Message correlation and signal broadcast across instances (Camunda 8 semantics). Shared by the
 * activities (a model's send task or throw event) and the API (an external system publishing).
 *
 * A published message is stored until its time to live runs out and signalled to every instance
 * with an open subscription for its name and key; an instance that subscribes later reads the
 * stored live messages when it subscribes. Each side writes before it reads, so at least one of
 * them sees the other; instances drop a message id they already have.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import type { BufferedMessage, MessageSubscriptionInput } from '../../workflows/activities-api';
import type { DeliveredMessage, DeliveredSignal } from '../../workflows/runtime/channels';
import { startByEvent } from './start-by-event';

const DELIVER_MESSAGE = 'deliverMessage';
const DELIVER_SIGNAL = 'deliverSignal';
export const PROCESS_WORKFLOW_TYPE = 'processWorkflow';

export interface PublishRequest {
  messageId: string;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  timeToLiveMs: number;
}

/**
 * Correlates a message; when no instance waits for it, it starts the processes whose message start
 * event has its name (once per message id).
 */
export async function publishMessage(db: Db, client: Client, taskQueue: string, request: PublishRequest): Promise<{ correlatedTo: string[]; started: string[] }> {
  const expiresAt = Date.now() + request.timeToLiveMs;
  const existing = await db.publishedMessage.findUnique({ where: { id: request.messageId } });
  if (!existing) {
    await db.publishedMessage.create({
      data: {
        id: request.messageId,
        messageName: request.name,
        correlationKey: request.correlationKey,
        variables: JSON.stringify(request.variables),
        expiresAt: new Date(expiresAt),
      },
    });
  }
  const subscriptions = await db.messageSubscription.findMany({ where: { messageName: request.name, correlationKey: request.correlationKey } });
  const message: DeliveredMessage = { ...request, expiresAt: existing ? existing.expiresAt.getTime() : expiresAt };
  const workflowIds = [...new Set(subscriptions.map((s) => s.workflowId))];
  for (const workflowId of workflowIds) {
    await client.workflow.getHandle(workflowId).signal(DELIVER_MESSAGE, message).catch(() => undefined); // it may have just finished
  }
  const started = workflowIds.length === 0 ? await startByEvent(db, client, taskQueue, { trigger: 'message', name: request.name, eventId: request.messageId, variables: request.variables }) : [];
  return { correlatedTo: workflowIds, started };
}

export async function openSubscription(db: Db, input: MessageSubscriptionInput & { workflowId: string }): Promise<BufferedMessage[]> {
  const id = `${input.workflowId}:${input.subscriptionId}`;
  await db.messageSubscription.upsert({
    where: { id },
    create: { id, workflowId: input.workflowId, messageName: input.messageName, correlationKey: input.correlationKey },
    update: {},
  });
  const live = await db.publishedMessage.findMany({
    where: { messageName: input.messageName, correlationKey: input.correlationKey, expiresAt: { gte: new Date() } },
    orderBy: { publishedAt: 'asc' },
  });
  return live.map((m) => ({ messageId: m.id, name: m.messageName, correlationKey: m.correlationKey, variables: JSON.parse(m.variables) as Record<string, unknown>, expiresAt: m.expiresAt.getTime() }));
}

export async function closeSubscription(db: Db, workflowId: string, subscriptionId: string): Promise<void> {
  await db.messageSubscription.deleteMany({ where: { id: `${workflowId}:${subscriptionId}` } });
}

/**
 * Signals every running instance (those with an open subscription for the name catch it) and starts
 * the processes whose signal start event has the name.
 */
export async function broadcastSignal(db: Db, client: Client, taskQueue: string, signal: DeliveredSignal): Promise<{ delivered: number; started: string[] }> {
  let delivered = 0;
  // By workflow id, not run id: an instance that continued as new since it was listed (a hand-over)
  // gets the signal in its current run; each instance once, even if listed with two runs.
  const workflowIds = new Set<string>();
  for await (const execution of client.workflow.list({ query: `WorkflowType = '${PROCESS_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'` })) {
    workflowIds.add(execution.workflowId);
  }
  for (const workflowId of workflowIds) {
    await client.workflow.getHandle(workflowId).signal(DELIVER_SIGNAL, signal).then(
      () => delivered++,
      () => undefined,
    );
  }
  const started = await startByEvent(db, client, taskQueue, { trigger: 'signal', name: signal.name, eventId: signal.signalId, variables: signal.variables });
  return { delivered, started };
}
