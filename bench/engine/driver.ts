/**
 * Drives instances the way users would, as fast as they can: starts them with bounded concurrency
 * and completes each user task (id `<workflowId>:<elementId>:1`) as soon as it has opened.
 */
import { ApplicationFailure, type Client, type WorkflowHandle } from '@temporalio/client';
import { FailureType } from '../../workflows/errors';
import { completeUserTaskUpdate, type Actor } from '../../workflows/messages';
import { BENCH_GROUP, USER_TASKS } from './shape';
import type { OpenTaskFeed } from './task-feed';

export type WorkflowType = 'processWorkflow' | 'handWrittenWorkflow' | 'handWrittenLocalWorkflow';

export interface InstanceSpec {
  workflowId: string;
  args: [unknown];
}

export interface InstanceTiming {
  workflowId: string;
  /** Epoch ms: just before the start request, and when the result arrived. */
  startedAt: number;
  finishedAt: number;
  /** Completions refused because the task was not open yet (expected: none, see completeWhenOpen). */
  earlyAttempts: number;
}

export interface BatchResult {
  wallMs: number;
  /** CPU time of this process (the worker, both sides of it, and the driver) during the batch. */
  cpuMs: number;
  /** CPU time of the Temporal dev server during the batch (NaN when it was not started here). */
  serverCpuMs: number;
  instances: InstanceTiming[];
}

const DRIVER: Actor = { username: 'bench-driver', roles: [], groups: [BENCH_GROUP] };
const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 40;

export interface Driving {
  client: Client;
  taskQueue: string;
  feed: OpenTaskFeed;
  /** The dev server's CPU time so far, in ms (NaN when unknown). */
  serverCpuMs(): number;
}

export async function runBatch(driving: Driving, workflowType: WorkflowType, specs: InstanceSpec[], concurrency: number): Promise<BatchResult> {
  const instances: InstanceTiming[] = [];
  let next = 0;
  const began = Date.now();
  const cpu = process.cpuUsage();
  const serverCpu = driving.serverCpuMs();
  const lane = async () => {
    while (next < specs.length) instances.push(await runInstance(driving, workflowType, specs[next++]));
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, lane));
  const used = process.cpuUsage(cpu);
  return { wallMs: Date.now() - began, cpuMs: (used.user + used.system) / 1000, serverCpuMs: driving.serverCpuMs() - serverCpu, instances };
}

async function runInstance({ client, taskQueue, feed }: Driving, workflowType: WorkflowType, spec: InstanceSpec): Promise<InstanceTiming> {
  const startedAt = Date.now();
  const handle = await client.workflow.start(workflowType, { workflowId: spec.workflowId, taskQueue, args: spec.args });
  let earlyAttempts = 0;
  for (const elementId of USER_TASKS) {
    const taskId = `${spec.workflowId}:${elementId}:1`;
    await feed.whenOpen(taskId);
    earlyAttempts += await completeWhenOpen(handle, taskId);
  }
  await handle.result();
  return { workflowId: spec.workflowId, startedAt, finishedAt: Date.now(), earlyAttempts };
}

/**
 * Both workflows mark a task open before its row is written, so the first attempt is accepted; the
 * retry is a safeguard. Returns how many attempts were refused (a refused update leaves no history).
 */
async function completeWhenOpen(handle: WorkflowHandle, taskId: string): Promise<number> {
  for (let refused = 0, delay = FIRST_RETRY_MS; ; refused++, delay = Math.min(delay * 2, MAX_RETRY_MS)) {
    try {
      await handle.executeUpdate(completeUserTaskUpdate, { args: [{ taskId, actor: DRIVER, values: {} }] });
      return refused;
    } catch (err) {
      if (!(err instanceof Error && err.cause instanceof ApplicationFailure && err.cause.type === FailureType.NotFound)) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
