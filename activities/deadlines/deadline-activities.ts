/** The activity behind the legal-deadline schedule (workflows/legal-deadline-sweep-workflow.ts). */
import { Context } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import { engineClockControl } from '../../config';
import { sweepLegalDeadlines, type SweepResult } from './legal-deadline-sweep';

/** `definitionsDir`: where the service files are read (definitions/ by default). */
export function createDeadlineActivities(db: Db, definitionsDir?: string) {
  return {
    async sweepLegalDeadlines(): Promise<SweepResult> {
      const ctx = Context.current();
      return sweepLegalDeadlines(db, ctx.client, ctx.info.taskQueue, { engineClock: engineClockControl(), definitionsDir });
    },
  };
}
