/**
 * The interpreter: runs one process instance through its compiled graph. A coordinator: it owns
 * the instance's record (variables, activation counters, completed steps, flows taken, outcome) and wires the
 * parts of workflows/runtime/ together — tokens.ts (tokens and scopes), waits.ts (timers, messages,
 * signals, conditions), incidents.ts, call-activities.ts (with escalations across calls),
 * publishing.ts, hand-over.ts (the state carried into the next run) — and gives element behaviours
 * (workflows/elements/) their ExecutionContext.
 *
 * Deterministic workflow code: every side effect goes through the activities in `hooks`.
 */
import type { EngineActivities, InstanceRef } from '../activities-api';
import { mapsOutputs } from '../elements/events/mappings';
import type { ExecutionContext, UserTaskCompletion } from '../elements/context';
import { conditionHolds, type Variables } from '../expressions/feel';
import type { ProcessGraph, ScopeEntry } from '../graph/types';
import type { ChildEscalation, EscalationAnswer } from '../messages';
import type { CarriedState, IterationRecord, OpenTask, ProcessInput, StepRecord, WaitRecord } from '../state';
import { CallActivities } from './call-activities';
import { recordSubProcess } from './compensation';
import type { Channels } from './channels';
import { snapshotOf } from './hand-over';
import { Incidents, type IncidentHooks } from './incidents';
import { publish } from './publishing';
import { Scope, type ScopeKind } from './scope';
import type { ThrowTrigger } from './throws';
import { Tokens, type TokenHost } from './tokens';
import { Waits } from './waits';

export interface InterpreterHooks extends IncidentHooks {
  recordKeeping: EngineActivities;
  /** A service handler's activities with `attempts` total attempts; local activities when `local`. */
  serviceActivities(attempts: number, local: boolean): EngineActivities;
  /** Registers an open task; resolves when an authorised actor completes it. */
  waitForUserTask(task: OpenTask): Promise<UserTaskCompletion>;
}

export class Interpreter implements TokenHost {
  readonly root: Scope;
  outcome: string | undefined;
  readonly completed: StepRecord[] = [];
  readonly iterations: IterationRecord[] = [];
  /** Sequence flows tokens have taken, each once, in the order first taken (a set: loops add nothing). */
  private readonly flowsTaken = new Set<string>();
  readonly waits: Waits;
  readonly called: boolean;
  private readonly activations = new Map<string, number>();
  private readonly tokens: Tokens;
  private readonly incidents: Incidents;
  private readonly calls: CallActivities;
  private nextScopeId = 1;
  /** What the event that started the instance delivered, when its start event maps it with outputs. */
  private readonly startPayload: Variables | undefined;

