/**
 * What a timer start event's schedule runs: starts the instance (record and workflow) through an
 * activity, keyed by this run's workflow id so a retry starts nothing twice.
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { EngineActivities } from './activities-api';

const { startByTimer } = proxyActivities<Pick<EngineActivities, 'startByTimer'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export async function timerStartWorkflow(args: { processKey: string; startEventId: string }): Promise<string[]> {
  return startByTimer({ ...args, eventId: workflowInfo().workflowId });
}
