/**
 * The Temporal schedule that republishes revocation data every hour (created at start-up, kept if
 * it exists): CRLs are valid 7 days and reissued daily, so an hourly check keeps them fresh with
 * room for a worker that was down. Publishing is idempotent (revocation/publish.ts).
 */
import type { Client } from '@temporalio/client';
import { ensureHourlySchedule } from '../../../temporal/hourly-schedule';

export const REVOCATION_PUBLISH_SCHEDULE_ID = 'revocation-publish';

export function ensureRevocationPublishSchedule(client: Client, taskQueue: string): Promise<void> {
  return ensureHourlySchedule(client, { scheduleId: REVOCATION_PUBLISH_SCHEDULE_ID, workflowType: 'revocationPublishWorkflow', taskQueue });
}
