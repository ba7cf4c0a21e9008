/**
 * Runs one instance of a BPMN model on the real engine and drives it to its end: completes every
 * user task that opens (child instances of call activities included), moves the instance's engine
 * clock to the next due timer when nothing else can move (an accelerated clock, not real waiting),
 * and reports what happened. Behind `npm run bpmn -- run` and the engine's conformance tests.
 */
import type { Client } from '@temporalio/client';
import { compileBpmn, type Problem } from '../../compiler';
import type { Db } from '../../prisma/client';
import { DeployRejected, compileOptionsFor, deployBpmn, deployDmn } from '../../portal/server/services/deploy-definition';
import { newTrackingNumber } from '../../activities/applications/tracking-number';
import { advanceClockUpdate, completeUserTaskUpdate, getStateQuery, type Actor } from '../../workflows/messages';
import type { InstanceState, ProcessInput } from '../../workflows/state';
import type { ProcessGraph, StartEventNode } from '../../workflows/graph/types';

export interface RunOptions {
  xml: string;
  /** DMN files to deploy first (decisions the model's business rule tasks call). */
  dmn?: string[];
  /** Process to start; default: the first executable process in the file. */
  processId?: string;
  /**
   * How to start a process that has no none start event: by its message start event of this
   * message name, its signal start event of this signal name, or its timer start event (fired now).
   */
  start?: { message?: string; signal?: string; timer?: boolean };
  variables?: Record<string, unknown>;
  /** Input per user-task element id; tasks not listed are completed with `{}`. */
  complete?: Record<string, Record<string, unknown>>;
  /** User-task element ids the driver leaves open (to let timers on them fire). */
  leaveOpen?: string[];
  stubServices?: boolean;
  /** Give up (state `waiting`) when the instance has not moved for this long. */
  idleTimeoutMs?: number;
  /** Continue-as-new threshold for the instance (tests of long-lived instances). */
  continueAsNewAfterEvents?: number;
  /**
   * How long a task stays open before the driver completes it, as a person's would. Without it the
   * completion can arrive while the task's record is still being written, and an instance hands
   * over (continue-as-new) only while nothing is under way.
   */
  thinkTimeMs?: number;
  taskQueue: string;
}

export interface RunReport {
  state: 'completed' | 'failed' | 'waiting' | 'rejected';
  trackingNumber?: string;
  completed: string[];
  /** Each finished iteration of a multi-instance or loop activity, in order (absent when none ran). */
  iterations?: { elementId: string; loopCounter: number }[];
  variables: Record<string, unknown>;
  problems: { elementId: string; rule: string; message: string }[];
}

const POLL_MS = 150;
const RUNNER_USER = 'admin';

export async function runModel(db: Db, client: Client, options: RunOptions): Promise<RunReport> {
  const started = await startModel(db, client, options);
  return 'state' in started ? started : drive(client, started.trackingNumber, options);
}

/**
 * Deploys the model (and its DMN files) and starts one instance with clock control, without driving
 * it: the tracking number, or the report of a model that was rejected.
 */
export async function startModel(db: Db, client: Client, options: RunOptions): Promise<{ trackingNumber: string } | RunReport> {
  for (const dmn of options.dmn ?? []) {
    try {
      await deployDmn(db, dmn, null);
    } catch (err) {
      if (err instanceof DeployRejected) return { state: 'rejected', completed: [], variables: {}, problems: err.problems.filter((p) => p.severity === 'error').map(plain) };
      throw err;
    }
  }
  const compiled = await compileBpmn(options.xml, await compileOptionsFor(db));
  if (!compiled.ok) return { state: 'rejected', completed: [], variables: {}, problems: compiled.problems.filter((p) => p.severity === 'error').map(plain) };
  const processId = options.processId ?? compiled.processes[0]?.processId;
  if (!compiled.processes.some((p) => p.processId === processId)) {
    return { state: 'rejected', completed: [], variables: {}, problems: [{ elementId: processId ?? 'definitions', rule: 'no-such-process', message: `the file has no executable process "${processId}"` }] };
  }
  const graph = compiled.processes.find((p) => p.processId === processId)!.graph;
  const start = chooseStartEvent(graph, options.start);
  if ('problem' in start) return { state: 'rejected', completed: [], variables: {}, problems: [{ elementId: processId!, rule: 'start-event', message: start.problem }] };
  const admin = await db.user.findUniqueOrThrow({ where: { username: RUNNER_USER } });
  await deployBpmn(db, options.xml, admin);
  const input = { ...(await createInstance(db, admin.id, processId!, options)), ...(start.startEventId ? { startEventId: start.startEventId } : {}) };
  await client.workflow.start('processWorkflow', { workflowId: input.trackingNumber, taskQueue: options.taskQueue, args: [input] });
  await db.application.update({ where: { id: input.applicationId }, data: { status: 'running' } });
  return { trackingNumber: input.trackingNumber };
}

/**
 * The start event to run: the none start event unless a trigger is asked for; a process that starts
 * only by message, signal or timer is not started by hand, and the answer names how it can start.
 */
