/**
 * A Temporal schedule that starts a workflow every hour, created at start-up and kept if it exists
 * (so every process may call this, and a restart changes nothing). The hourly jobs (legal-deadline
 * sweep, revocation publishing) are idempotent, so one started late or twice does no harm.
 */
import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';

export async function ensureHourlySchedule(client: Client, { scheduleId, workflowType, taskQueue }: { scheduleId: string; workflowType: string; taskQueue: string }): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: '1 hour' }] },
      action: { type: 'startWorkflow', workflowType, workflowId: scheduleId, taskQueue, args: [] },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
