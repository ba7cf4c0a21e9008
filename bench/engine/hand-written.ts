/**
 * The baselines: the benchmark process written by hand as plain Temporal workflows, with the same
 * activities and inputs the interpreter uses (workflows/process-workflow.ts, workflows/elements/tasks/),
 * so the comparison measures the interpreter and nothing else. User tasks are an update plus a
 * condition; the split/join is Promise.all.
 * - handWrittenWorkflow: the interpreter's default options — record keeping as local activities,
 *   service tasks as normal activities with heartbeats.
 * - handWrittenLocalWorkflow: every activity local, as the interpreter runs a model whose service
 *   tasks say ito:execution mode="local".
 */
import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, proxyLocalActivities, setHandler, type RetryPolicy } from '@temporalio/workflow';
import type { EngineActivities, InstanceRef } from '../../workflows/activities-api';
import { FailureType } from '../../workflows/errors';
import { completeUserTaskUpdate, type CompleteUserTaskArgs } from '../../workflows/messages';
import type { OpenTask, StepRecord } from '../../workflows/state';
import { BENCH_GROUP, BENCH_TASK_TYPE, getStepsQuery } from './shape';

export type HandWrittenInput = InstanceRef;

// the interpreter's activity options (workflows/process-workflow.ts), for service tasks with the
// compiler's default of 3 retries
const RECORD_RETRY: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' };
const SERVICE_RETRY: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 3 };
const localRecordKeeping = proxyLocalActivities<EngineActivities>({ startToCloseTimeout: '1 minute', localRetryThreshold: '10 seconds', retry: RECORD_RETRY });
// a completion's record is written once the workflow task that accepted the update is saved, as
// the interpreter does (patch update-effects-after-commit): both sides pay for a correct close
const { closeUserTask } = proxyActivities<EngineActivities>({ startToCloseTimeout: '1 minute', retry: RECORD_RETRY });

interface Proxies {
  recordKeeping: EngineActivities;
  services: EngineActivities;
}

const AS_INTERPRETER: Proxies = {
  recordKeeping: localRecordKeeping,
  services: proxyActivities<EngineActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '10 seconds', retry: SERVICE_RETRY }),
};

const ALL_LOCAL: Proxies = {
  recordKeeping: localRecordKeeping,
  services: proxyLocalActivities<EngineActivities>({ startToCloseTimeout: '1 minute', localRetryThreshold: '10 seconds', retry: SERVICE_RETRY }),
};

export async function handWrittenWorkflow(instance: HandWrittenInput): Promise<{ variables: Record<string, unknown> }> {
  return runSteps(instance, AS_INTERPRETER);
}

export async function handWrittenLocalWorkflow(instance: HandWrittenInput): Promise<{ variables: Record<string, unknown> }> {
  return runSteps(instance, ALL_LOCAL);
}

interface Completion {
  completedBy: string;
  completedAt: string;
  values: Record<string, unknown>;
}

async function runSteps(instance: HandWrittenInput, { recordKeeping, services }: Proxies): Promise<{ variables: Record<string, unknown> }> {
  const variables: Record<string, unknown> = {};
  const steps: StepRecord[] = [];
  const openTasks = new Set<string>();
  const completions = new Map<string, Completion>();
  const record = (elementId: string) => steps.push({ elementId, at: new Date().toISOString() });

  setHandler(getStepsQuery, () => steps);
  const check = ({ taskId, actor }: CompleteUserTaskArgs) => {
    if (!openTasks.has(taskId) || completions.has(taskId)) throw ApplicationFailure.create({ type: FailureType.NotFound, message: `no open task ${taskId}`, nonRetryable: true });
    if (!actor.groups.includes(BENCH_GROUP)) throw ApplicationFailure.create({ type: FailureType.NotAuthorised, message: `${actor.username} may not complete task ${taskId}`, nonRetryable: true });
  };
  setHandler(
    completeUserTaskUpdate,
    (args) => {
      check(args);
      const completedAt = new Date().toISOString();
      completions.set(args.taskId, { completedBy: args.actor.username, completedAt, values: args.values });
      return { taskId: args.taskId, elementId: args.taskId.split(':')[1], completedAt };
    },
    { validator: check },
  );

  const serviceTask = async (elementId: string) => {
    const result = await services.runServiceTask({ ...instance, elementId, activation: 1, taskType: BENCH_TASK_TYPE, headers: {}, variables: { ...variables } });
    Object.assign(variables, result.variables);
    record(elementId);
  };

  const userTask = async (elementId: string) => {
    const taskId = `${instance.trackingNumber}:${elementId}:1`;
    const task: OpenTask = { taskId, elementId, candidateGroups: [BENCH_GROUP], candidateUsers: [], createdAt: new Date().toISOString() };
    openTasks.add(taskId); // open before its record is written, as the interpreter does
    const opened = recordKeeping.openUserTask({ ...instance, ...task, prefill: {} });
    await condition(() => completions.has(taskId));
    openTasks.delete(taskId);
    await opened;
    const done = completions.get(taskId)!;
    Object.assign(variables, done.values);
    await closeUserTask({ ...instance, taskId, elementId, completedBy: done.completedBy, completedByRole: BENCH_GROUP, output: done.values, completedAt: done.completedAt });
    record(elementId);
  };

  record('start');
  await serviceTask('serviceA');
  record('split');
  await Promise.all([serviceTask('serviceB'), userTask('userTask1')]);
  record('join');
  await serviceTask('serviceC');
  await userTask('userTask2');
  await serviceTask('serviceD');
  await userTask('userTask3');
  await serviceTask('serviceE');
  record('end');
  await recordKeeping.recordApplicationStatus({ ...instance, status: 'completed' });
  await condition(allHandlersFinished);
  return { variables };
}