  constructor(
    readonly input: ProcessInput,
    readonly channels: Channels,
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
      for (const flowId of carried.takenFlows ?? []) this.flowsTaken.add(flowId);
      this.iterations.push(...(carried.iterations ?? []));
      this.outcome = carried.outcome;
      this.root.compensable.push(...(carried.compensation ?? []));
    }
    this.called = input.parent !== undefined;
    this.incidents = new Incidents(this.instance, hooks, (key) => this.nextActivation(key));
    this.waits = new Waits(this);
    this.tokens = new Tokens(this);
    this.calls = new CallActivities(this);
  }

  get graph(): ProcessGraph {
    return this.input.graph;
  }

  get instance(): InstanceRef {
    return { trackingNumber: this.input.trackingNumber, applicationId: this.input.applicationId };
  }

  /** Record-keeping activities (with the engine's default retry policy). */
  get recordKeeping(): EngineActivities {
    return this.hooks.recordKeeping;
  }

  /** Runs the process from its (given or none) start event until no token is left. */
  async run(): Promise<void> {
    if (this.input.carried) {
      this.waits.resume(this.input.carried.tokens);
      return this.tokens.runScope(this.root, this.graph, [], this.input.carried.tokens);
    }
    const start = this.input.startEventId ?? this.graph.startEventIds[0];
    await this.tokens.runScope(this.root, this.graph, [start], [], this.startPayload);
  }

  /** The state to continue as new with, when the instance is at a quiet point (hand-over.ts); otherwise undefined. */
  snapshot(openTasks: OpenTask[], completers: Record<string, string[]>, clockOffsetMs: number): Omit<CarriedState, 'continuations'> | undefined {
    const { tokens } = this;
    return snapshotOf(
      {
        graph: this.graph,
        root: this.root,
        channels: this.channels,
        waits: this.waits,
        positions: tokens.positions.values(),
        tokenCount: tokens.positions.size,
        joinWaiting: tokens.joins.anyWaiting(),
        scopeCount: tokens.scopeCount,
        activations: this.activations,
        completed: this.completed,
        takenFlows: this.takenFlows(),
        iterations: this.iterations,
        outcome: this.outcome,
        compensable: this.root.compensable,
      },
      openTasks,
      completers,
      clockOffsetMs,
    );
  }

  activeElements(): string[] {
    return [...this.tokens.positions.values()].map((p) => p.elementId);
  }

  /** What tokens wait for: timers, messages, signals, conditions, calls, escalations, and joins still missing flows. */
  openWaits(): WaitRecord[] {
    return [...this.waits.records(), ...this.tokens.joins.openWaits()];
  }

  nextActivation(elementId: string): number {
    const n = (this.activations.get(elementId) ?? 0) + 1;
    this.activations.set(elementId, n);
    return n;
  }

  newScope(kind: ScopeKind, elementId: string, parent: Scope, locals: Variables = {}, captures = false): Scope {
    return new Scope(`${elementId}#${this.nextScopeId++}`, kind, elementId, parent, locals, captures);
  }

  withIncidents<T>(elementId: string, fn: () => Promise<T>): Promise<T> {
    return this.incidents.withIncidents(elementId, fn);
  }

  record(elementId: string): void {
    this.completed.push({ elementId, at: new Date().toISOString() });
  }

  recordFlow(flowId: string): void {
    this.flowsTaken.add(flowId);
  }

  takenFlows(): string[] {
    return [...this.flowsTaken];
  }

  /** One iteration of a multi-instance or loop activity finished (runtime/loops.ts). */
  recordIteration(elementId: string, loopCounter: number): void {
    this.iterations.push({ elementId, loopCounter, at: new Date().toISOString() });
  }

  setOutcome(outcome: string): void {
    this.outcome = outcome;
  }

  throwEvent(scope: Scope, elementId: string, trigger: ThrowTrigger): Promise<void> {
    return this.tokens.throwEvent(scope, elementId, trigger);
  }

  escalateToCaller(elementId: string, trigger: ThrowTrigger): Promise<void> {
    return this.calls.escalateToCaller(elementId, trigger);
  }

  /** The `childEscalation` signal (call-activities.ts). */
  childEscalated(escalation: ChildEscalation): Promise<void> {
    return this.calls.childEscalated(escalation);
  }

  /** The `escalationAnswered` signal (call-activities.ts). */
  escalationAnswered(answer: EscalationAnswer): void {
    this.calls.escalationAnswered(answer);
  }

  /** The context element behaviours see, for a token in `scope`. */
  context(scope: Scope): ExecutionContext {
    return {
      instance: this.instance,
      graph: this.graph,
      stubServices: this.input.stubServices === true,
      variables: () => scope.view(),
      mergeVariables: (values) => scope.setVariables(values),
      localVariables: () => ({ ...scope.locals }),
      nextActivation: (elementId) => this.nextActivation(elementId),
      activities: (attempts, options) => (attempts === undefined ? this.hooks.recordKeeping : this.hooks.serviceActivities(attempts, options?.local === true)),
      waitForUserTask: (task) => this.hooks.waitForUserTask(task),
      withIncidents: (elementId, fn) => this.withIncidents(elementId, fn),
      waitForTrigger: async (elementId, trigger) => (await this.waits.waitForTrigger(scope, elementId, trigger, undefined, this.waits.takeResumed(elementId))) ?? { variables: {} },
      join: (gatewayId, viaFlow) => this.tokens.join(scope.flowScope(), gatewayId, viaFlow),
      throwEvent: (elementId, trigger) => this.tokens.throwEvent(scope, elementId, trigger),
      compensate: (activityRef) => this.tokens.compensate(scope, activityRef),
      publish: (elementId, trigger) => publish(this, scope, elementId, trigger),
      withLocals: (elementId, locals) => this.context(this.newScope('local', elementId, scope, locals)),
      runSubProcess: async (node) => {
        const sub = this.newScope('subProcess', node.id, scope);
        await this.tokens.runScope(sub, { startEventIds: node.startEventIds, eventSubProcessIds: 'eventSubProcessIds' in node ? (node as ScopeEntry).eventSubProcessIds : [] }, node.startEventIds.slice(0, 1));
        recordSubProcess(scope, node.id, sub);
      },
      runAdHocSubProcess: async (node, starts) => {
        const sub = this.newScope('subProcess', node.id, scope);
        const condition = node.completionCondition;
        // evaluated whenever the scope's state changes (after an element completed); an expression that fails counts as not yet
        const done = condition !== undefined && node.cancelRemainingInstances ? () => holdsSafely(condition, sub.view()) : undefined;
        await this.tokens.runScope(sub, { startEventIds: [], eventSubProcessIds: node.eventSubProcessIds }, starts, [], undefined, done);
        recordSubProcess(scope, node.id, sub);
      },
      callProcess: (elementId, processId, variables) => this.calls.callProcess(scope, elementId, processId, variables),
    };
  }
}

function holdsSafely(expression: string, variables: Variables): boolean {
  try {
    return conditionHolds(expression, variables);
  } catch {
    return false;
  }
}
