/** Keeps the application row's status in step with the workflow (a projection, for lists). */
import type { ApplicationStatusInput } from '../../workflows/activities-api';
import type { Db } from '../../prisma/client';
import { appendAudit } from '../audit/audit-log';

export function createApplicationActivities(db: Db) {
  return {
    async recordApplicationStatus(input: ApplicationStatusInput): Promise<void> {
      const finished = input.status === 'completed' || input.status === 'failed';
      await db.application.update({
        where: { id: input.applicationId },
        data: {
          status: input.status,
          outcome: input.outcome ?? null,
          completedAt: finished ? new Date() : null,
        },
      });
      await appendAudit(db, {
        actor: 'system',
        action: `application.${input.status}`,
        applicationId: input.applicationId,
        entityType: 'application',
        entityId: input.trackingNumber,
        details: { outcome: input.outcome, elementId: input.elementId, message: input.message },
      });
    },
  };
}
