/**
 * The one generic interpreter workflow: it runs any compiled BPMN graph. One execution per
 * application (workflow id = tracking number), pinned to the graph it was started with.
 *
 * Workflow code is deterministic: no I/O here; every side effect is an activity (activities-api.ts).
 */
import { CancellationScope, allHandlersFinished, condition, continueAsNew, isCancellation, log, proxyActivities, proxyLocalActivities, setHandler, workflowInfo, type RetryPolicy } from '@temporalio/workflow';
import type { EngineActivities } from './activities-api';
import type { UserTaskCompletion } from './elements/context';
import { upgradeGraph } from './graph/upgrade';
import {
  childEscalationSignal,
  escalationAnsweredSignal,
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
import { Interpreter } from './runtime/interpreter';
import { countingInFlight } from './runtime/in-flight';
import { TaskAuthorisation } from './runtime/task-authorisation';
import type { CarriedState, Incident, InstanceState, OpenTask, ProcessInput } from './state';

export interface ProcessResult {
  outcome?: string;
  /** The process-level variables at the end (a calling process maps them back). */
  variables?: Record<string, unknown>;
}

/** Record-keeping activities retry until the database is back; they must never strand a token. */
const RECORD_KEEPING_RETRY: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' };

/**
 * Record keeping (task records, status, subscriptions, lookups: short database writes and reads)
 * runs as local activities in the worker that runs the instance: no task-queue round trip and far
 * fewer history events. Publishing stays a normal activity: it signals every matching instance
 * through Temporal, so its time grows with the number of running instances, and a local activity
 * would hold the instance's workflow task for that long; and so do the effects of an update (below).
 */
function recordKeepingActivities(): EngineActivities {
  const remote = proxyActivities<EngineActivities>({ startToCloseTimeout: '1 minute', retry: RECORD_KEEPING_RETRY });
  const local = proxyLocalActivities<EngineActivities>({ startToCloseTimeout: '1 minute', localRetryThreshold: '10 seconds', retry: RECORD_KEEPING_RETRY });
  return new Proxy(local, { get: (target, name) => Reflect.get(FAN_OUT.has(name) || UPDATE_EFFECTS.has(name) ? remote : target, name) });
}

const FAN_OUT = new Set<string | symbol>(['publishMessage', 'broadcastSignal'] satisfies (keyof EngineActivities)[]);

/**
 * What an update's acceptance changes in the records. A local activity would write it inside the
 * workflow task that accepted the update, before Temporal has saved that task: if the task is lost
 * (a worker killed, the server restarted), so is the update, but the row would already say closed
 * or claimed. A normal activity is scheduled only once the workflow task is saved.
 */
const UPDATE_EFFECTS = new Set<string | symbol>(['closeUserTask', 'assignUserTask'] satisfies (keyof EngineActivities)[]);

function serviceActivities(attempts: number, local: boolean): EngineActivities {
  const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: attempts };
  if (local) return proxyLocalActivities<EngineActivities>({ startToCloseTimeout: '1 minute', localRetryThreshold: '10 seconds', retry });
  return proxyActivities<EngineActivities>({
    startToCloseTimeout: '10 minutes',
    // the activity heartbeats every 2 s (activities/service-tasks/registry.ts)
    heartbeatTimeout: '10 seconds',
    retry,
  });
}

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

  const recordKeeping = recordKeepingActivities();
  const tracked = inFlight.wrap(recordKeeping);
  const engine = new Interpreter(input, channels, {
    recordKeeping: tracked,
    serviceActivities: (attempts, local) => inFlight.wrap(serviceActivities(attempts, local)),
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

  const authorisation = new TaskAuthorisation({
    graph: input.graph,
    clockControl: input.clockControl === true,
    openTasks,
    completions,
    completers,
    incidents,
    retriedIncidents,
    migrating: () => migration !== undefined,
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
    takenFlows: engine.takenFlows(),
    iterations: [...engine.iterations],
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

  setHandler(
    completeUserTaskUpdate,
    (args) => {
      const { task, role, values } = authorisation.checkCompletion(args);
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
    { validator: (args) => void authorisation.checkCompletion(args) },
  );

  setHandler(
    claimTaskUpdate,
    async (args) => {
      const task = authorisation.checkClaim(args);
      if (task.assignee !== args.actor.username) {
        openTasks.set(task.taskId, { ...task, assignee: args.actor.username, claimed: true });
        await tracked.assignUserTask({ ...instance, taskId: task.taskId, assignee: args.actor.username, actor: args.actor.username });
      }
      return { taskId: task.taskId, assignee: args.actor.username };
    },
    { validator: (args) => void authorisation.checkClaim(args) },
  );

  setHandler(
    unclaimTaskUpdate,
    async (args) => {
      const task = authorisation.checkUnclaim(args);
      const { assignee: _released, claimed: _claimed, ...unassigned } = task;
      openTasks.set(task.taskId, unassigned);
      await tracked.assignUserTask({ ...instance, taskId: task.taskId, assignee: null, actor: args.actor.username });
      return { taskId: task.taskId };
    },
    { validator: (args) => void authorisation.checkUnclaim(args) },
  );

  setHandler(
    retryIncidentUpdate,
    (args) => {
      authorisation.checkRetry(args);
      retriedIncidents.add(args.incidentId);
      return { incidentId: args.incidentId };
    },
    { validator: (args) => authorisation.checkRetry(args) },
  );

  setHandler(
    advanceClockUpdate,
    (args) => {
      authorisation.checkAdvance(args);
      channels.clockOffsetMs += args.byMs;
      return { clock: new Date(channels.now()).toISOString() };
    },
    { validator: (args) => authorisation.checkAdvance(args) },
  );

  /** `insideHandler`: asked from an update handler, which itself counts as a handler under way. */
  // A completion accepted but not yet taken up by its token would be lost in a hand-over: not quiet.
  const completionPending = () => [...openTasks.keys()].some((taskId) => completions.has(taskId));
  const snapshot = (insideHandler = false): Omit<CarriedState, 'continuations'> | undefined =>
    inFlight.count() === 0 && incidents.size === 0 && !completionPending() && (insideHandler || allHandlersFinished())
      ? engine.snapshot([...openTasks.values()], Object.fromEntries([...completers].map(([k, v]) => [k, [...v]])), channels.clockOffsetMs)
      : undefined;

  setHandler(
    migrateInstanceUpdate,
    (args) => {
      authorisation.checkMigration(args, () => snapshot(true));
      migration = args;
      return { version: args.definition.version };
    },
    { validator: (args) => authorisation.checkMigration(args, () => snapshot()) },
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