export function chooseStartEvent(graph: ProcessGraph, wanted: RunOptions['start']): { startEventId?: string } | { problem: string } {
  const starts = graph.startEventIds.map((id) => graph.elements[id]).filter((n): n is StartEventNode => n?.kind === 'startEvent' && n.parent === undefined);
  const how = (n: StartEventNode): string => {
    const t = n.trigger;
    if (!t) return 'by hand';
    if (t.type === 'message') return 'literal' in t.messageName ? `--message ${t.messageName.literal}` : `a message (name given by FEEL)`;
    if (t.type === 'signal') return `--signal ${t.signalName}`;
    if (t.type === 'timer') return '--timer';
    return t.type;
  };
  const ways = starts.map(how).join(', ');
  if (wanted?.message !== undefined) {
    const found = starts.find((n) => n.trigger?.type === 'message' && 'literal' in n.trigger.messageName && n.trigger.messageName.literal === wanted.message);
    return found ? { startEventId: found.id } : { problem: `the process has no message start event for message "${wanted.message}"; it starts: ${ways}` };
  }
  if (wanted?.signal !== undefined) {
    const found = starts.find((n) => n.trigger?.type === 'signal' && n.trigger.signalName === wanted.signal);
    return found ? { startEventId: found.id } : { problem: `the process has no signal start event for signal "${wanted.signal}"; it starts: ${ways}` };
  }
  if (wanted?.timer) {
    const found = starts.find((n) => n.trigger?.type === 'timer');
    return found ? { startEventId: found.id } : { problem: `the process has no timer start event; it starts: ${ways}` };
  }
  if (starts.some((n) => !n.trigger)) return {};
  return { problem: `the process has no none start event, so it is not started by hand; start it with ${ways}` };
}

async function createInstance(db: Db, adminId: string, processId: string, options: RunOptions): Promise<ProcessInput> {
  const def = await db.processDefinition.findFirstOrThrow({ where: { key: processId }, orderBy: { version: 'desc' } });
  const org = await db.organisation.findFirst({ orderBy: { createdAt: 'asc' } });
  if (!org) throw new Error('the database has no organisation to run the model for; run `npm run setup` first');
  const trackingNumber = newTrackingNumber('RUN');
  const app = await db.application.create({
    data: {
      trackingNumber,
      definitionId: def.id,
      processKey: def.key,
      processVersion: def.version,
      organisationId: org.id,
      applicantId: adminId,
      status: 'submitted',
      submittedData: JSON.stringify(options.variables ?? {}),
    },
  });
  return {
    trackingNumber,
    applicationId: app.id,
    definition: { id: def.id, key: def.key, version: def.version, sha256: def.sha256 },
    graph: JSON.parse(def.graph) as ProcessInput['graph'],
    variables: { ...(options.variables ?? {}), trackingNumber },
    clockControl: true,
    ...(options.stubServices ? { stubServices: true } : {}),
    ...(options.continueAsNewAfterEvents ? { continueAsNewAfterEvents: options.continueAsNewAfterEvents } : {}),
  };
}

async function drive(client: Client, trackingNumber: string, options: RunOptions): Promise<RunReport> {
  const idleTimeout = options.idleTimeoutMs ?? 10_000;
  let lastChange = Date.now();
  let lastFingerprint = '';
  for (;;) {
    const root = await queryState(client, trackingNumber);
    if (root === undefined) {
      const { status } = await client.workflow.getHandle(trackingNumber).describe();
      if (status.name !== 'RUNNING') return finalState(client, trackingNumber, undefined);
      await new Promise((r) => setTimeout(r, POLL_MS)); // its first workflow task has not run yet
      continue;
    }
    if (root.status === 'completed') return finalState(client, trackingNumber, root);
    const instances = await collectInstances(client, trackingNumber, root);
    const incidents = instances.flatMap(({ state }) => state.incidents);
    if (incidents.length > 0) {
      return report('failed', trackingNumber, root, incidents.map((i) => ({ elementId: i.elementId, rule: 'incident', message: i.message })));
    }
    // one task at a time, then look again: completing one may withdraw others (a quorum reached)
    const next = instances
      .flatMap(({ workflowId, state }) => state.openTasks.map((task) => ({ workflowId, task })))
      .find(({ task }) => !options.leaveOpen?.includes(task.elementId));
    let acted = false;
    if (next && options.thinkTimeMs && Date.now() - Date.parse(next.task.createdAt) < options.thinkTimeMs) {
      await new Promise((r) => setTimeout(r, options.thinkTimeMs! - (Date.now() - Date.parse(next.task.createdAt))));
      continue;
    }
    if (next) {
      const { workflowId, task } = next;
      const actor: Actor = { username: task.assignee ?? task.candidateUsers[0] ?? RUNNER_USER, roles: ['admin'], groups: task.candidateGroups };
      const values = options.complete?.[task.elementId] ?? {};
      try {
        await client.workflow.getHandle(workflowId).executeUpdate(completeUserTaskUpdate, { args: [{ taskId: task.taskId, actor, values }] });
        acted = true;
      } catch (err) {
        if (!/no open task/.test(messageOf(err))) {
          return report('failed', trackingNumber, root, [{ elementId: task.elementId, rule: 'task-rejected', message: messageOf(err) }]);
        }
      }
    }
    const fingerprint = JSON.stringify(instances.map(({ state }) => [state.completed.length, state.activeElements, state.waits]));
    if (fingerprint !== lastFingerprint) {
      lastFingerprint = fingerprint;
      lastChange = Date.now();
    }
    if (!acted && Date.now() - lastChange > 600) {
      const timer = earliestTimer(instances);
      if (timer) {
        const byMs = Math.max(1, timer.dueAt - Date.parse(timer.state.clock) + 1);
        await client.workflow.getHandle(timer.workflowId).executeUpdate(advanceClockUpdate, { args: [{ byMs, actor: { username: RUNNER_USER, roles: ['admin'], groups: [] } }] });
        lastChange = Date.now();
        continue;
      }
      if (Date.now() - lastChange > idleTimeout) {
        const waits = instances.flatMap(({ state }) => state.waits).map((w) => ({ elementId: w.elementId, rule: 'waiting', message: `waiting for ${describeWait(w)}` }));
        // tasks the caller chose to leave open are expected, not something the run is stuck on
        const tasks = instances.flatMap(({ state }) => state.openTasks).filter((t) => !options.leaveOpen?.includes(t.elementId)).map((t) => ({ elementId: t.elementId, rule: 'waiting', message: `waiting for user task "${t.name ?? t.elementId}" to be completed` }));
        return report('waiting', trackingNumber, root, [...tasks, ...waits]);
      }
    }
    await new Promise((r) => setTimeout(r, acted ? 20 : POLL_MS));
  }
}

