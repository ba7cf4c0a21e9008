/**
 * How a worker runs as its own process: `node --import tsx` (not the tsx CLI, which would run the
 * script in a second process, out of reach of the signals sent to the first), with the preload that
 * keeps the workflow threads free of per-promise stack capture (workflow-threads-without-promise-stacks.cjs).
 * Every place that starts a worker process (npm start, the fleet, the load bench, the tests) uses this.
 */
import path from 'node:path';

export const WORKER_ENTRY = path.join(__dirname, 'worker-main.ts');
export const WITHOUT_PROMISE_STACKS = path.join(__dirname, 'workflow-threads-without-promise-stacks.cjs');

/** node's arguments for a worker process. */
export function workerNodeArgs(): string[] {
  return ['--import', 'tsx', '--require', WITHOUT_PROMISE_STACKS, WORKER_ENTRY];
}

/** Whether this process's workflow threads keep stack traces for the `__stack_trace` query. */
export function workflowStackTraces(execArgv: readonly string[] = process.execArgv, env: NodeJS.ProcessEnv = process.env): 'on' | 'off' {
  const isPreload = (file: string) => path.resolve(file) === WITHOUT_PROMISE_STACKS;
  const preloaded = execArgv.some((arg, i) => (['--require', '-r'].includes(execArgv[i - 1]) && isPreload(arg)) || (arg.startsWith('--require=') && isPreload(arg.slice('--require='.length))));
  return preloaded && env.TEMPORAL_WORKFLOW_STACK_TRACES !== 'on' ? 'off' : 'on';
}
