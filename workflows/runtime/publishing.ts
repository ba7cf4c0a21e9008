/**
 * Message and signal throw events (and send tasks) publishing: a message goes to the store, where
 * subscriptions correlate it by name and key; a signal is broadcast to every subscriber.
 */
import type { EngineActivities, InstanceRef } from '../activities-api';
import { resolveValue, type Variables } from '../expressions/feel';
import type { EventTrigger } from '../graph/types';
import { durationMsFrom } from '../timers/iso8601';
import type { Scope } from './scope';

export interface PublishHost {
  readonly instance: InstanceRef;
  readonly recordKeeping: EngineActivities;
  nextActivation(key: string): number;
  withIncidents<T>(elementId: string, fn: () => Promise<T>): Promise<T>;
}

export async function publish(host: PublishHost, scope: Scope, elementId: string, trigger: Extract<EventTrigger, { type: 'message' | 'signal' }>): Promise<void> {
  const activation = host.nextActivation(`publish:${elementId}`);
  const id = `${host.instance.trackingNumber}:${elementId}:${activation}`;
  if (trigger.type === 'signal') {
    // Camunda 8: a signal carries the throw event's local variables (its input mappings)
    const variables = scope.kind === 'local' && scope.elementId === elementId ? { ...scope.locals } : {};
    await host.recordKeeping.broadcastSignal({ ...host.instance, elementId, signalId: id, name: trigger.signalName, variables });
    return;
  }
  const message = await host.withIncidents(elementId, async () => messageAddress(trigger, scope.view()));
  const timeToLiveMs = trigger.timeToLive ? await host.withIncidents(elementId, async () => durationMs(trigger.timeToLive!)) : 0;
  await host.recordKeeping.publishMessage({ ...host.instance, elementId, messageId: id, ...message, variables: scope.view(), timeToLiveMs });
}

/** A message's name and correlation key, evaluated against the token's variables (publisher and subscriber alike). */
export function messageAddress(trigger: Extract<EventTrigger, { type: 'message' }>, variables: Variables): { name: string; correlationKey: string } {
  return {
    name: String(resolveValue(trigger.messageName, variables)),
    correlationKey: trigger.correlationKey ? stringKey(resolveValue(trigger.correlationKey, variables)) : '',
  };
}

function stringKey(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** A message's time to live (an ISO 8601 duration) in milliseconds from now. */
function durationMs(text: string): number {
  const parsed = durationMsFrom(new Date(), text);
  if (!parsed.ok) throw new Error(`time to live: ${parsed.message}`);
  return parsed.value;
}