interface Instance {
  workflowId: string;
  state: InstanceState;
}

async function collectInstances(client: Client, workflowId: string, state: InstanceState): Promise<Instance[]> {
  const all: Instance[] = [{ workflowId, state }];
  for (const wait of state.waits) {
    if (wait.kind !== 'call') continue;
    const child = await queryState(client, wait.workflowId);
    if (child && child.status !== 'completed') all.push(...(await collectInstances(client, wait.workflowId, child)));
  }
  return all;
}

function earliestTimer(instances: Instance[]): { workflowId: string; state: InstanceState; dueAt: number } | undefined {
  let best: { workflowId: string; state: InstanceState; dueAt: number } | undefined;
  for (const { workflowId, state } of instances) {
    for (const wait of state.waits) {
      if (wait.kind !== 'timer') continue;
      const dueAt = Date.parse(wait.dueAt);
      if (!best || dueAt < best.dueAt) best = { workflowId, state, dueAt };
    }
  }
  return best;
}

async function queryState(client: Client, workflowId: string): Promise<InstanceState | undefined> {
  try {
    return await client.workflow.getHandle(workflowId).query(getStateQuery);
  } catch {
    return undefined; // not started yet, or a child that already finished
  }
}

async function finalState(client: Client, trackingNumber: string, state: InstanceState | undefined): Promise<RunReport> {
  const handle = client.workflow.getHandle(trackingNumber);
  try {
    const result = (await handle.result()) as { variables?: Record<string, unknown> };
    const final = state ?? (await queryState(client, trackingNumber));
    return { state: 'completed', trackingNumber, completed: final?.completed.map((s) => s.elementId) ?? [], ...iterationsOf(final), variables: result.variables ?? final?.variables ?? {}, problems: [] };
  } catch (err) {
    return { state: 'failed', trackingNumber, completed: state?.completed.map((s) => s.elementId) ?? [], ...iterationsOf(state), variables: state?.variables ?? {}, problems: [{ elementId: trackingNumber, rule: 'workflow-failed', message: messageOf(err) }] };
  }
}

function report(state: RunReport['state'], trackingNumber: string, root: InstanceState, problems: RunReport['problems']): RunReport {
  return { state, trackingNumber, completed: root.completed.map((s) => s.elementId), ...iterationsOf(root), variables: root.variables, problems };
}

function iterationsOf(state: InstanceState | undefined): Pick<RunReport, 'iterations'> {
  const iterations = (state?.iterations ?? []).map(({ elementId, loopCounter }) => ({ elementId, loopCounter }));
  return iterations.length > 0 ? { iterations } : {};
}

function describeWait(wait: InstanceState['waits'][number]): string {
  switch (wait.kind) {
    case 'message':
      return `message "${wait.name}" with correlation key "${wait.correlationKey}"`;
    case 'signal':
      return `signal "${wait.name}"`;
    case 'condition':
      return `condition ${wait.condition}`;
    case 'timer':
      return `timer due ${wait.dueAt}`;
    case 'call':
      return `called instance ${wait.workflowId}`;
    case 'escalation':
      return `the calling instance ${wait.workflowId} to answer escalation "${wait.escalationCode ?? ''}"`;
    case 'join':
      return `the join to receive tokens on flow${wait.missing.length > 1 ? 's' : ''} ${wait.missing.join(', ')} (it has tokens from ${wait.arrived.join(', ')})`;
  }
}

function plain(p: Problem) {
  return { elementId: p.elementId, rule: p.rule, message: p.message };
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
  return String(err);
}
