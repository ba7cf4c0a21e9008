/** Keeps the application row's status in step with the workflow (a projection, for lists). */
import { Context } from '@temporalio/activity';
import type { ApplicationStatusInput } from '../../workflows/activities-api';
import { Db, isUniqueViolation } from '../../prisma/client';

export function createApplicationActivities(db: Db) {
  return {
    async recordApplicationStatus(input: ApplicationStatusInput): Promise<void> {
      const finished = input.status === 'completed' || input.status === 'failed' || input.status === 'cancelled';
      // The same for every attempt of this activity call, and different for every other call.
      const { workflowExecution, activityId } = Context.current().info;
      const dedupeKey = `status:${workflowExecution?.runId ?? input.trackingNumber}:${activityId}`;
      // an applicant's withdrawal (recorded before the cancel) ends the application in its own
      // outcome; a ruling (legal deadline, escalation) that stops it says so instead of an administrator
      const why = input.status === 'cancelled'
        ? await db.auditLog.findFirst({
          where: { applicationId: input.applicationId, action: { in: ['application.withdrawn', 'application.cancel-requested', 'application.legal-deadline-started'] } },
          orderBy: { id: 'desc' },
          select: { action: true },
        })
        : null;
      const outcome = why?.action === 'application.withdrawn' ? 'withdrawn' : input.outcome;
      const message = why?.action === 'application.legal-deadline-started' ? 'closed by its legal-deadline ruling' : input.message;
      try {
        // status and its audit entry change together, so lists and history never disagree; one
        // batch (not an interactive transaction), and the entry is not read back
        await db.$transaction([
          db.application.update({
            where: { id: input.applicationId },
            data: { status: input.status, outcome: outcome ?? null, completedAt: finished ? new Date() : null },
          }),
          db.auditLog.createMany({
            data: {
              actor: 'system',
              action: `application.${input.status}`,
              applicationId: input.applicationId,
              entityType: 'application',
              entityId: input.trackingNumber,
              details: JSON.stringify({ outcome, elementId: input.elementId, message }),
              dedupeKey,
            },
          }),
        ]);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err; // an earlier attempt already committed both
      }
    },
  };
}
