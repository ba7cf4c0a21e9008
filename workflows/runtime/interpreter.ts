/**
 * The token machine: moves tokens through a compiled graph, scope by scope. Element behaviours
 * (workflows/elements/) decide what one element does; this module decides where tokens go, how
 * scopes start, wait for their tokens and end, how boundary events and event sub-processes
 * interrupt, and how errors and escalations travel to their catchers.
 *
 * Deterministic workflow code: every side effect goes through the activities in `hooks`.
 */
import { ApplicationFailure, CancellationScope, ParentClosePolicy, condition, executeChild, getExternalWorkflowHandle, isCancellation, log, workflowInfo } from '@temporalio/workflow';
import type { EngineActivities, InstanceRef } from '../activities-api';
import { behaviorOf } from '../elements';
import { mapsOutputs } from '../elements/events/mappings';
import type { Arrival, Continuation, ExecutionContext, TriggerResult, UserTaskCompletion } from '../elements/context';
import { conditionHolds, resolveValue, type Variables } from '../expressions/feel';
import type { ActivityNode, BoundaryEventNode, EventTrigger, FlowNode, ProcessGraph, ScopeEntry } from '../graph/types';
import { childEscalationSignal, escalationAnsweredSignal, type ChildEscalation, type EscalationAnswer } from '../messages';
import type { CarriedState, CarriedSubscription, CarriedToken, CarriedWait, Incident, OpenTask, ProcessInput, StepRecord, WaitRecord } from '../state';
import type { Channels, SignalSubscription } from './channels';
import { inclusiveJoinReady, JoinQueue, parallelJoinReady } from './joins';
import { inputValues, outputValues, runLoops } from './loops';
import { hasConditionalFlows, selectActivityFlows } from './activity-flows';
import { ChildEscalationInbox } from './escalations';
import { Scope, type ScopeKind } from './scope';
import { codeOf, findCatcher, Interrupt, UncaughtError, type ThrowTrigger } from './throws';
import { durationMsFrom } from '../timers/iso8601';
import { computeDueAt } from './timer-due';
import { listenersOf, runExecutionListeners } from './execution-listeners';

export interface InterpreterHooks {
  recordKeeping: EngineActivities;
  serviceActivities(attempts: number): EngineActivities;
  /** Registers an open task; resolves when an authorised actor completes it. */
  waitForUserTask(task: OpenTask): Promise<UserTaskCompletion>;
  raiseIncident(incident: Incident): void;
  resolveIncident(incidentId: string): void;
  incidentRetried(incidentId: string): boolean;
}

/** A wait a hand-over can carry, while it is open (by wait key). */
interface CarriableWait {
  elementId: string;
  wait: CarriedWait;
  /** A signal wait's subscription: once fired, its token is about to move on (no hand-over then). */
  signal?: SignalSubscription;
  /** A message wait has taken its message and is about to move on (no hand-over then). */
  taken?: boolean;
}

/** A wait carried from the previous run, resumed by the token's first wait at its element. */
type ResumedWait = CarriedWait & { reopen?: boolean };

interface ScopeRun {
  scope: Scope;
  cancellation: CancellationScope;
  spawn(elementId: string, viaFlow?: string, resume?: CarriedToken, payload?: Variables): void;
}

export const BPMN_ERROR_FAILURE = 'BpmnError';


export class Interpreter {
  readonly root: Scope;
  outcome: string | undefined;
  readonly completed: StepRecord[] = [];
  private readonly activations = new Map<string, number>();
  private readonly positions = new Map<number, { elementId: string; scope: Scope }>();
  private readonly joins = new Map<string, JoinQueue>();
  private readonly runs = new Map<Scope, ScopeRun>();
  private readonly waits = new Map<string, WaitRecord>();
  /** Boundary timers armed now, by boundary event id: carried into the next run with their task. */
  private readonly boundaryTimers = new Map<string, TimerTiming>();
  /** The open waits a hand-over can carry (timers, message and signal subscriptions), by wait key. */
  private readonly carriable = new Map<string, CarriableWait>();
  /** Waits of the tokens carried from the previous run, by element id, until each token waits again. */
  private readonly resumedWaits = new Map<string, ResumedWait[]>();
  /** Escalations from the child instances call activities wait for (runtime/escalations.ts). */
  private readonly childEscalations = new ChildEscalationInbox();
  /** This instance's escalations its caller was asked about, and the answers that came back. */
  private readonly escalationAnswers = new Map<string, boolean>();
  private nextTokenId = 1;
  private nextScopeId = 1;
  /** What the event that started the instance delivered, when its start event maps it with outputs. */
  private readonly startPayload: Variables | undefined;

  constructor(
    private readonly input: ProcessInput,
    private readonly channels: Channels,
    private readonly hooks: InterpreterHooks,
  ) {
    const carried = input.carried;
    // the message or signal that started the instance: its variables become process variables,
    // unless the start event maps them with output mappings (then its token gets them)
    const start = input.graph.elements[input.startEventId ?? input.graph.startEventIds[0]];
    const mapped = !carried && start !== undefined && mapsOutputs(start);
    this.startPayload = mapped ? (input.eventVariables ?? {}) : undefined;
    const initial = carried ? carried.variables : mapped || !input.eventVariables ? input.variables : { ...input.eventVariables, ...input.variables };
    this.root = new Scope('process', 'process', input.graph.processId, undefined, initial);
    if (carried) {
      for (const [id, n] of Object.entries(carried.activations)) this.activations.set(id, n);
      this.completed.push(...carried.completed);
      this.outcome = carried.outcome;
    }
  }

