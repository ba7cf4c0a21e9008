import path from 'node:path';
import { WITHOUT_PROMISE_STACKS, WORKER_ENTRY, workerNodeArgs, workflowStackTraces } from './worker-process';

describe('the worker process', () => {
  it('is started with the preload that keeps workflow threads free of stack capture', () => {
    expect(workerNodeArgs()).toEqual(['--import', 'tsx', '--require', WITHOUT_PROMISE_STACKS, WORKER_ENTRY]);
  });

  it('reports stack traces off only when the preload is given and not overridden', () => {
    const nodeFlags = workerNodeArgs().slice(0, -1);
    expect(workflowStackTraces(nodeFlags, {})).toBe('off');
    expect(workflowStackTraces([`--require=${WITHOUT_PROMISE_STACKS}`], {})).toBe('off');
    // as `npm run bench:engine` names it: relative to the working folder
    expect(workflowStackTraces(['-r', path.relative(process.cwd(), WITHOUT_PROMISE_STACKS)], {})).toBe('off');
    expect(workflowStackTraces(nodeFlags, { TEMPORAL_WORKFLOW_STACK_TRACES: 'on' })).toBe('on');
    expect(workflowStackTraces(['--import', 'tsx'], {})).toBe('on');
    // a file of the same name elsewhere is not the preload
    expect(workflowStackTraces(['--require', '/elsewhere/workflow-threads-without-promise-stacks.cjs'], {})).toBe('on');
  });
});
