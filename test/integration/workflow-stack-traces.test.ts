/**
 * The worker process runs its workflow threads without the SDK's per-promise stack capture
 * (temporal/workflow-threads-without-promise-stacks.cjs; it cost about a fifth of the worker's CPU),
 * so Temporal's stack-trace query (`temporal workflow stack`) answers that stack traces are off,
 * while the application runs as usual. TEMPORAL_WORKFLOW_STACK_TRACES=on brings the query back.
 */
import { ChildProcess } from 'node:child_process';
import { ApiClient, Stack, killHard, spawnWorkerProcess, startApi } from '../support/harness';
import { apply, waitForTask } from '../../scripts/lib/walk-steps';

let stack: Stack;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  stack = await startApi();
});

afterAll(async () => {
  if (worker) await killHard(worker);
  await stack?.close();
});

/** Applies and waits until the first review is listed: the workflow ran on the worker and now waits. */
async function waitingApplication(): Promise<string> {
  const anonymous = new ApiClient(stack.baseUrl);
  const [applicant, reviewer] = await Promise.all([anonymous.login('applicant'), anonymous.login('reviewer1')]);
  const trackingNumber = await apply(applicant);
  await waitForTask(reviewer, trackingNumber, 'formal-check');
  return trackingNumber;
}

const stackTrace = (trackingNumber: string) => stack.client.workflow.getHandle(trackingNumber).query<string>('__stack_trace');

/** Workflow tasks that failed (the SDK and Node share the promise-hook function the preload wraps). */
async function failedWorkflowTasks(trackingNumber: string): Promise<number> {
  const history = await stack.client.workflow.getHandle(trackingNumber).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes).length;
}

it('answers the stack-trace query only when TEMPORAL_WORKFLOW_STACK_TRACES=on', async () => {
  worker = spawnWorkerProcess({ TEMPORAL_WORKFLOW_STACK_TRACES: 'on' });
  const traced = await waitingApplication();
  // the interpreter's workflow, waiting for its user task
  expect(await stackTrace(traced)).toMatch(/processWorkflow|process-workflow/);
  expect(await failedWorkflowTasks(traced)).toBe(0);
  await killHard(worker);

  worker = spawnWorkerProcess();
  const untraced = await waitingApplication();
  await expect(stackTrace(untraced)).rejects.toThrow(/stack traces are not enabled/i);
  // the first workflow task of the worker's thread too: its cancellation scopes keep Node's own promise hooks
  expect(await failedWorkflowTasks(untraced)).toBe(0);
}, 180_000);
