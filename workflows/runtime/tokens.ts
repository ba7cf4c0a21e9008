/**
 * Tokens and their scopes: moves tokens through the compiled graph element by element, runs a
 * scope until none is left in it, starts event sub-processes, and carries BPMN errors and
 * escalations to their catchers (throws.ts finds them). What happens at one element is its
 * lifecycle's (element-lifecycle.ts: activate, complete or terminate, the same for every kind) and
 * its behaviour's (workflows/elements/).
 */
import { ApplicationFailure, CancellationScope, condition, isCancellation, log } from '@temporalio/workflow';
import type { Continuation } from '../elements/context';
import type { Variables } from '../expressions/feel';
import type { ProcessGraph, ScopeEntry } from '../graph/types';
import type { CarriedToken } from '../state';
import { deliverPayload, type ScopeRun } from './boundary-events';
import { BPMN_ERROR_FAILURE } from './call-activities';
import { compensatedScope, takeCompensable, type Compensable } from './compensation';
import { activateElement, completeElement, leftByThrow, type LifecycleHost } from './element-lifecycle';
import type { Channels } from './channels';
import { inputValues, outputValues } from './io-mapping';
import { Joins } from './joins';
import type { Scope } from './scope';
import { codeOf, findCatcher, Interrupt, UncaughtError, type ThrowTrigger } from './throws';
import { isWaitable, type Waits } from './waits';

export interface TokenHost extends LifecycleHost {
  readonly graph: ProcessGraph;
  readonly root: Scope;
  readonly channels: Channels;
  readonly waits: Waits;
  /** The instance was called by another: an uncaught error fails it, an uncaught escalation goes to the caller. */
  readonly called: boolean;
  /** An end event of the process scope set the instance's outcome. */
  setOutcome(outcome: string): void;
  escalateToCaller(elementId: string, trigger: ThrowTrigger): Promise<void>;
}

export class Tokens {
  /** Where each moving or waiting token is, by token id. */
  readonly positions = new Map<number, { elementId: string; scope: Scope }>();
  readonly joins = new Joins();
  private readonly runs = new Map<Scope, ScopeRun>();
  private nextTokenId = 1;

  constructor(private readonly host: TokenHost) {}

  /** Scopes running now. */
  get scopeCount(): number {
    return this.runs.size;
  }

  /**
   * Runs a scope until no token is left in it: its start tokens, forks, non-interrupting boundary
   * and event sub-process tokens. Event sub-processes listen while it runs; an interrupting one
   * cancels the scope's tokens and then runs in their place. A throw caught further out cancels the
   * scope's tokens and travels on. `payload`: handed to the start tokens (Arrival.payload).
   */
  async runScope(scope: Scope, entry: ScopeEntry, starts: string[], resumed: CarriedToken[] = [], payload?: Variables, done?: () => boolean): Promise<void> {
    const cancellation = new CancellationScope();
    let interrupt: Interrupt | undefined;
    let failure: unknown;
    let interruptingEventSubProcess: { id: string; variables: Variables } | undefined;
    const run: ScopeRun = {
      scope,
      cancellation,
      spawn: (elementId, viaFlow, resume, delivered) => {
        scope.active++;
        cancellation
          .run(() => this.runToken(run, elementId, viaFlow, resume, delivered))
          .catch((err: unknown) => {
            if (err instanceof Interrupt && err.catcher.kind === 'eventSubProcess' && err.catcher.scope === scope) {
              interruptingEventSubProcess ??= { id: err.catcher.eventSubProcessId, variables: err.variables };
            } else if (err instanceof Interrupt) {
              interrupt ??= err;
            } else if (!isCancellation(err) || !cancellation.consideredCancelled) {
              failure ??= err;
            }
            cancellation.cancel();
          })
          .finally(() => scope.active--);
      },
    };
    this.runs.set(scope, run);
    const listeners = new CancellationScope();
    const listening = listeners.run(() =>
      this.listenForEventSubProcesses(run, entry, (id, variables) => {
        interruptingEventSubProcess ??= { id, variables };
        cancellation.cancel();
      }),
    );
    // observed in `finally`; an instance's cancellation may reject it long before (an unhandled
    // rejection there fails the workflow task, and the cancellation never ends)
    listening.catch(() => undefined);
    try {
      for (const start of starts) run.spawn(start, undefined, undefined, payload);
      for (const token of resumed) run.spawn(token.elementId, undefined, token);
      await condition(() => scope.active === 0 || (done?.() ?? false));
      if (scope.active > 0) {
        // an ad-hoc sub-process whose completion condition holds: the rest of its tokens are cancelled
        cancellation.cancel();
        await CancellationScope.nonCancellable(() => condition(() => scope.active === 0));
      }
    } catch (err) {
      // Cancelled from outside (the instance, or the token running this sub-process): the tokens are
      // cancelled with it. Leave only once each has wound down — withdrawn its task, ended its called
      // instance — so nothing outlives the instance (a child would be terminated, its tasks left open).
      if (isCancellation(err)) {
        await CancellationScope.nonCancellable(() => condition(() => scope.active === 0));
      }
      throw err;
    } finally {
      listeners.cancel();
      await listening.catch(() => undefined);
      this.runs.delete(scope);
    }
    if (failure !== undefined) throw failure;
    if (interrupt) throw interrupt;
    if (interruptingEventSubProcess) {
      await this.runEventSubProcess(scope, interruptingEventSubProcess.id, interruptingEventSubProcess.variables);
    }
  }