  get graph(): ProcessGraph {
    return this.input.graph;
  }

  get instance(): InstanceRef {
    return { trackingNumber: this.input.trackingNumber, applicationId: this.input.applicationId };
  }

  /** Runs the process from its (given or none) start event until no token is left. */
  async run(): Promise<void> {
    if (this.input.carried) {
      for (const token of this.input.carried.tokens) {
        if (!token.wait) continue;
        const queue = this.resumedWaits.get(token.elementId) ?? [];
        this.resumedWaits.set(token.elementId, [...queue, { ...token.wait, ...(token.reopen ? { reopen: true } : {}) }]);
      }
      return this.runScope(this.root, this.graph, [], this.input.carried.tokens);
    }
    const start = this.input.startEventId ?? this.graph.startEventIds[0];
    await this.runScope(this.root, this.graph, [start], [], this.startPayload);
  }

  /**
   * The state to continue as new with, when the instance is at a quiet point: every token of the
   * process scope waits at an open user task, a timer, message or signal catch event or a receive
   * task, without loops or mappings around it and with at most timer, message and signal boundary
   * events; every open wait belongs to one of them, no join waits,
   * no event sub-process listens, no event has fired that its token has not yet taken up.
   * Otherwise undefined.
   */
  snapshot(openTasks: OpenTask[], completers: Record<string, string[]>, clockOffsetMs: number): Omit<CarriedState, 'continuations'> | undefined {
    if ([...this.joins.values()].some((q) => q.waiting() > 0)) return undefined;
    if (this.graph.eventSubProcessIds.length > 0 || this.runs.size !== 1) return undefined;
    // no token left: the process is ending, there is nothing to hand over
    if (this.positions.size === 0) return undefined;
    // every open wait must belong to a carried token: its own, or one of its boundary events'
    const waitsAt = new Map<string, string[]>();
    for (const [key, wait] of this.waits) waitsAt.set(wait.elementId, [...(waitsAt.get(wait.elementId) ?? []), key]);
    const accounted = new Set<string>();
    const takeWait = (elementId: string): CarriableWait | 'none' | 'pending' => {
      const key = waitsAt.get(elementId)?.shift();
      if (key === undefined) return 'none';
      accounted.add(key);
      const open = this.carriable.get(key);
      if (!open) return 'none';
      // An event that happened (or can be taken now) but whose token has not moved on yet: its token
      // would move on in the same activation, even after the hand-over was decided. Not quiet.
      return this.pending(open) ? 'pending' : open;
    };
    const tokens: CarriedToken[] = [];
    const tasks = new Map(openTasks.map((t) => [t.elementId, [] as OpenTask[]]));
    for (const task of openTasks) tasks.get(task.elementId)!.push(task);
    const atElement = new Map<string, number>();
    let taskTokens = 0;
    for (const { elementId, scope } of this.positions.values()) {
      const node = this.graph.elements[elementId];
      const kind = scope === this.root ? carriableKind(node, this.graph) : undefined;
      if (kind === undefined) return undefined;
      atElement.set(elementId, (atElement.get(elementId) ?? 0) + 1);
      const token: CarriedToken = { elementId };
      if (kind === 'userTask') {
        const task = tasks.get(elementId)?.shift();
        if (!task) return undefined;
        token.task = task;
        taskTokens++;
      } else {
        const own = takeWait(elementId);
        if (typeof own === 'string') return undefined;
        token.wait = own.wait;
      }
      const boundaryIds = isActivity(node) ? node.boundaryEventIds : [];
      // boundary waits are kept per element: two tokens at one element with boundary events cannot be told apart
      if (boundaryIds.length > 0 && atElement.get(elementId)! > 1) return undefined;
      const boundaryMessages: Record<string, CarriedSubscription> = {};
      for (const id of boundaryIds) {
        const boundary = this.graph.elements[id];
        if (boundary?.kind !== 'boundaryEvent') continue;
        if (boundary.trigger.type === 'timer') {
          // its timing is carried below (a timer whose repetitions are used up waits no more)
          if (takeWait(id) === 'pending') return undefined;
          continue;
        }
        const open = takeWait(id);
        if (typeof open === 'string') return undefined;
        if (open.wait.kind === 'message') boundaryMessages[id] = subscriptionOf(open.wait);
      }
      if (boundaryIds.length > 0) {
        token.boundaryTimers = Object.fromEntries(boundaryIds.flatMap((id) => (this.boundaryTimers.has(id) ? [[id, this.boundaryTimers.get(id)!]] : [])));
      }
      if (Object.keys(boundaryMessages).length > 0) token.boundaryMessages = boundaryMessages;
      tokens.push(token);
    }
    if (openTasks.length !== taskTokens || [...this.waits.keys()].some((key) => !accounted.has(key))) return undefined;
    return {
      variables: { ...this.root.locals },
      tokens,
      activations: Object.fromEntries(this.activations),
      completed: [...this.completed],
      completers,
      clockOffsetMs,
      ...(this.outcome !== undefined ? { outcome: this.outcome } : {}),
      messages: this.channels.carry(),
    };
  }

