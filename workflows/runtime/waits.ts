/**
 * Waiting for events: timers, messages, signals and conditions, for catch events, boundary events,
 * receive tasks and event sub-process starts. Keeps every open wait (the queryable `waits`), the
 * waits a hand-over can carry, the waits carried from the previous run until their tokens wait
 * again, and the boundary timers armed now.
 */
import { CancellationScope, condition, log } from '@temporalio/workflow';
import type { EngineActivities, InstanceRef } from '../activities-api';
import type { TriggerResult } from '../elements/context';
import { conditionHolds, type Variables } from '../expressions/feel';
import type { EventTrigger } from '../graph/types';
import type { CarriedSubscription, CarriedToken, CarriedWait, WaitRecord } from '../state';
import type { Channels, SignalSubscription } from './channels';
import { messageAddress } from './publishing';
import type { Scope } from './scope';
import { computeDueAt } from './timer-due';

/** A wait a hand-over can carry, while it is open (by wait key). */
export interface CarriableWait {
  elementId: string;
  wait: CarriedWait;
  /** A signal wait's subscription: once fired, its token is about to move on (no hand-over then). */
  signal?: SignalSubscription;
  /** A message wait has taken its message and is about to move on (no hand-over then). */
  taken?: boolean;
}

/** A wait carried from the previous run, resumed by the token's first wait at its element. */
export type ResumedWait = CarriedWait & { reopen?: boolean };

/** How often a repeating catcher fired already and when it was armed (cycles count from then). */
export interface TimerTiming {
  fired: number;
  armedAt: number;
}

export interface WaitHost {
  readonly instance: InstanceRef;
  readonly channels: Channels;
  readonly recordKeeping: EngineActivities;
  nextActivation(key: string): number;
  withIncidents<T>(elementId: string, fn: () => Promise<T>): Promise<T>;
}

export function isWaitable(trigger: EventTrigger): boolean {
  return trigger.type === 'timer' || trigger.type === 'message' || trigger.type === 'signal' || trigger.type === 'conditional';
}

export class Waits {
  /** Every open wait, by wait key (calls and escalations too, runtime/call-activities.ts). */
  private readonly byKey = new Map<string, WaitRecord>();
  /** The open waits a hand-over can carry (timers, message and signal subscriptions), by wait key. */
  readonly carriable = new Map<string, CarriableWait>();
  /** Waits of the tokens carried from the previous run, by element id, until each token waits again. */
  private readonly resumedWaits = new Map<string, ResumedWait[]>();
  /** Boundary timers armed now, by boundary event id: carried into the next run with their task. */
  readonly boundaryTimers = new Map<string, TimerTiming>();

  constructor(private readonly host: WaitHost) {}

  /** Keeps the waits of the tokens carried from the previous run, for each token's first wait. */
  resume(tokens: CarriedToken[]): void {
    for (const token of tokens) {
      if (!token.wait) continue;
      const queue = this.resumedWaits.get(token.elementId) ?? [];
      this.resumedWaits.set(token.elementId, [...queue, { ...token.wait, ...(token.reopen ? { reopen: true } : {}) }]);
    }
  }

  /** The carried wait a resumed token takes up at its element (its first wait there), if any. */
  takeResumed(elementId: string): ResumedWait | undefined {
    const queue = this.resumedWaits.get(elementId);
    const wait = queue?.shift();
    if (queue?.length === 0) this.resumedWaits.delete(elementId);
    return wait;
  }

  /** Shows a wait that is not an event (a call, an escalation), until `close`. */
  show(key: string, record: WaitRecord): void {
    this.byKey.set(key, record);
  }

  close(key: string): void {
    this.byKey.delete(key);
  }

  /** The open waits, by wait key, in the order they opened. */
  entries(): IterableIterator<[string, WaitRecord]> {
    return this.byKey.entries();
  }

  records(): WaitRecord[] {
    return [...this.byKey.values()];
  }

