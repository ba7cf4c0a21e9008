/**
 * The Temporal schedule that runs the legal-deadline sweep every hour (created at start-up, kept
 * if it exists). Working days change at most daily; an hour keeps a deemed approval prompt.
 */
import type { Client } from '@temporalio/client';
import { ensureHourlySchedule } from '../../temporal/hourly-schedule';

export const LEGAL_DEADLINE_SCHEDULE_ID = 'legal-deadline-sweep';

export function ensureLegalDeadlineSchedule(client: Client, taskQueue: string): Promise<void> {
  return ensureHourlySchedule(client, { scheduleId: LEGAL_DEADLINE_SCHEDULE_ID, workflowType: 'legalDeadlineSweepWorkflow', taskQueue });
}
