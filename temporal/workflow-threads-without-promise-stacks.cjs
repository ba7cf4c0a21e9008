/**
 * Preloaded into the worker process (`node --require`, see worker-process.ts). Worker threads
 * inherit preloads, and the Temporal SDK runs workflow code in a worker thread.
 *
 * In that thread the SDK installs a V8 promise hook that captures and source-maps a stack trace for
 * every promise workflow code creates, only to answer the `__stack_trace` query (`temporal workflow
 * stack`, the stack-trace tab of Temporal's UI). The interpreter creates many promises per step: on
 * the engine bench the hook cost about a fifth of the worker's CPU (bench/README.md). Refusing the
 * SDK's request for that hook (only that one) makes the SDK take its own fallback for runtimes
 * without promise hooks: workflows
 * run exactly the same, and the query answers that stack traces are not enabled. Where an instance
 * waits is in the interpreter's own state (the getState query, the operations pages).
 *
 * TEMPORAL_WORKFLOW_STACK_TRACES=on keeps the hook, to debug a stuck workflow with
 * `temporal workflow stack`. Plain JavaScript: preloads run before tsx is registered.
 */
'use strict';
const { isMainThread } = require('node:worker_threads');

// the SDK's module that installs the hook (its compiled file, or its TypeScript source where source
// maps are on); Node's own async_hooks (AsyncLocalStorage, which the SDK's cancellation scopes use)
// create promise hooks through the same function and must keep them
const TEMPORAL_STACK_COLLECTOR = /[\\/]@temporalio[\\/]worker[\\/](?:lib|src)[\\/]workflow[\\/]vm-shared\.[jt]s:/;

if (!isMainThread && process.env.TEMPORAL_WORKFLOW_STACK_TRACES !== 'on') {
  const { promiseHooks } = require('node:v8');
  const createHook = promiseHooks.createHook;
  promiseHooks.createHook = function createHookExceptTemporalStackCollector(hooks) {
    if (TEMPORAL_STACK_COLLECTOR.test(new Error().stack ?? '')) {
      throw new Error('workflow stack traces are off in this worker (TEMPORAL_WORKFLOW_STACK_TRACES=on keeps them)');
    }
    return createHook.call(this, hooks);
  };
}
