/**
 * The BPMN message `payment-settled` (correlation key: the tracking number) that lets a waiting
 * instance go on to issue: published by the API once a fee is paid, and by `payment.request`
 * itself when there is nothing to pay. Its id makes it exactly once: the instance drops an id it has.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import { publishMessage } from '../messaging/correlation';

export const PAYMENT_SETTLED_MESSAGE = 'payment-settled';
/** Long enough for an instance that subscribes after the payment (buffered until then). */
const TIME_TO_LIVE_MS = 30 * 24 * 3_600_000;

/**
 * How long after a payment its message may be published again. An instance drops a message id it
 * has seen and carries the ids it has seen until their message expires (workflows/runtime/channels.ts),
 * so within the time to live a second publication of the same id is taken at most once; a day short
 * of it, so the first publication cannot have expired by the time the second arrives.
 */
export const REPUBLISH_WITHIN_MS = TIME_TO_LIVE_MS - 24 * 3_600_000;

export async function publishPaymentSettled(db: Db, client: Client, taskQueue: string, input: { id: string; trackingNumber: string; variables: Record<string, unknown> }): Promise<void> {
  await publishMessage(db, client, taskQueue, {
    messageId: `${PAYMENT_SETTLED_MESSAGE}:${input.id}`,
    name: PAYMENT_SETTLED_MESSAGE,
    correlationKey: input.trackingNumber,
    variables: input.variables,
    timeToLiveMs: TIME_TO_LIVE_MS,
  });
}