  /** Whether the wait's event happened or can happen now without anything new arriving. */
  private pending(open: CarriableWait): boolean {
    if (open.taken || open.signal?.fired !== undefined) return true;
    if (open.wait.kind === 'timer') return this.channels.now() >= open.wait.dueAt;
    if (open.wait.kind === 'message') return this.channels.hasMessage(open.wait.name, open.wait.correlationKey);
    return false;
  }

  activeElements(): string[] {
    return [...this.positions.values()].map((p) => p.elementId);
  }

  /** What tokens wait for: timers, messages, signals, conditions, calls, escalations, and joins still missing flows. */
  openWaits(): WaitRecord[] {
    const joins: WaitRecord[] = [...this.joins.values()].filter((q) => q.waiting() > 0).map((q) => {
      const arrived = q.flowsWithTokens();
      return { kind: 'join', elementId: q.gatewayId, arrived: q.incoming.filter((f) => arrived.has(f)), missing: q.incoming.filter((f) => !arrived.has(f)) };
    });
    return [...this.waits.values(), ...joins];
  }

  /** The carried wait a resumed token takes up at its element (its first wait there), if any. */
  private takeResumedWait(elementId: string): ResumedWait | undefined {
    const queue = this.resumedWaits.get(elementId);
    const wait = queue?.shift();
    if (queue?.length === 0) this.resumedWaits.delete(elementId);
    return wait;
  }

  nextActivation(elementId: string): number {
    const n = (this.activations.get(elementId) ?? 0) + 1;
    this.activations.set(elementId, n);
    return n;
  }

  // ---- scopes ---------------------------------------------------------------------------------

  newScope(kind: ScopeKind, elementId: string, parent: Scope, locals: Variables = {}, captures = false): Scope {
    return new Scope(`${elementId}#${this.nextScopeId++}`, kind, elementId, parent, locals, captures);
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
    const node = this.graph.elements[eventSubProcessId];
    if (node.kind !== 'eventSubProcess') throw new Error(`engine bug: ${eventSubProcessId} is not an event sub-process`);
    // zeebe:ioMapping: inputs are its scope's own variables; with outputs, only the mapped values leave it
    const inputs = node.inputs ?? [];
    const outputs = node.outputs ?? [];
    const locals = inputs.length > 0 ? await this.withIncidents(node.id, async () => inputValues(inputs, parent.view())) : {};
    const scope = this.newScope('eventSubProcess', node.id, parent, locals, outputs.length > 0);
    const start = node.startEventIds[0];
    const payload = this.handOver(scope, start, variables);
    await this.runScope(scope, node, [start], [], payload);
    if (outputs.length > 0) parent.setVariables(await this.withIncidents(node.id, async () => outputValues(outputs, scope.view(), parent.view())));
    this.record(node.id);
  }