  private async runEventSubProcess(parent: Scope, eventSubProcessId: string, variables: Variables): Promise<void> {
    const { host } = this;
    const node = host.graph.elements[eventSubProcessId];
    if (node.kind !== 'eventSubProcess') throw new Error(`engine bug: ${eventSubProcessId} is not an event sub-process`);
    // zeebe:ioMapping: inputs are its scope's own variables; with outputs, only the mapped values leave it
    const inputs = node.inputs ?? [];
    const outputs = node.outputs ?? [];
    const locals = inputs.length > 0 ? await host.withIncidents(node.id, async () => inputValues(inputs, parent.view())) : {};
    const scope = host.newScope('eventSubProcess', node.id, parent, locals, outputs.length > 0);
    const start = node.startEventIds[0];
    const payload = deliverPayload(host.graph, scope, start, variables);
    await this.runScope(scope, node, [start], [], payload);
    if (outputs.length > 0) parent.setVariables(await host.withIncidents(node.id, async () => outputValues(outputs, scope.view(), parent.view())));
    host.record(node.id);
  }

  /** Arms the message, timer, signal and conditional start events of the scope's event sub-processes. */
  private async listenForEventSubProcesses(run: ScopeRun, entry: ScopeEntry, interrupt: (id: string, variables: Variables) => void): Promise<void> {
    const { graph, channels, waits } = this.host;
    const listeners = entry.eventSubProcessIds.flatMap((id) => {
      const esp = graph.elements[id];
      const start = 'startEventIds' in esp ? graph.elements[esp.startEventIds[0]] : undefined;
      if (start?.kind !== 'startEvent' || !start.trigger || !isWaitable(start.trigger)) return [];
      const trigger = start.trigger;
      return [
        (async () => {
          const armedAt = channels.now();
          for (let fired = 0; ; fired++) {
            const result = await waits.waitForTrigger(run.scope, start.id, trigger, { fired, armedAt });
            if (result === undefined) return;
            if (start.interrupting) return interrupt(id, result.variables);
            run.scope.active++;
            run.cancellation
              .run(() => this.runEventSubProcess(run.scope, id, result.variables))
              .catch((err: unknown) => {
                if (!isCancellation(err)) log.error('non-interrupting event sub-process failed', { id, err: String(err) });
              })
              .finally(() => run.scope.active--);
          }
        })(),
      ];
    });
    await Promise.all(listeners);
  }

  /** Moves one token from elementId until it is consumed (end event, join, fork into new tokens). */
  private async runToken(run: ScopeRun, elementId: string, viaFlow?: string, resume?: CarriedToken, delivered?: Variables): Promise<void> {
    const { host } = this;
    const { graph } = host;
    let current = elementId;
    let arrivedBy = viaFlow;
    let carried = resume;
    let payload = delivered;
    for (;;) {
      const node = graph.elements[current];
      const tokenId = this.nextTokenId++;
      this.positions.set(tokenId, { elementId: current, scope: run.scope });
      let next: Continuation;
      try {
        const arrival = { viaFlow: arrivedBy, ...(carried ? { resume: carried } : {}), ...(payload ? { payload } : {}) };
        carried = undefined;
        payload = undefined;
        next = await activateElement(host, node, run, arrival);
      } catch (err) {
        leftByThrow(host, node, err);
        throw err;
      } finally {
        this.positions.delete(tokenId);
      }
      const completing = completeElement(host, node, run.scope, next);
      // awaited only when completing waits for something (element-lifecycle.ts: no extra microtask turn)
      next = completing instanceof Promise ? await completing : completing;
      if ('end' in next || 'terminate' in next) {
        const end = 'end' in next ? next.end : next.terminate;
        if (end.outcome !== undefined && run.scope === host.root) host.setOutcome(end.outcome);
        if ('terminate' in next) {
          run.scope.terminated = true;
          run.cancellation.cancel();
        }
        return;
      }
      if ('goto' in next) {
        current = next.goto;
        arrivedBy = undefined;
        payload = next.payload;
        continue;
      }
      if (next.take.length === 1) {
        arrivedBy = next.take[0];
        current = graph.flows[arrivedBy].targetRef;
        continue;
      }
      for (const flowId of next.take) run.spawn(graph.flows[flowId].targetRef, flowId);
      return;
    }
  }

