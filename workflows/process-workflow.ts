/**
 * The one generic interpreter workflow: it runs any compiled BPMN graph. One execution per
 * application (workflow id = tracking number), pinned to the graph it was started with.
 *
 * Workflow code is deterministic: no I/O here; every side effect is an activity (activities-api.ts).
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { EngineActivities } from './activities-api';
import { behaviorOf } from './elements';
import type { ExecutionContext, UserTaskCompletion } from './elements/context';
import { arriveAtJoin, JoinCounts } from './elements/gateways/parallel';
import { FailureType } from './errors';
import type { Variables } from './expressions/feel';
import { validateFormInput } from './forms/validate-form';
import { Actor, CompleteUserTaskArgs, completeUserTaskUpdate, getStateQuery, retryIncidentUpdate } from './messages';
import type { Incident, InstanceState, OpenTask, ProcessInput, StepRecord } from './state';

export interface ProcessResult {
  outcome?: string;
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
  if (task.assignee) return task.assignee === actor.username ? 'assignee' : undefined;
  if (task.candidateUsers.includes(actor.username)) return 'candidate-user';
  return task.candidateGroups.find((g) => actor.groups.includes(g));
}

export async function processWorkflow(input: ProcessInput): Promise<ProcessResult> {
  const { graph } = input;
  const instance = { trackingNumber: input.trackingNumber, applicationId: input.applicationId };
  let variables: Variables = { ...input.variables };
  const activations = new Map<string, number>();
  const openTasks = new Map<string, OpenTask>();
  const completions = new Map<string, UserTaskCompletion>();
  const incidents = new Map<string, Incident>();
  const retriedIncidents = new Set<string>();
  const activeElements: string[] = [];
  const joinCounts = new Map<string, JoinCounts>();
  const completed: StepRecord[] = [];
  let outcome: string | undefined;
  let finished = false;

  const state = (): InstanceState => ({
    status: finished ? 'completed' : incidents.size ? 'incident' : 'running',
    outcome,
    activeElements: [...activeElements],
    openTasks: [...openTasks.values()],
    incidents: [...incidents.values()],
    completed: [...completed],
    variables,
    definition: input.definition,
  });

  // ---- message handlers ------------------------------------------------------------------

  setHandler(getStateQuery, state);

  const checkCompletion = ({ taskId, actor, values }: CompleteUserTaskArgs) => {
    const task = openTasks.get(taskId);
    if (!task || completions.has(taskId)) fail(FailureType.NotFound, `no open task ${taskId}`);
    const role = actingRole(task, actor);
    if (!role) fail(FailureType.NotAuthorised, `${actor.username} may not complete task ${taskId} (${task.elementId})`);
    const result = task.form ? validateFormInput(task.form, values) : { ok: true as const, values: { ...values } };
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

  // ---- the execution context element behaviours see ---------------------------------------

  const ctx: ExecutionContext = {
    instance,
    graph,
    variables: () => variables,
    mergeVariables(values) {
      variables = { ...variables, ...values };
    },
    nextActivation(elementId) {
      const n = (activations.get(elementId) ?? 0) + 1;
      activations.set(elementId, n);
      return n;
    },
    activities: (attempts) => (attempts === undefined ? recordKeeping : serviceActivities(attempts)),
    async waitForUserTask(task) {
      openTasks.set(task.taskId, task);
      await condition(() => completions.has(task.taskId));
      openTasks.delete(task.taskId);
      return completions.get(task.taskId)!;
    },
    arriveAtJoin(gatewayId, viaFlow) {
      const counts = joinCounts.get(gatewayId) ?? new Map<string, number>();
      joinCounts.set(gatewayId, counts);
      return arriveAtJoin(counts, graph.elements[gatewayId].incoming, viaFlow);
    },
    async withIncidents(elementId, fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await fn();
        } catch (err) {
          if (isCancellation(err)) throw err; // cancelling the application is not an incident
          const incidentId = `${elementId}/${ctx.nextActivation(`incident:${elementId}`)}`;
          const message = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
          incidents.set(incidentId, { incidentId, elementId, message, at: new Date().toISOString() });
          log.warn('incident raised', { elementId, incidentId, message });
          await recordKeeping.recordApplicationStatus({ ...instance, status: 'incident', elementId, message });
          await condition(() => retriedIncidents.has(incidentId));
          incidents.delete(incidentId);
          await recordKeeping.recordApplicationStatus({ ...instance, status: 'running', elementId });
        }
      }
    },
  };

  // ---- the token loop ----------------------------------------------------------------------

  /** Moves one token from elementId until it is consumed (end event, join); forks spawn more tokens. */
  async function runToken(elementId: string, viaFlow?: string): Promise<void> {
    let current = elementId;
    let arrivedBy = viaFlow;
    for (;;) {
      const node = graph.elements[current];
      activeElements.push(current);
      const next = await behaviorOf(node).execute(node, ctx, { viaFlow: arrivedBy });
      activeElements.splice(activeElements.indexOf(current), 1);
      const consumed = 'take' in next && next.take.length === 0; // waiting at a join: not completed
      if (!consumed) completed.push({ elementId: current, at: new Date().toISOString() });
      if ('end' in next) {
        if (next.end.outcome !== undefined) outcome = next.end.outcome;
        return;
      }
      if (next.take.length === 1) {
        arrivedBy = next.take[0];
        current = graph.flows[arrivedBy].targetRef;
        continue;
      }
      await Promise.all(next.take.map((flowId) => runToken(graph.flows[flowId].targetRef, flowId)));
      return;
    }
  }

  await Promise.all(graph.startEventIds.map((id) => runToken(id)));
  finished = true;
  await recordKeeping.recordApplicationStatus({ ...instance, status: 'completed', outcome });
  await condition(allHandlersFinished);
  return { outcome };
}
