/**
 * How many times an activity runs and with which local variables: multi-instance (parallel or
 * sequential over a collection, with a completion condition) and the standard loop, each single run
 * inside its input/output mappings (io-mapping.ts). Camunda 8 semantics, including its
 * multi-instance variables.
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { Continuation } from '../elements/context';
import { conditionHolds, evaluateFeel, type Variables } from '../expressions/feel';
import type { ActivityNode, MultiInstance, StandardLoop } from '../graph/types';
import { runWithMappings, type MappingHost, type RunOnce } from './io-mapping';
import type { Scope } from './scope';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What loops need of the engine: scopes, incidents, and a record of each finished iteration. */
export interface LoopHost extends MappingHost {
  /** One iteration of a multi-instance or loop activity finished. */
  recordIteration(elementId: string, loopCounter: number): void;
}

export async function runLoops(engine: LoopHost, node: ActivityNode, scope: Scope, runOnce: RunOnce): Promise<Continuation> {
  if (node.multiInstance) {
    await runMultiInstance(engine, node, node.multiInstance, scope, runOnce);
    return { take: [...node.outgoing] };
  }
  if (node.loop) {
    await runStandardLoop(engine, node, node.loop, scope, runOnce);
    return { take: [...node.outgoing] };
  }
  return runWithMappings(engine, node, scope, runOnce);
}

async function runMultiInstance(engine: LoopHost, node: ActivityNode, mi: MultiInstance, scope: Scope, runOnce: RunOnce): Promise<void> {
  const items = await engine.withIncidents(node.id, async () => collectionOf(mi, scope.view()));
  const body = engine.newScope('instance', node.id, scope, {
    numberOfInstances: items.length,
    numberOfActiveInstances: 0,
    numberOfCompletedInstances: 0,
    numberOfTerminatedInstances: 0,
  });
  const results: unknown[] = items.map(() => null);
  const cancellation = new CancellationScope();
  let done = false;

  const runInstance = async (index: number): Promise<void> => {
    const instance = engine.newScope('instance', node.id, body, { loopCounter: index + 1, ...(mi.inputElement ? { [mi.inputElement]: items[index] } : {}) });
    // Camunda 8: an output element naming a variable is local to each instance, so parallel
    // instances do not overwrite each other's value
    if (mi.outputElement && IDENTIFIER.test(mi.outputElement)) instance.setLocal({ [mi.outputElement]: null });
    body.setLocal({ numberOfActiveInstances: (body.locals.numberOfActiveInstances as number) + 1 });
    try {
      await runWithMappings(engine, node, instance, runOnce);
    } finally {
      body.setLocal({ numberOfActiveInstances: (body.locals.numberOfActiveInstances as number) - 1 });
    }
    engine.recordIteration(node.id, index + 1);
    body.setLocal({ numberOfCompletedInstances: (body.locals.numberOfCompletedInstances as number) + 1 });
    if (mi.outputElement) {
      const outputElement = mi.outputElement;
      results[index] = await engine.withIncidents(node.id, async () => evaluateFeel(outputElement, instance.view()) ?? null);
    }
    if (mi.completionCondition && !done) {
      const completionCondition = mi.completionCondition;
      const view = { ...instance.view(), ...(mi.outputCollection ? { [mi.outputCollection]: [...results] } : {}) };
      if (await engine.withIncidents(node.id, async () => conditionHolds(completionCondition, view))) {
        done = true;
        cancellation.cancel();
      }
    }
  };

  try {
    await cancellation.run(async () => {
      if (mi.sequential) {
        for (let i = 0; i < items.length && !done; i++) await runInstance(i);
      } else {
        const settled = items.map((_, i) => runInstance(i).catch((err: unknown) => (done && isCancellation(err) ? undefined : Promise.reject(err))));
        try {
          await Promise.all(settled);
        } catch (err) {
          // cancelled from outside: every instance is being cancelled; leave once each has wound down
          if (isCancellation(err) && cancellation.consideredCancelled) await Promise.allSettled(settled);
          throw err;
        }
      }
    });
  } catch (err) {
    if (!(done && isCancellation(err))) throw err;
  }
  body.setLocal({ numberOfTerminatedInstances: items.length - (body.locals.numberOfCompletedInstances as number) });
  if (mi.outputCollection) scope.setVariables({ [mi.outputCollection]: results });
}

function collectionOf(mi: MultiInstance, variables: Variables): unknown[] {
  if (mi.inputCollection !== undefined) {
    const value = evaluateFeel(mi.inputCollection, variables);
    if (!Array.isArray(value)) throw new Error(`inputCollection "${mi.inputCollection}" gave ${JSON.stringify(value)}, not a list`);
    return value;
  }
  const cardinality = evaluateFeel(mi.cardinality ?? '0', variables);
  if (typeof cardinality !== 'number' || !Number.isInteger(cardinality) || cardinality < 0) {
    throw new Error(`loopCardinality "${mi.cardinality}" gave ${JSON.stringify(cardinality)}, not a whole number`);
  }
  return Array.from({ length: cardinality }, (_, i) => i + 1);
}

/** bpmn:standardLoopCharacteristics: repeats while the condition holds, at most loopMaximum times. */
async function runStandardLoop(engine: LoopHost, node: ActivityNode, loop: StandardLoop, scope: Scope, runOnce: RunOnce): Promise<void> {
  const holds = (counter: number) =>
    engine.withIncidents(node.id, async () => (loop.condition === undefined ? true : conditionHolds(loop.condition, { ...scope.view(), loopCounter: counter })));
  for (let counter = 1; loop.maximum === undefined || counter <= loop.maximum; counter++) {
    if (loop.testBefore && !(await holds(counter))) return;
    const instance = engine.newScope('instance', node.id, scope, { loopCounter: counter });
    await runWithMappings(engine, node, instance, runOnce);
    engine.recordIteration(node.id, counter);
    if (!loop.testBefore && !(await holds(counter))) return;
    if (loop.condition === undefined && loop.maximum === undefined) return;
  }
}
