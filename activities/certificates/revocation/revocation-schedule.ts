/**
 * The Temporal schedule that republishes revocation data every hour (created at start-up, kept if
 * it exists): CRLs are valid 7 days and reissued daily, so an hourly check keeps them fresh with
 * room for a worker that was down. Publishing is idempotent (revocation/publish.ts).
 */
import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';

export const REVOCATION_PUBLISH_SCHEDULE_ID = 'revocation-publish';

export async function ensureRevocationPublishSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: REVOCATION_PUBLISH_SCHEDULE_ID,
      spec: { intervals: [{ every: '1 hour' }] },
      action: { type: 'startWorkflow', workflowType: 'revocationPublishWorkflow', workflowId: REVOCATION_PUBLISH_SCHEDULE_ID, taskQueue, args: [] },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
