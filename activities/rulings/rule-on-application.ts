/**
 * `application.rule`: a ruling process decides the ruled application (variable
 * `ruledTrackingNumber`). Headers: `outcome` (approved | rejected), the outcome it records;
 * `action`, the audit action written on the ruled application (e.g. `application.deemed-approved`,
 * `application.appeal-overturned`); `expect` (running | rejected), the state the ruled application
 * must be in: a deadline ruling acts on a running application (its workflow is cancelled first, its
 * open tasks withdrawn), an appeal on a rejected one. When the application has meanwhile been
 * decided otherwise, nothing changes and `ruled` is false: the model ends without issuing.
 * Idempotent: a retry finds the outcome already recorded and answers the same.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { appendAudit } from '../audit/audit-log';

const OUTCOMES = new Set(['approved', 'rejected']);

export function createRuleOnApplication(db: Db): ServiceTaskHandler {
  return async (input) => {
    const { outcome, action, expect } = input.headers;
    if (!OUTCOMES.has(outcome) || !action?.startsWith('application.') || (expect !== 'running' && expect !== 'rejected')) {
      throw ApplicationFailure.nonRetryable(`service task ${input.elementId} needs headers outcome (approved|rejected), action (application.*) and expect (running|rejected)`, 'MissingHeader');
    }
    const ruledTracking = input.variables.ruledTrackingNumber;
    if (typeof ruledTracking !== 'string') throw ApplicationFailure.nonRetryable('application.rule needs the variable ruledTrackingNumber', 'MissingVariable');
    const dedupeKey = `${action}:${input.trackingNumber}/${input.elementId}/${input.activation}`;
    if (await db.auditLog.findUnique({ where: { dedupeKey } })) return { variables: { ruled: true } };

    let ruled = await db.application.findUniqueOrThrow({ where: { trackingNumber: ruledTracking } });
    if (expect === 'running' && ruled.status === 'running') {
      // the ruled workflow stops first, so its reviewers can no longer decide it in parallel
      const handle = Context.current().client.workflow.getHandle(ruledTracking);
      try {
        await handle.cancel();
        await handle.result().catch(() => undefined);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
      ruled = await db.application.findUniqueOrThrow({ where: { trackingNumber: ruledTracking } });
      if (ruled.status !== 'cancelled') return { variables: { ruled: false } }; // decided by its reviewers meanwhile
    } else if (!(expect === 'rejected' && ruled.status === 'completed' && ruled.outcome === 'rejected')) {
      return { variables: { ruled: false } };
    }

    const details: Record<string, unknown> = { ruling: input.trackingNumber, outcome };
    for (const key of ['reviewingUnit', 'appealReason', 'rulingComment']) {
      if (input.variables[key] !== undefined) details[key] = input.variables[key];
    }
    await db.$transaction(async (tx) => {
      await tx.application.update({ where: { id: ruled.id }, data: { status: 'completed', outcome, completedAt: new Date() } });
      await appendAudit(tx, { actor: 'system', action, applicationId: ruled.id, entityType: 'application', entityId: ruled.trackingNumber, details, dedupeKey });
    });
    return { variables: { ruled: true } };
  };
}
