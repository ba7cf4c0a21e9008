/**
 * After a batch: each instance's completed elements with their times (the interpreter's getState
 * query, the baseline's getSteps query) and its Temporal history, by event type.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { getStateQuery } from '../../workflows/messages';
import type { StepRecord } from '../../workflows/state';
import type { InstanceTiming, WorkflowType } from './driver';
import { getStepsQuery } from './shape';

export interface InstanceRecord extends InstanceTiming {
  steps: StepRecord[];
  /** Event types in history order, e.g. ActivityTaskScheduled. */
  events: string[];
  historyBytes: number;
}

const PARALLEL_READS = 4;

export async function collect(client: Client, workflowType: WorkflowType, timings: InstanceTiming[]): Promise<InstanceRecord[]> {
  const records: InstanceRecord[] = [];
  let next = 0;
  const lane = async () => {
    while (next < timings.length) {
      const timing = timings[next++];
      const handle = client.workflow.getHandle(timing.workflowId);
      const steps = workflowType === 'processWorkflow' ? (await handle.query(getStateQuery)).completed : await handle.query(getStepsQuery);
      const history = await handle.fetchHistory();
      records.push({ ...timing, steps, events: eventTypes(history), historyBytes: temporal.api.history.v1.History.encode(history).finish().length });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_READS }, lane));
  return records;
}

function eventTypes(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? []).map((e) => pascalCase((temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? 'UNKNOWN').replace(/^EVENT_TYPE_/, '')));
}

function pascalCase(snake: string): string {
  return snake.toLowerCase().replace(/(^|_)([a-z])/g, (_, __: string, c: string) => c.toUpperCase());
}
