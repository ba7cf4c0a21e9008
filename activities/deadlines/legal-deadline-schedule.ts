/**
 * The Temporal schedule that runs the legal-deadline sweep every hour (created at start-up, kept
 * if it exists). Working days change at most daily; an hour keeps a deemed approval prompt.
 */
import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';

export const LEGAL_DEADLINE_SCHEDULE_ID = 'legal-deadline-sweep';

export async function ensureLegalDeadlineSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: LEGAL_DEADLINE_SCHEDULE_ID,
      spec: { intervals: [{ every: '1 hour' }] },
      action: { type: 'startWorkflow', workflowType: 'legalDeadlineSweepWorkflow', workflowId: LEGAL_DEADLINE_SCHEDULE_ID, taskQueue, args: [] },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
