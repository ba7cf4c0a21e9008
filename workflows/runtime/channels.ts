/**
 * What reaches a running instance from outside besides task completions: messages (correlated by
 * name and key, buffered until their time to live runs out), broadcast signals, and the engine
 * clock that timers read (an administrator can move it forward where clock control is enabled).
 */
import type { Variables } from '../expressions/feel';

/** Set when an instance starts; what it receives from other instances must not replace them. */
export const INSTANCE_IDENTITY_VARIABLES = ['trackingNumber', 'applicant', 'applicantOrgId'] as const;

/** `variables` without the instance-identity ones (a sender's own tracking number, applicant…). */
function withoutIdentity(variables: Variables): Variables {
  const kept = { ...variables };
  for (const name of INSTANCE_IDENTITY_VARIABLES) delete kept[name];
  return kept;
}

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

/**
 * The messages a run hands to the next one (continue-as-new, migration): those delivered and not yet
 * taken, and the ids already seen with their expiry, so that the next run neither loses nor repeats one.
 */
export interface CarriedMessages {
  inbox: DeliveredMessage[];
  /** message id → epoch ms it expires (a re-delivery is dropped while the id is kept) */
  seen: Record<string, number>;
}

/** How long after its expiry a seen message id is still carried (a late re-publish of that id is dropped). */
const SEEN_AFTER_EXPIRY_MS = 24 * 60 * 60 * 1000;

export class Channels {
  private readonly inbox: DeliveredMessage[] = [];
  /** message id → when it expires */
  private readonly seenMessages = new Map<string, number>();
  private readonly seenSignals = new Set<string>();
  private readonly signalSubscriptions = new Set<SignalSubscription>();
  clockOffsetMs = 0;

  /** Engine time: workflow time plus any clock advance. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  deliverMessage(message: DeliveredMessage): void {
    if (this.seenMessages.has(message.messageId)) return; // at-least-once delivery upstream
    this.seenMessages.set(message.messageId, message.expiresAt);
    // a message without time to live still meets the subscriptions open when it arrives
    this.inbox.push({ ...message, variables: withoutIdentity(message.variables), expiresAt: Math.max(message.expiresAt, Date.now()) });
  }

  /** Whether a live message with this name and key waits in the inbox (read only). */
  hasMessage(name: string, correlationKey: string): boolean {
    const now = Date.now();
    return this.inbox.some((m) => m.name === name && m.correlationKey === correlationKey && m.expiresAt >= now);
  }

  /**
   * Removes and returns the oldest live message with this name and key. `arrivedSince`: also one
   * that expired, if it was live at that moment (a message without time to live that arrived while
   * the subscription was being opened met an open subscription).
   */
  takeMessage(name: string, correlationKey: string, arrivedSince?: number): DeliveredMessage | undefined {
    if (arrivedSince !== undefined) {
      const index = this.inbox.findIndex((m) => m.name === name && m.correlationKey === correlationKey && m.expiresAt >= arrivedSince);
      if (index >= 0) return this.inbox.splice(index, 1)[0];
    }
    this.dropExpired();
    const index = this.inbox.findIndex((m) => m.name === name && m.correlationKey === correlationKey);
    return index < 0 ? undefined : this.inbox.splice(index, 1)[0];
  }

  /**
   * What to hand to the next run: the live messages not yet taken, and the ids seen whose message
   * expired at most a day ago (older ones cannot come back from the store: they are no longer live).
   */
  carry(): CarriedMessages {
    // read only: asked from update validators and conditions too
    const now = Date.now();
    const seen: Record<string, number> = {};
    for (const [id, expiresAt] of this.seenMessages) if (expiresAt >= now - SEEN_AFTER_EXPIRY_MS) seen[id] = expiresAt;
    return { inbox: this.inbox.filter((m) => m.expiresAt >= now).map((m) => ({ ...m })), seen };
  }

  /**
   * Takes over what the previous run carried. A carried message arrived while a subscription was
   * open, so it stays available at least for this run's first activation (as at its arrival).
   */
  restore(carried: CarriedMessages): void {
    for (const [id, expiresAt] of Object.entries(carried.seen)) this.seenMessages.set(id, expiresAt);
    for (const message of carried.inbox) {
      this.seenMessages.set(message.messageId, message.expiresAt);
      this.inbox.push({ ...message, expiresAt: Math.max(message.expiresAt, Date.now()) });
    }
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
    const variables = withoutIdentity(signal.variables);
    for (const subscription of this.signalSubscriptions) {
      if (subscription.name === signal.name && !subscription.fired) subscription.fired = variables;
    }
  }

  private dropExpired(): void {
    const now = Date.now();
    for (let i = this.inbox.length - 1; i >= 0; i--) if (this.inbox[i].expiresAt < now) this.inbox.splice(i, 1);
  }
}