  /**
   * Waits for a timer, message, signal or condition. Resolves with what the event delivered, or
   * undefined when the trigger can never fire again (a timer whose repetitions are used up).
   * `timing`: for a catcher that fires repeatedly (a cycle, a non-interrupting event), how often it
   * fired already and when it was armed; cycles count from that moment. `resumed`: the wait of a
   * token carried from the previous run (a timer keeps its due time, a message its subscription).
   */
  async waitForTrigger(scope: Scope, elementId: string, trigger: EventTrigger, timing?: TimerTiming, resumed?: ResumedWait): Promise<TriggerResult | undefined> {
    const { channels } = this.host;
    const kept = resumed?.kind === 'message' && !resumed.reopen && trigger.type === 'message';
    const key = kept ? resumed.subscriptionId : `${elementId}:${this.host.nextActivation(`wait:${elementId}`)}`;
    try {
      switch (trigger.type) {
        case 'timer': {
          const fired = timing?.fired ?? 0;
          const carried = resumed?.kind === 'timer' ? resumed : undefined;
          // a carried timer keeps its due time; a migrated one counts from when its token arrived
          const armedAt = carried?.armedAt ?? timing?.armedAt ?? channels.now();
          const dueAt =
            carried && !carried.reopen ? carried.dueAt : await this.host.withIncidents(elementId, () => computeDueAt(trigger.timer, scope.view(), this.host.recordKeeping, armedAt, fired));
          if (dueAt === undefined) return undefined;
          this.byKey.set(key, { kind: 'timer', elementId, dueAt: new Date(dueAt).toISOString() });
          this.carriable.set(key, { elementId, wait: { kind: 'timer', armedAt, dueAt } });
          while (channels.now() < dueAt) await condition(() => channels.now() >= dueAt, Math.max(1, dueAt - channels.now()));
          return { variables: {} };
        }
        case 'message':
          return await this.waitForMessage(scope, elementId, key, trigger, resumed?.kind === 'message' ? resumed : undefined);
        case 'signal': {
          const subscription = channels.subscribeSignal(trigger.signalName);
          this.byKey.set(key, { kind: 'signal', elementId, name: trigger.signalName });
          this.carriable.set(key, { elementId, wait: { kind: 'signal' }, signal: subscription });
          try {
            await condition(() => subscription.fired !== undefined);
            return { variables: subscription.fired ?? {} };
          } finally {
            channels.unsubscribeSignal(subscription);
          }
        }
        case 'conditional':
          this.byKey.set(key, { kind: 'condition', elementId, condition: trigger.condition });
          await condition(() => safeConditionHolds(trigger.condition, scope.view()));
          return { variables: {} };
        default:
          throw new Error(`engine bug: ${trigger.type} events are not waited for`);
      }
    } finally {
      this.byKey.delete(key);
      this.carriable.delete(key);
    }
  }

  /**
   * Waits for a message through a subscription in the database (publishers find it there). A
   * subscription carried from the previous run is still open: the wait goes on without opening it
   * again (what was published meanwhile was signalled to this workflow, or came in the carried inbox).
   * A migrated token opens its new element's subscription, then closes the old one.
   */
  private async waitForMessage(scope: Scope, elementId: string, key: string, trigger: Extract<EventTrigger, { type: 'message' }>, resumed?: Extract<ResumedWait, { kind: 'message' }>): Promise<TriggerResult> {
    const { channels, recordKeeping } = this.host;
    const kept = resumed !== undefined && !resumed.reopen;
    const { name, correlationKey } = kept
      ? { name: resumed.name, correlationKey: resumed.correlationKey }
      : await this.host.withIncidents(elementId, async () => messageAddress(trigger, scope.view()));
    const subscription = { ...this.host.instance, subscriptionId: key, elementId, messageName: name, correlationKey };
    this.byKey.set(key, { kind: 'message', elementId, name, correlationKey });
    const open: CarriableWait = { elementId, wait: { kind: 'message', subscriptionId: key, name, correlationKey } };
    this.carriable.set(key, open);
    const openedAt = Date.now();
    const buffered = kept ? [] : await CancellationScope.nonCancellable(() => recordKeeping.openMessageSubscription(subscription));
    if (resumed?.reopen) this.closeCarriedSubscriptions([resumed]);
    try {
      for (const message of buffered) channels.deliverMessage(message);
      // a message without time to live signalled while the subscription was being opened counts
      let message = channels.takeMessage(name, correlationKey, openedAt);
      if (!message) {
        await condition(() => {
          message = channels.takeMessage(name, correlationKey);
          // taken here, the message is no longer in the inbox: no hand-over until this token moved on
          open.taken = message !== undefined;
          return open.taken;
        });
      }
      return { variables: message!.variables };
    } finally {
      await CancellationScope.nonCancellable(() => recordKeeping.closeMessageSubscription(subscription));
    }
  }

  /** Closes message subscriptions a migrated token no longer needs (its new element opened its own). */
  closeCarriedSubscriptions(subscriptions: CarriedSubscription[]): void {
    for (const { subscriptionId, name, correlationKey } of subscriptions) {
      const closing = CancellationScope.nonCancellable(() =>
        this.host.recordKeeping.closeMessageSubscription({ ...this.host.instance, subscriptionId, elementId: subscriptionId.split(':')[0], messageName: name, correlationKey }),
      );
      closing.catch((err: unknown) => log.warn('a migrated message subscription could not be closed', { subscriptionId, err: String(err) }));
    }
  }
}

function safeConditionHolds(expression: string, variables: Variables): boolean {
  try {
    return conditionHolds(expression, variables);
  } catch {
    return false;
  }
}