  /** Waits at a joining gateway (ExecutionContext.join). */
  join(scope: Scope, gatewayId: string, viaFlow: string | undefined): Promise<boolean> {
    return this.joins.join(this.host.graph.elements[gatewayId], scope.id, viaFlow, (id) => this.tokensAt(scope, id));
  }

  /** Tokens at an element of the scope (those parked at another join can still move on). */
  private tokensAt(scope: Scope, elementId: string): number {
    let n = 0;
    for (const p of this.positions.values()) if (p.scope.flowScope() === scope && p.elementId === elementId) n++;
    return n;
  }

  /**
   * A compensation throw in `scope`: takes what it compensates from the record (compensation.ts),
   * runs every handler at once and returns when all have completed.
   */
  compensate(scope: Scope, activityRef?: string): Promise<void> {
    const target = compensatedScope(scope);
    return this.runCompensation(target, takeCompensable(target, activityRef));
  }

  /** Each completion's handler in a scope of its own under `parent`; a sub-process's inner completions in a fresh scope of it. */
  private async runCompensation(parent: Scope, completions: Compensable[]): Promise<void> {
    const { host } = this;
    const entry: ScopeEntry = { startEventIds: [], eventSubProcessIds: [] };
    const running: Promise<void>[] = [];
    for (const completion of completions) {
      // a migrated instance may carry completions of elements its new version lacks
      if (completion.handlerId !== undefined && host.graph.elements[completion.handlerId]) {
        running.push(this.runScope(host.newScope('compensation', completion.handlerId, parent), entry, [completion.handlerId]));
      }
      if (completion.inner) running.push(this.runCompensation(host.newScope('compensation', completion.elementId, parent), [...completion.inner].reverse()));
    }
    await Promise.all(running);
  }

  /** Throws a BPMN error or escalation to the nearest catcher; returns when a non-interrupting one took it. */
  async throwEvent(scope: Scope, elementId: string, trigger: ThrowTrigger, variables: Variables = {}): Promise<void> {
    const { host } = this;
    const catcher = findCatcher(host.graph, elementId, scope, trigger);
    if (!catcher) {
      if (trigger.type === 'escalation') {
        // an uncaught escalation is not a failure (BPMN 2.0 §10.5.6); a called process hands it to its caller
        if (host.called) await host.escalateToCaller(elementId, trigger);
        return;
      }
      if (host.called) {
        throw ApplicationFailure.create({ type: BPMN_ERROR_FAILURE, message: `uncaught BPMN error "${codeOf(trigger) ?? ''}"`, nonRetryable: true, details: [{ code: codeOf(trigger), message: trigger.errorMessage }] });
      }
      await host.withIncidents(elementId, async () => {
        throw new UncaughtError(elementId, trigger);
      });
      return;
    }
    if (catcher.interrupting) throw new Interrupt(catcher, trigger, elementId, variables);
    if (catcher.kind === 'boundary') {
      const run = this.runs.get(catcher.flowScope);
      if (!run) throw new Error(`engine bug: no running scope for ${catcher.node.id}`);
      run.spawn(catcher.node.id);
      return;
    }
    const run = this.runs.get(catcher.scope);
    if (!run) throw new Error(`engine bug: no running scope for ${catcher.eventSubProcessId}`);
    catcher.scope.active++;
    run.cancellation
      .run(() => this.runEventSubProcess(catcher.scope, catcher.eventSubProcessId, variables))
      .catch(() => undefined)
      .finally(() => catcher.scope.active--);
  }
}
