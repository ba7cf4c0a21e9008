/**
 * The one generic interpreter workflow: it runs any compiled BPMN graph. One execution per
 * application (workflow id = tracking number), pinned to the graph it was started with.
 *
 * Workflow code is deterministic: no I/O here; every side effect is an activity (activities-api.ts).
 */
import { ApplicationFailure, CancellationScope, allHandlersFinished, condition, continueAsNew, isCancellation, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { EngineActivities } from './activities-api';
import type { UserTaskCompletion } from './elements/context';
import { FailureType } from './errors';
import { validateFormInput } from './forms/validate-form';
import { upgradeGraph } from './graph/upgrade';
import {
  Actor,
  ClaimTaskArgs,
  childEscalationSignal,
  escalationAnsweredSignal,
  CompleteUserTaskArgs,
  advanceClockUpdate,
  claimTaskUpdate,
  unclaimTaskUpdate,
  completeUserTaskUpdate,
  deliverMessageSignal,
  deliverSignalSignal,
  getStateQuery,
  migrateInstanceUpdate,
  retryIncidentUpdate,
  type MigrateInstanceArgs,
} from './messages';
import { Channels } from './runtime/channels';
import { Interpreter, carriableKind, type CarriableKind } from './runtime/interpreter';
import { countingInFlight } from './runtime/in-flight';
import type { CarriedState, Incident, InstanceState, OpenTask, ProcessInput } from './state';

export interface ProcessResult {
  outcome?: string;
  /** The process-level variables at the end (a calling process maps them back). */
  variables?: Record<string, unknown>;
}

/** Record-keeping activities retry until the database is back; they must never strand a token. */
const recordKeeping = proxyActivities<EngineActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

function serviceActivities(attempts: number): EngineActivities {
  return proxyActivities<EngineActivities>({
    startToCloseTimeout: '10 minutes',
    // the activity heartbeats every 2 s (activities/service-tasks/registry.ts)
    heartbeatTimeout: '10 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: attempts },
  });
}

function fail(type: FailureType, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
}

/** The candidate group (or relation) under which the actor may work on the task, if any. */
export function actingRole(task: OpenTask, actor: Actor): string | undefined {
  if (task.assignee && task.assignee !== actor.username) {
    // a counter office's agent completes the tasks the process gave the company's applicant
    return actor.onBehalfOf !== undefined && actor.onBehalfOf === task.assignee && !task.claimed ? 'agent' : undefined;
  }
  if (task.assignee && !task.claimed) return 'assignee';
  if (task.candidateUsers.includes(actor.username)) return 'candidate-user';
  return task.candidateGroups.find((g) => actor.groups.includes(g));
}

const KIND_NAMES: Record<CarriableKind, string> = {
  userTask: 'a user task',
  receiveTask: 'a receive task',
  timerCatch: 'a timer catch event',
  messageCatch: 'a message catch event',
  signalCatch: 'a signal catch event',
};

export async function processWorkflow(rawInput: ProcessInput): Promise<ProcessResult> {
  const input: ProcessInput = { ...rawInput, graph: upgradeGraph(rawInput.graph) };
  const instance = { trackingNumber: input.trackingNumber, applicationId: input.applicationId };
  const openTasks = new Map<string, OpenTask>();
  const completions = new Map<string, UserTaskCompletion>();
  /** Who completed each element's user tasks, for four-eyes rules. */
  const completers = new Map<string, Set<string>>(Object.entries(input.carried?.completers ?? {}).map(([k, v]) => [k, new Set(v)]));
  const incidents = new Map<string, Incident>();
  const retriedIncidents = new Set<string>();
  const channels = new Channels();
  channels.clockOffsetMs = input.carried?.clockOffsetMs ?? 0;
  if (input.carried?.messages) channels.restore(input.carried.messages);
  const continuations = input.carried?.continuations ?? 0;
  const inFlight = countingInFlight();
  let finished = false;
  let migration: MigrateInstanceArgs | undefined;

  const tracked = inFlight.wrap(recordKeeping);
  const engine = new Interpreter(input, channels, {
    recordKeeping: tracked,
    serviceActivities: (attempts) => inFlight.wrap(serviceActivities(attempts)),
    async waitForUserTask(task) {
      openTasks.set(task.taskId, task);
      try {
        await condition(() => completions.has(task.taskId));
      } finally {
        openTasks.delete(task.taskId);
      }
      const done = completions.get(task.taskId)!;
      const set = completers.get(task.elementId) ?? new Set<string>();
      completers.set(task.elementId, set.add(done.completedBy));
      return done;
    },
    raiseIncident: (incident) => incidents.set(incident.incidentId, incident),
    resolveIncident: (incidentId) => incidents.delete(incidentId),
    incidentRetried: (incidentId) => retriedIncidents.has(incidentId),
  });

  const state = (): InstanceState => ({
    status: finished ? 'completed' : incidents.size ? 'incident' : 'running',
    outcome: engine.outcome,
    activeElements: engine.activeElements(),
    openTasks: [...openTasks.values()],
    waits: engine.openWaits(),
    clock: new Date(channels.now()).toISOString(),
    incidents: [...incidents.values()],
    completed: [...engine.completed],
    variables: engine.root.locals,
    definition: input.definition,
    continuations,
  });

  // ---- message handlers ------------------------------------------------------------------

  setHandler(getStateQuery, state);
  setHandler(deliverMessageSignal, (message) => channels.deliverMessage(message));
  setHandler(deliverSignalSignal, (signal) => channels.deliverSignal(signal));
  // escalations across call activities: from a called instance, and the answers of this one's caller
  setHandler(childEscalationSignal, (escalation) => engine.childEscalated(escalation));
  setHandler(escalationAnsweredSignal, (answer) => engine.escalationAnswered(answer));

  const checkCompletion = ({ taskId, actor, values }: CompleteUserTaskArgs) => {
    const task = openTasks.get(taskId);
    if (!task || completions.has(taskId)) fail(FailureType.NotFound, `no open task ${taskId}`);
    const role = actingRole(task, actor);
    if (!role) fail(FailureType.NotAuthorised, `${actor.username} may not complete task ${taskId} (${task.elementId})`);
    const earlier = (task.notCompletedBy ?? []).find((elementId) => completers.get(elementId)?.has(actor.username));
    if (earlier) fail(FailureType.NotAuthorised, `four eyes: ${actor.username} completed ${earlier} and may not also complete ${task.elementId}`);
    const result = task.form ? validateFormInput(task.form, values, task.formContext) : { ok: true as const, values: { ...values } };
    if (!result.ok) fail(FailureType.InvalidInput, `the form of task ${taskId} has invalid fields`, { errors: result.errors });
    return { task, role, values: result.values };
  };

  setHandler(
    completeUserTaskUpdate,
    (args) => {
      const { task, role, values } = checkCompletion(args);
      const completion: UserTaskCompletion = {
        taskId: task.taskId,
        elementId: task.elementId,
        completedAt: new Date().toISOString(),
        completedBy: args.actor.username,
        completedByRole: role,
        values,
      };
      completions.set(task.taskId, completion);
      log.info('user task completed', { taskId: task.taskId, elementId: task.elementId });
      return { taskId: completion.taskId, elementId: completion.elementId, completedAt: completion.completedAt };
    },
    { validator: (args) => void checkCompletion(args) },
  );

  const checkClaim = ({ taskId, actor }: ClaimTaskArgs): OpenTask => {
    const task = openTasks.get(taskId);
    if (!task || completions.has(taskId)) fail(FailureType.NotFound, `no open task ${taskId}`);
    if (task.assignee && !task.claimed) fail(FailureType.Refused, `task ${taskId} is assigned by the process and cannot be claimed`);
    if (task.assignee && task.assignee !== actor.username) fail(FailureType.Refused, `task ${taskId} is already claimed by someone else`);
    if (!actingRole(task, actor)) fail(FailureType.NotAuthorised, `${actor.username} is not a candidate for task ${taskId}`);
    return task;
  };
  setHandler(
    claimTaskUpdate,
    async (args) => {
      const task = checkClaim(args);
      if (task.assignee !== args.actor.username) {
        openTasks.set(task.taskId, { ...task, assignee: args.actor.username, claimed: true });
        await tracked.assignUserTask({ ...instance, taskId: task.taskId, assignee: args.actor.username, actor: args.actor.username });
      }
      return { taskId: task.taskId, assignee: args.actor.username };
    },
    { validator: (args) => void checkClaim(args) },
  );

  const checkUnclaim = ({ taskId, actor }: ClaimTaskArgs): OpenTask => {
    const task = openTasks.get(taskId);
    if (!task || completions.has(taskId)) fail(FailureType.NotFound, `no open task ${taskId}`);
    if (!task.claimed) fail(FailureType.Refused, `task ${taskId} is not claimed`);
    if (task.assignee !== actor.username && !actor.roles.includes('admin')) fail(FailureType.NotAuthorised, `only ${task.assignee} or an administrator may unclaim task ${taskId}`);
    return task;
  };
  setHandler(
    unclaimTaskUpdate,
    async (args) => {
      const task = checkUnclaim(args);
      const { assignee: _released, claimed: _claimed, ...unassigned } = task;
      openTasks.set(task.taskId, unassigned);
      await tracked.assignUserTask({ ...instance, taskId: task.taskId, assignee: null, actor: args.actor.username });
      return { taskId: task.taskId };
    },
    { validator: (args) => void checkUnclaim(args) },
  );

  const checkRetry = ({ incidentId, actor }: { incidentId: string; actor: Actor }) => {
    if (!incidents.has(incidentId) || retriedIncidents.has(incidentId)) fail(FailureType.NotFound, `no open incident ${incidentId}`);
    if (!actor.roles.includes('admin')) fail(FailureType.NotAuthorised, 'only administrators may retry incidents');
  };
  setHandler(
    retryIncidentUpdate,
    (args) => {
      checkRetry(args);
      retriedIncidents.add(args.incidentId);
      return { incidentId: args.incidentId };
    },
    { validator: checkRetry },
  );

  const checkAdvance = ({ byMs, actor }: { byMs: number; actor: Actor }) => {
    if (!input.clockControl) fail(FailureType.NotAuthorised, 'this instance was not started with clock control');
    if (!actor.roles.includes('admin')) fail(FailureType.NotAuthorised, 'only administrators may move the clock');
    if (!Number.isSafeInteger(byMs) || byMs <= 0) fail(FailureType.InvalidInput, 'byMs must be a positive whole number of milliseconds');
  };
  setHandler(
    advanceClockUpdate,
    (args) => {
      checkAdvance(args);
      channels.clockOffsetMs += args.byMs;
      return { clock: new Date(channels.now()).toISOString() };
    },
    { validator: checkAdvance },
  );

  /** `insideHandler`: asked from an update handler, which itself counts as a handler under way. */
  // A completion accepted but not yet taken up by its token would be lost in a hand-over: not quiet.
  const completionPending = () => [...openTasks.keys()].some((taskId) => completions.has(taskId));
  const snapshot = (insideHandler = false): Omit<CarriedState, 'continuations'> | undefined =>
    inFlight.count() === 0 && incidents.size === 0 && !completionPending() && (insideHandler || allHandlersFinished())
      ? engine.snapshot([...openTasks.values()], Object.fromEntries([...completers].map(([k, v]) => [k, [...v]])), channels.clockOffsetMs)
      : undefined;

  const checkMigration = (args: MigrateInstanceArgs, insideHandler = false) => {
    if (!args.actor.roles.includes('admin')) fail(FailureType.NotAuthorised, 'only administrators may migrate instances');
    if (migration) fail(FailureType.Refused, 'a migration of this instance is already under way');
    const state = snapshot(insideHandler);
    if (!state) {
      fail(
        FailureType.Refused,
        'the instance can be migrated only while every token of the process waits at a user task, a receive task or a timer, message or signal catch event (boundary events: timers, messages, signals) and nothing else is under way',
      );
    }
    const target = upgradeGraph(args.graph);
    // a token moves only to the same kind of wait: a user task to a user task, a timer catch event to a timer catch event, …
    const kindOf = (t: { elementId: string }) => carriableKind(input.graph.elements[t.elementId], input.graph);
    const stranded = state.tokens.filter((t) => carriableKind(target.elements[args.mapping[t.elementId] ?? t.elementId], target) !== kindOf(t));
    if (stranded.length > 0) {
      const waits = stranded.map((t) => `${t.elementId} (${KIND_NAMES[kindOf(t)!]})`).join(', ');
      fail(
        FailureType.Refused,
        `the migration would strand tokens at ${stranded.map((t) => t.elementId).join(', ')}: map each to an element of the same kind in version ${args.definition.version} — ${waits} — without loops or mappings, with boundary events only of the kinds carried (timers, messages, signals)`,
        { stranded: stranded.map((t) => t.elementId) },
      );
    }
  };
  setHandler(
    migrateInstanceUpdate,
    (args) => {
      checkMigration(args, true);
      migration = args;
      return { version: args.definition.version };
    },
    { validator: (args) => checkMigration(args) },
  );

  // ---- run --------------------------------------------------------------------------------

  // Long waits at human tasks keep the history short: continue as new with the carried state once
  // it grows (or when a migration asks for it) and the instance is quiet.
  // a floor, so that a fresh run carrying many tokens cannot continue again at once
  const limit = Math.max(input.continueAsNewAfterEvents ?? 4_000, 50);
  // the state to carry is taken when the condition holds, not recomputed after other code ran
  let handOver: Omit<CarriedState, 'continuations'> | undefined;
  const shouldContinue = () => {
    if (migration === undefined && workflowInfo().historyLength < limit && !workflowInfo().continueAsNewSuggested) return false;
    handOver = snapshot();
    return handOver !== undefined;
  };
  let ended: boolean;
  const running = engine.run();
  try {
    ended = await Promise.race([running.then(() => true), condition(shouldContinue).then(() => false)]);
  } catch (err) {
    if (isCancellation(err)) {
      // cancelled (by an administrator, or by the caller of a called instance): wait until every token
      // has wound down — withdrawn its task, and each called instance has ended its own cancellation —
      // then record why and end (ending at once would let Temporal terminate called instances
      // mid-way, their tasks left open).
      await running.catch(() => undefined);
      if (!input.parent) {
        await CancellationScope.nonCancellable(() => recordKeeping.recordApplicationStatus({ ...instance, status: 'cancelled', message: 'cancelled by an administrator' }));
      }
    }
    throw err;
  }
  if (!ended) {
    const carried = handOver!;
    const next: ProcessInput = migration
      ? {
          ...input,
          definition: migration.definition,
          graph: migration.graph,
          carried: { ...carried, continuations: continuations + 1, tokens: carried.tokens.map(({ boundaryTimers: _restart, ...t }) => ({ ...t, elementId: migration!.mapping[t.elementId] ?? t.elementId, reopen: true })) },
        }
      : { ...input, carried: { ...carried, continuations: continuations + 1 } };
    log.info(migration ? 'migrating to another version' : 'continuing as new', { version: next.definition.version, continuations: continuations + 1 });
    await continueAsNew<typeof processWorkflow>(next);
  }
  finished = true;
  if (!input.parent) await recordKeeping.recordApplicationStatus({ ...instance, status: 'completed', outcome: engine.outcome });
  await condition(allHandlersFinished);
  return { outcome: engine.outcome, variables: engine.root.locals };
}
