/** Builds the worker that runs the interpreter workflow and its activities on the engine queue. */
import { DefaultLogger, NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TemporalConfig } from '../config';
import { ActivityDeps, createActivities } from '../activities';
import { temporalConnectionOptions } from './connection-options';

export const WORKFLOWS_PATH = require.resolve('../workflows');

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
}

export interface EngineWorkerOptions {
  temporal: TemporalConfig;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests build one once); otherwise the workflows are bundled now. */
  workflowBundlePath?: string;
  workflowBundle?: WorkflowBundleWithSourceMap;
}

export async function createEngineWorker({ temporal, deps, workflowBundlePath, workflowBundle }: EngineWorkerOptions): Promise<Worker> {
  const connection = await NativeConnection.connect(temporalConnectionOptions(temporal));
  return Worker.create({
    connection,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    ...(workflowBundle ? { workflowBundle } : workflowBundlePath ? { workflowBundle: { codePath: workflowBundlePath } } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(deps),
  });
}