  /** Arms the message, timer, signal and conditional start events of the scope's event sub-processes. */
  private async listenForEventSubProcesses(run: ScopeRun, entry: ScopeEntry, interrupt: (id: string, variables: Variables) => void): Promise<void> {
    const listeners = entry.eventSubProcessIds.flatMap((id) => {
      const esp = this.graph.elements[id];
      const start = 'startEventIds' in esp ? this.graph.elements[esp.startEventIds[0]] : undefined;
      if (start?.kind !== 'startEvent' || !start.trigger || !isWaitable(start.trigger)) return [];
      const trigger = start.trigger;
      return [
        (async () => {
          const armedAt = this.channels.now();
          for (let fired = 0; ; fired++) {
            const result = await this.waitForTrigger(run.scope, start.id, trigger, { fired, armedAt });
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

  // ---- tokens ---------------------------------------------------------------------------------

  /** Moves one token from elementId until it is consumed (end event, join, fork into new tokens). */
  private async runToken(run: ScopeRun, elementId: string, viaFlow?: string, resume?: CarriedToken, delivered?: Variables): Promise<void> {
    let current = elementId;
    let arrivedBy = viaFlow;
    let carried = resume;
    let payload = delivered;
    for (;;) {
      const node = this.graph.elements[current];
      const tokenId = this.nextTokenId++;
      this.positions.set(tokenId, { elementId: current, scope: run.scope });
      let next: Continuation;
      try {
        const arrival = { viaFlow: arrivedBy, ...(carried ? { resume: carried } : {}), ...(payload ? { payload } : {}) };
        carried = undefined;
        payload = undefined;
        if (!arrival.resume && listenersOf(node, 'start').length > 0) await runExecutionListeners(node, 'start', this.context(run.scope));
        next = isActivity(node) ? await this.runActivity(node, run, arrival) : await behaviorOf(node).execute(node, this.context(run.scope), arrival);
      } catch (err) {
        // a throw event that was caught completed; an activity whose error was caught did not
        if (err instanceof Interrupt && err.thrower === current && !isActivity(node)) this.record(current);
        throw err;
      } finally {
        this.positions.delete(tokenId);
      }
      if (isActivity(node) && 'take' in next && hasConditionalFlows(node, this.graph)) {
        const ctx = this.context(run.scope);
        next = { ...next, take: await ctx.withIncidents(node.id, async () => selectActivityFlows(node, this.graph, ctx.variables())) };
      }
      // waiting at a join: not completed (a node without outgoing flows completes: an implicit end)
      const consumed = 'take' in next && next.take.length === 0 && node.outgoing.length > 0;
      const interrupted = 'goto' in next && next.interrupted === true;
      if (!consumed && !interrupted) {
        if (listenersOf(node, 'end').length > 0) await runExecutionListeners(node, 'end', this.context(run.scope));
        this.record(current);
      }
      if ('take' in next) for (const id of next.alsoCompleted ?? []) this.record(id);
      if ('end' in next || 'terminate' in next) {
        const end = 'end' in next ? next.end : next.terminate;
        if (end.outcome !== undefined && run.scope === this.root) this.outcome = end.outcome;
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
        current = this.graph.flows[arrivedBy].targetRef;
        continue;
      }
      for (const flowId of next.take) run.spawn(this.graph.flows[flowId].targetRef, flowId);
      return;
    }
  }

  /**
   * What a catch event delivered: merged into `scope` now, or, when the event maps it with output
   * mappings, returned to be handed to the event's token (elements/events/mappings.ts).
   */
  private handOver(scope: Scope, eventId: string, payload: Variables): Variables | undefined {
    if (mapsOutputs(this.graph.elements[eventId])) return payload;
    scope.setVariables(payload);
    return undefined;
  }

  private record(elementId: string): void {
    this.completed.push({ elementId, at: new Date().toISOString() });
  }

  // ---- activities: boundary events around loops, mappings and the element itself ---------------

  private async runActivity(node: ActivityNode, run: ScopeRun, arrival: Arrival): Promise<Continuation> {
    const body = () => runLoops(this, node, run.scope, (scope) => behaviorOf(node).execute(node, this.context(scope), arrival));
    const boundaries = node.boundaryEventIds.map((id) => this.graph.elements[id]).filter((b): b is BoundaryEventNode => b.kind === 'boundaryEvent');
    if (boundaries.length === 0) return body();

    const activity = new CancellationScope();
    const listeners = new CancellationScope();
    let interruptedBy: { boundary: BoundaryEventNode; variables: Variables } | undefined;
    const listening = listeners.run(() =>
      Promise.all(
        boundaries
          .filter((b) => isWaitable(b.trigger))
          .map(async (boundary) => {
            const carried = arrival.resume?.boundaryTimers?.[boundary.id];
            const armedAt = carried?.armedAt ?? this.channels.now();
            // a message subscription kept open across the hand-over (a migrated token opens its own)
            let kept = arrival.resume?.reopen ? undefined : arrival.resume?.boundaryMessages?.[boundary.id];
            for (let fired = carried?.fired ?? 0; ; fired++) {
              this.boundaryTimers.set(boundary.id, { fired, armedAt });
              const resumed: ResumedWait | undefined = kept ? { kind: 'message', ...kept } : undefined;
              kept = undefined;
              const result = await this.waitForTrigger(run.scope, boundary.id, boundary.trigger, { fired, armedAt }, resumed);
              if (result === undefined) return;
              if (boundary.cancelActivity) {
                interruptedBy ??= { boundary, variables: result.variables };
                activity.cancel();
                return;
              }
              run.spawn(boundary.id, undefined, undefined, this.handOver(run.scope, boundary.id, result.variables));
            }
          }),
      ),
    );
    // observed in `finally`; an instance's cancellation rejects it while the task is still being
    // withdrawn (an unhandled rejection there fails the workflow task: withdrawal at a task with a
    // boundary timer, such as a fix request, never ended)
    listening.catch(() => undefined);
    if (arrival.resume?.reopen) this.closeCarriedSubscriptions(Object.values(arrival.resume.boundaryMessages ?? {}));
    try {
      return await activity.run(body);
    } catch (err) {
      if (interruptedBy && isCancellation(err)) {
        const payload = this.handOver(run.scope, interruptedBy.boundary.id, interruptedBy.variables);
        return { goto: interruptedBy.boundary.id, interrupted: true, ...(payload ? { payload } : {}) };
      }
      if (err instanceof Interrupt && err.catcher.kind === 'boundary' && err.catcher.flowScope === run.scope.flowScope() && node.boundaryEventIds.includes(err.catcher.node.id)) {
        const payload = this.handOver(run.scope, err.catcher.node.id, err.variables);
        return { goto: err.catcher.node.id, interrupted: true, ...(payload ? { payload } : {}) };
      }
      throw err;
    } finally {
      listeners.cancel();
      await listening.catch(() => undefined);
      for (const boundary of boundaries) this.boundaryTimers.delete(boundary.id);
    }
  }

  // ---- waiting for events ---------------------------------------------------------------------

  /**
   * Waits for a timer, message, signal or condition. Resolves with what the event delivered, or
   * undefined when the trigger can never fire again (a timer whose repetitions are used up).
   * `timing`: for a catcher that fires repeatedly (a cycle, a non-interrupting event), how often it
   * fired already and when it was armed; cycles count from that moment. `resumed`: the wait of a
   * token carried from the previous run (a timer keeps its due time, a message its subscription).
   */
  async waitForTrigger(scope: Scope, elementId: string, trigger: EventTrigger, timing?: TimerTiming, resumed?: ResumedWait): Promise<TriggerResult | undefined> {
    const kept = resumed?.kind === 'message' && !resumed.reopen && trigger.type === 'message';
    const key = kept ? resumed.subscriptionId : `${elementId}:${this.nextActivation(`wait:${elementId}`)}`;
    try {
      switch (trigger.type) {
        case 'timer': {
          const fired = timing?.fired ?? 0;
          const carried = resumed?.kind === 'timer' ? resumed : undefined;
          // a carried timer keeps its due time; a migrated one counts from when its token arrived
          const armedAt = carried?.armedAt ?? timing?.armedAt ?? this.channels.now();
          const dueAt =
            carried && !carried.reopen ? carried.dueAt : await this.withIncidents(elementId, () => computeDueAt(trigger.timer, scope.view(), this.hooks.recordKeeping, armedAt, fired));
          if (dueAt === undefined) return undefined;
          this.waits.set(key, { kind: 'timer', elementId, dueAt: new Date(dueAt).toISOString() });
          this.carriable.set(key, { elementId, wait: { kind: 'timer', armedAt, dueAt } });
          while (this.channels.now() < dueAt) await condition(() => this.channels.now() >= dueAt, Math.max(1, dueAt - this.channels.now()));
          return { variables: {} };
        }
        case 'message':
          return await this.waitForMessage(scope, elementId, key, trigger, resumed?.kind === 'message' ? resumed : undefined);
        case 'signal': {
          const subscription = this.channels.subscribeSignal(trigger.signalName);
          this.waits.set(key, { kind: 'signal', elementId, name: trigger.signalName });
          this.carriable.set(key, { elementId, wait: { kind: 'signal' }, signal: subscription });
          try {
            await condition(() => subscription.fired !== undefined);
            return { variables: subscription.fired ?? {} };
          } finally {
            this.channels.unsubscribeSignal(subscription);
          }
        }
        case 'conditional':
          this.waits.set(key, { kind: 'condition', elementId, condition: trigger.condition });
          await condition(() => safeConditionHolds(trigger.condition, scope.view()));
          return { variables: {} };
        default:
          throw new Error(`engine bug: ${trigger.type} events are not waited for`);
      }
    } finally {
      this.waits.delete(key);
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
    const kept = resumed !== undefined && !resumed.reopen;
    const { name, correlationKey } = kept
      ? { name: resumed.name, correlationKey: resumed.correlationKey }
      : await this.withIncidents(elementId, async () => ({
          name: String(resolveValue(trigger.messageName, scope.view())),
          correlationKey: trigger.correlationKey ? stringKey(resolveValue(trigger.correlationKey, scope.view())) : '',
        }));
    const subscription = { ...this.instance, subscriptionId: key, elementId, messageName: name, correlationKey };
    this.waits.set(key, { kind: 'message', elementId, name, correlationKey });
    const open: CarriableWait = { elementId, wait: { kind: 'message', subscriptionId: key, name, correlationKey } };
    this.carriable.set(key, open);
    const openedAt = Date.now();
    const buffered = kept ? [] : await CancellationScope.nonCancellable(() => this.hooks.recordKeeping.openMessageSubscription(subscription));
    if (resumed?.reopen) this.closeCarriedSubscriptions([resumed]);
    try {
      for (const message of buffered) this.channels.deliverMessage(message);
      // a message without time to live signalled while the subscription was being opened counts
      let message = this.channels.takeMessage(name, correlationKey, openedAt);
      if (!message) {
        await condition(() => {
          message = this.channels.takeMessage(name, correlationKey);
          // taken here, the message is no longer in the inbox: no hand-over until this token moved on
          open.taken = message !== undefined;
          return open.taken;
        });
      }
      return { variables: message!.variables };
    } finally {
      await CancellationScope.nonCancellable(() => this.hooks.recordKeeping.closeMessageSubscription(subscription));
    }
  }

  /** Closes message subscriptions a migrated token no longer needs (its new element opened its own). */
  private closeCarriedSubscriptions(subscriptions: CarriedSubscription[]): void {
    for (const { subscriptionId, name, correlationKey } of subscriptions) {
      const closing = CancellationScope.nonCancellable(() =>
        this.hooks.recordKeeping.closeMessageSubscription({ ...this.instance, subscriptionId, elementId: subscriptionId.split(':')[0], messageName: name, correlationKey }),
      );
      closing.catch((err: unknown) => log.warn('a migrated message subscription could not be closed', { subscriptionId, err: String(err) }));
    }
  }

  // ---- joins ----------------------------------------------------------------------------------

  private async join(scope: Scope, gatewayId: string, viaFlow: string | undefined): Promise<boolean> {
    const node = this.graph.elements[gatewayId];
    if (node.incoming.length <= 1) return true;
    const key = `${scope.id}/${gatewayId}`;
    const queue = this.joins.get(key) ?? new JoinQueue(gatewayId, node.incoming);
    this.joins.set(key, queue);
    const ticket = queue.arrive(viaFlow ?? '');
    const ready = () =>
      node.kind === 'inclusiveGateway' ? inclusiveJoinReady(queue, node.upstream, (id) => this.tokensAt(scope, id)) : parallelJoinReady(queue);
    await condition(() => {
      if (ticket.outcome) return true;
      if (!ready()) return false;
      queue.fire(ticket);
      return true;
    });
    return ticket.outcome === 'passed';
  }

  /** Tokens at an element of the scope (those parked at another join can still move on). */
  private tokensAt(scope: Scope, elementId: string): number {
    let n = 0;
    for (const p of this.positions.values()) if (p.scope.flowScope() === scope && p.elementId === elementId) n++;
    return n;
  }

  // ---- throws and publishing ------------------------------------------------------------------

  async throwEvent(scope: Scope, elementId: string, trigger: ThrowTrigger, variables: Variables = {}): Promise<void> {
    const catcher = findCatcher(this.graph, elementId, scope, trigger);
    if (!catcher) {
      if (trigger.type === 'escalation') {
        // an uncaught escalation is not a failure (BPMN 2.0 §10.5.6); a called process hands it to its caller
        if (this.input.parent) await this.escalateToCaller(elementId, trigger);
        return;
      }
      if (this.input.parent) {
        throw ApplicationFailure.create({ type: BPMN_ERROR_FAILURE, message: `uncaught BPMN error "${codeOf(trigger) ?? ''}"`, nonRetryable: true, details: [{ code: codeOf(trigger), message: trigger.errorMessage }] });
      }
      await this.withIncidents(elementId, async () => {
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

  // ---- incidents ------------------------------------------------------------------------------

  async withIncidents<T>(elementId: string, fn: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await fn();
      } catch (err) {
        if (isCancellation(err) || err instanceof Interrupt) throw err; // not an incident
        const incidentId = `${elementId}/${this.nextActivation(`incident:${elementId}`)}`;
        const message = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
        // the stack goes only into the queryable state (no command carries it): replay is unchanged
        const stack = incidentStack(err);
        this.hooks.raiseIncident({ incidentId, elementId, message, at: new Date().toISOString(), ...(stack ? { stack } : {}) });
        log.warn('incident raised', { elementId, incidentId, message });
        await this.hooks.recordKeeping.recordApplicationStatus({ ...this.instance, status: 'incident', elementId, message });
        await condition(() => this.hooks.incidentRetried(incidentId));
        this.hooks.resolveIncident(incidentId);
        await this.hooks.recordKeeping.recordApplicationStatus({ ...this.instance, status: 'running', elementId });
      }
    }
  }

  // ---- the context element behaviours see -----------------------------------------------------

  context(scope: Scope): ExecutionContext {
    return {
      instance: this.instance,
      graph: this.graph,
      stubServices: this.input.stubServices === true,
      variables: () => scope.view(),
      mergeVariables: (values) => scope.setVariables(values),
      localVariables: () => ({ ...scope.locals }),
      nextActivation: (elementId) => this.nextActivation(elementId),
      activities: (attempts) => (attempts === undefined ? this.hooks.recordKeeping : this.hooks.serviceActivities(attempts)),
      waitForUserTask: (task) => this.hooks.waitForUserTask(task),
      withIncidents: (elementId, fn) => this.withIncidents(elementId, fn),
      waitForTrigger: async (elementId, trigger) => (await this.waitForTrigger(scope, elementId, trigger, undefined, this.takeResumedWait(elementId))) ?? { variables: {} },
      join: (gatewayId, viaFlow) => this.join(scope.flowScope(), gatewayId, viaFlow),
      throwEvent: (elementId, trigger) => this.throwEvent(scope, elementId, trigger),
      publish: (elementId, trigger) => this.publish(scope, elementId, trigger),
      withLocals: (elementId, locals) => this.context(this.newScope('local', elementId, scope, locals)),
      runSubProcess: async (node) => {
        const sub = this.newScope('subProcess', node.id, scope);
        await this.runScope(sub, { startEventIds: node.startEventIds, eventSubProcessIds: 'eventSubProcessIds' in node ? (node as ScopeEntry).eventSubProcessIds : [] }, node.startEventIds.slice(0, 1));
      },
      runAdHocSubProcess: async (node, starts) => {
        const sub = this.newScope('subProcess', node.id, scope);
        const condition = node.completionCondition;
        // evaluated whenever the scope's state changes (after an element completed); an expression that fails counts as not yet
        const done = condition !== undefined && node.cancelRemainingInstances ? () => holdsSafely(condition, sub.view()) : undefined;
        await this.runScope(sub, { startEventIds: [], eventSubProcessIds: node.eventSubProcessIds }, starts, [], undefined, done);
      },
      callProcess: (elementId, processId, variables) => this.callProcess(scope, elementId, processId, variables),
    };
  }

  private async publish(scope: Scope, elementId: string, trigger: Extract<EventTrigger, { type: 'message' | 'signal' }>): Promise<void> {
    const activation = this.nextActivation(`publish:${elementId}`);
    const id = `${this.input.trackingNumber}:${elementId}:${activation}`;
    if (trigger.type === 'signal') {
      // Camunda 8: a signal carries the throw event's local variables (its input mappings)
      const variables = scope.kind === 'local' && scope.elementId === elementId ? { ...scope.locals } : {};
      await this.hooks.recordKeeping.broadcastSignal({ ...this.instance, elementId, signalId: id, name: trigger.signalName, variables });
      return;
    }
    const message = await this.withIncidents(elementId, async () => ({
      name: String(resolveValue(trigger.messageName, scope.view())),
      correlationKey: trigger.correlationKey ? stringKey(resolveValue(trigger.correlationKey, scope.view())) : '',
    }));
    const timeToLiveMs = trigger.timeToLive ? await this.withIncidents(elementId, async () => durationMs(trigger.timeToLive!)) : 0;
    await this.hooks.recordKeeping.publishMessage({ ...this.instance, elementId, messageId: id, ...message, variables: scope.view(), timeToLiveMs });
  }

  private async callProcess(scope: Scope, elementId: string, processId: string, variables: Variables): Promise<Variables> {
    // a process not (yet) deployed is an incident on the call, retried once an administrator deploys it
    const called = await this.withIncidents(elementId, () => this.hooks.recordKeeping.resolveCalledProcess({ processId }));
    const activation = this.nextActivation(`call:${elementId}`);
    const trackingNumber = `${this.input.trackingNumber}.${elementId}-${activation}`;
    const key = `call:${trackingNumber}`;
    this.waits.set(key, { kind: 'call', elementId, workflowId: trackingNumber });
    try {
      const child: ProcessInput = {
        trackingNumber,
        applicationId: this.input.applicationId,
        definition: called.definition,
        graph: called.graph,
        variables,
        parent: { trackingNumber: this.input.trackingNumber },
        ...(this.input.clockControl ? { clockControl: true } : {}),
        ...(this.input.stubServices ? { stubServices: true } : {}),
      };
      const result = await this.runChild(scope, elementId, trackingNumber, child);
      return (result as { variables?: Variables }).variables ?? {};
    } catch (err) {
      const bpmn = bpmnErrorOf(err);
      if (!bpmn) throw err;
      await this.throwEvent(scope, elementId, { type: 'error', errorCode: bpmn.code, errorMessage: bpmn.message });
      throw new Error(`engine bug: the error of ${elementId} was neither caught nor raised`);
    } finally {
      this.waits.delete(key);
    }
  }

  // ---- escalations across call activities (runtime/escalations.ts) ----------------------------

  /**
   * Runs the called instance as a child workflow and, while it runs, throws each escalation it hands
   * up at the call activity. An interrupting catcher ends the call: the child is cancelled, and the
   * catcher's Interrupt leaves only once the child has ended. Otherwise the child is told to go on.
   */
  private async runChild(scope: Scope, elementId: string, workflowId: string, input: ProcessInput): Promise<unknown> {
    const call = new CancellationScope();
    const child: { settled?: { ok: true; value: unknown } | { ok: false; err: unknown } } = {};
    const ended = call
      .run(() =>
        executeChild('processWorkflow', {
          workflowId,
          taskQueue: workflowInfo().taskQueue,
          args: [input],
          // should the caller close anyway (terminated by hand), the child still withdraws its tasks
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        }),
      )
      .then(
        (value) => void (child.settled = { ok: true, value }),
        (err: unknown) => void (child.settled = { ok: false, err }),
      );
    this.childEscalations.open(workflowId);
    try {
      for (;;) {
        const escalation = this.childEscalations.take(workflowId);
        if (escalation) {
          await this.throwChildEscalation(scope, elementId, escalation);
          continue;
        }
        if (child.settled) break;
        await Promise.race([ended, this.childEscalations.arrival(workflowId)]);
      }
    } finally {
      if (!child.settled) {
        // an interrupting catcher took the escalation, or this token was cancelled: the child ends first
        call.cancel();
        await ended;
      }
      this.childEscalations.close(workflowId);
    }
    const settled = child.settled!;
    if (!settled.ok) throw settled.err;
    return settled.value;
  }

  private async throwChildEscalation(scope: Scope, elementId: string, escalation: ChildEscalation): Promise<void> {
    log.info('escalation from a called instance', { elementId, childWorkflowId: escalation.childWorkflowId, thrower: escalation.elementId, code: escalation.escalationCode });
    const trigger: ThrowTrigger = { type: 'escalation', ...(escalation.escalationCode !== undefined ? { escalationCode: escalation.escalationCode } : {}) };
    await this.throwEvent(scope, elementId, trigger); // an Interrupt leaves through runChild, which cancels the child
    await this.answerChild(escalation);
  }

  /** Tells a called instance that its escalation did not interrupt the call: its token goes on. */
  private async answerChild(escalation: ChildEscalation): Promise<void> {
    try {
      await getExternalWorkflowHandle(escalation.childWorkflowId).signal(escalationAnsweredSignal, { requestId: escalation.requestId });
    } catch (err) {
      if (isCancellation(err)) throw err;
      log.warn('a called instance could not be told to go on after its escalation', { childWorkflowId: escalation.childWorkflowId, err: String(err) });
    }
  }

  /**
   * The `childEscalation` signal. Queued for the call activity waiting for that child; when none
   * waits (the call is being cancelled, or it was started before escalations crossed calls and
   * waits the old way) the child is told to go on at once, as an uncaught escalation.
   */
  async childEscalated(escalation: ChildEscalation): Promise<void> {
    if (this.childEscalations.deliver(escalation)) return;
    await this.answerChild(escalation).catch(() => undefined);
  }

  /**
   * A called instance's escalation that none of its elements catches: the caller throws it at its
   * call activity. Returns when the caller answers that this token may go on; an interrupting
   * catcher in the caller cancels this instance instead (the wait ends in a cancellation).
   */
  private async escalateToCaller(elementId: string, trigger: ThrowTrigger): Promise<void> {
    const callerId = this.input.parent!.trackingNumber;
    const requestId = `${elementId}/${this.nextActivation(`escalate:${elementId}`)}`;
    const escalation: ChildEscalation = {
      childWorkflowId: workflowInfo().workflowId,
      requestId,
      elementId,
      ...(codeOf(trigger) !== undefined ? { escalationCode: codeOf(trigger) } : {}),
    };
    const key = `escalate:${requestId}`;
    this.escalationAnswers.set(requestId, false);
    this.waits.set(key, { kind: 'escalation', elementId, workflowId: callerId, ...(escalation.escalationCode !== undefined ? { escalationCode: escalation.escalationCode } : {}) });
    try {
      try {
        await getExternalWorkflowHandle(callerId).signal(childEscalationSignal, escalation);
      } catch (err) {
        if (isCancellation(err)) throw err;
        log.warn('the calling instance could not be told of an escalation: it stays uncaught', { elementId, callerId, err: String(err) });
        return;
      }
      await condition(() => this.escalationAnswers.get(requestId) === true);
    } finally {
      this.escalationAnswers.delete(requestId);
      this.waits.delete(key);
    }
  }

  /** The `escalationAnswered` signal: the caller did not interrupt; the throwing token goes on. */
  escalationAnswered(answer: EscalationAnswer): void {
    if (this.escalationAnswers.has(answer.requestId)) this.escalationAnswers.set(answer.requestId, true);
  }
}

// helpers //////////

export function isActivity(node: FlowNode): node is ActivityNode {
  return 'boundaryEventIds' in node;
}

/** The kinds of element a carried token can wait at; a migration maps a token only to the same kind. */
export type CarriableKind = 'userTask' | 'receiveTask' | 'timerCatch' | 'messageCatch' | 'signalCatch';

/**
 * Where a carried token can wait: in the process scope, at a user task or a receive task without
 * loops or mappings and with at most timer, message and signal boundary events, or at a timer,
 * message or signal intermediate catch event.
 */
export function carriableKind(node: FlowNode | undefined, graph: ProcessGraph): CarriableKind | undefined {
  if (node === undefined || node.parent !== undefined) return undefined;
  if (node.kind === 'intermediateCatchEvent') {
    const type = node.trigger.type;
    return type === 'timer' ? 'timerCatch' : type === 'message' ? 'messageCatch' : type === 'signal' ? 'signalCatch' : undefined;
  }
  if (node.kind !== 'userTask' && node.kind !== 'receiveTask') return undefined;
  if (node.multiInstance || node.loop || node.inputs.length > 0 || node.outputs.length > 0) return undefined;
  const carried = ['timer', 'message', 'signal'];
  const boundariesCarried = node.boundaryEventIds.every((id) => {
    const boundary = graph.elements[id];
    return boundary?.kind === 'boundaryEvent' && carried.includes(boundary.trigger.type);
  });
  return boundariesCarried ? node.kind : undefined;
}

function subscriptionOf(wait: Extract<CarriedWait, { kind: 'message' }>): CarriedSubscription {
  return { subscriptionId: wait.subscriptionId, name: wait.name, correlationKey: wait.correlationKey };
}

/** How often a repeating catcher fired already and when it was armed (cycles count from then). */
export interface TimerTiming {
  fired: number;
  armedAt: number;
}

function isWaitable(trigger: EventTrigger): boolean {
  return trigger.type === 'timer' || trigger.type === 'message' || trigger.type === 'signal' || trigger.type === 'conditional';
}

function safeConditionHolds(expression: string, variables: Variables): boolean {
  try {
    return conditionHolds(expression, variables);
  } catch {
    return false;
  }
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

function bpmnErrorOf(err: unknown): { code?: string; message?: string } | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof ApplicationFailure && e.type === BPMN_ERROR_FAILURE) return (e.details?.[0] ?? {}) as { code?: string; message?: string };
  }
  return undefined;
}

/** Longest stack trace an incident keeps (the failure's own frames come first). */
export const INCIDENT_STACK_MAX = 4_000;

/**
 * The stack trace of the failure behind an incident: for an activity (a service task), the remote
 * stack its ApplicationFailure cause carries from the worker; otherwise the error's own. Trimmed.
 */
export function incidentStack(err: unknown): string | undefined {
  const failure = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const stack = failure instanceof Error && typeof failure.stack === 'string' ? failure.stack.trim() : '';
  if (!stack) return undefined;
  return stack.length > INCIDENT_STACK_MAX ? `${stack.slice(0, INCIDENT_STACK_MAX)}\n…` : stack;
}

function holdsSafely(expression: string, variables: Variables): boolean {
  try {
    return conditionHolds(expression, variables);
  } catch {
    return false;
  }
}
