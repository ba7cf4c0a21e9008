/**
 * What reaches a running instance from outside besides task completions: messages (correlated by
 * name and key, buffered until their time to live runs out), broadcast signals, and the engine
 * clock that timers read (an administrator can move it forward where clock control is enabled).
 */
import type { Variables } from '../expressions/feel';

export interface DeliveredMessage {
  messageId: string;
  name: string;
  correlationKey: string;
  variables: Variables;
  /** Epoch ms (workflow time) after which the message is dropped; publish time + time to live. */
  expiresAt: number;
}

export interface DeliveredSignal {
  signalId: string;
  name: string;
  variables: Variables;
}

export interface SignalSubscription {
  name: string;
  fired?: Variables;
}

export class Channels {
  private readonly inbox: DeliveredMessage[] = [];
  private readonly seenMessages = new Set<string>();
  private readonly seenSignals = new Set<string>();
  private readonly signalSubscriptions = new Set<SignalSubscription>();
  clockOffsetMs = 0;

  /** Engine time: workflow time plus any clock advance. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  deliverMessage(message: DeliveredMessage): void {
    if (this.seenMessages.has(message.messageId)) return; // at-least-once delivery upstream
    this.seenMessages.add(message.messageId);
    // a message without time to live still meets the subscriptions open when it arrives
    this.inbox.push({ ...message, expiresAt: Math.max(message.expiresAt, Date.now()) });
  }

  /** Removes and returns the oldest live message with this name and key. */
  takeMessage(name: string, correlationKey: string): DeliveredMessage | undefined {
    this.dropExpired();
    const index = this.inbox.findIndex((m) => m.name === name && m.correlationKey === correlationKey);
    return index < 0 ? undefined : this.inbox.splice(index, 1)[0];
  }

  subscribeSignal(name: string): SignalSubscription {
    const subscription: SignalSubscription = { name };
    this.signalSubscriptions.add(subscription);
    return subscription;
  }

  unsubscribeSignal(subscription: SignalSubscription): void {
    this.signalSubscriptions.delete(subscription);
  }

  /** Signals are not buffered: only subscriptions open now catch it (BPMN 2.0 §10.5.1). */
  deliverSignal(signal: DeliveredSignal): void {
    if (this.seenSignals.has(signal.signalId)) return;
    this.seenSignals.add(signal.signalId);
    for (const subscription of this.signalSubscriptions) {
      if (subscription.name === signal.name && !subscription.fired) subscription.fired = signal.variables;
    }
  }

  private dropExpired(): void {
    const now = Date.now();
    for (let i = this.inbox.length - 1; i >= 0; i--) if (this.inbox[i].expiresAt < now) this.inbox.splice(i, 1);
  }
}
