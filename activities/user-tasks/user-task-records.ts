/**
 * The task projection reviewers' queues are read from. The workflow is the system of record:
 * these rows are written only by the workflow's activities, idempotently by task id.
 */
import { Context } from '@temporalio/activity';
import type { CancelUserTaskInput, CloseUserTaskInput, InstanceRef, OpenUserTaskInput } from '../../workflows/activities-api';
import type { Db } from '../../prisma/client';
import type { FormSchema } from '../../workflows/graph/types';
import { appendAudit, auditData, onceAtomically } from '../audit/audit-log';
import { attachFormDocuments } from '../documents/attach-form-documents';

/** `afterOpen`: fault injection for crash tests only (see temporal/worker-main.ts). */
export function createUserTaskActivities(db: Db, afterOpen?: (taskId: string) => void) {
  return {
    async openUserTask(input: OpenUserTaskInput): Promise<void> {
      const data = {
        applicationId: input.applicationId,
        elementId: input.elementId,
        name: input.name ?? null,
        status: 'open',
        assignee: input.assignee ?? null,
        candidateGroups: input.candidateGroups.join(','),
        candidateUsers: input.candidateUsers.join(','),
        form: input.form ? JSON.stringify(input.form) : null,
        prefill: JSON.stringify(input.prefill),
        dueDate: input.dueDate ? new Date(input.dueDate) : null,
        followUpDate: input.followUpDate ? new Date(input.followUpDate) : null,
        priority: input.priority ?? 50,
        notCompletedBy: (input.notCompletedBy ?? []).join(','),
      };
      // the row and its audit entry in one transaction: a retry after a commit finds the task id
      // (or the audit entry's dedupe key) taken and knows both were written. createMany, not
      // upsert and create: nothing is read first or back, which halves Prisma's CPU for the two
      await onceAtomically(() =>
        db.$transaction([
          db.task.createMany({ data: [{ id: input.taskId, ...data }] }),
          db.auditLog.createMany({
            data: auditData({
              actor: 'system',
              action: 'task.opened',
              applicationId: input.applicationId,
              entityType: 'task',
              entityId: input.taskId,
              details: { elementId: input.elementId, name: input.name, candidateGroups: input.candidateGroups, assignee: input.assignee },
              dedupeKey: `task.opened:${input.taskId}`,
            }),
          }),
        ]),
      );
      afterOpen?.(input.taskId);
    },

    async closeUserTask(input: CloseUserTaskInput): Promise<void> {
      const { form } = await db.task.findUniqueOrThrow({ where: { id: input.taskId }, select: { form: true } });
      // the documents the task's filepicker fields name (checked by the API before the completion);
      // idempotent on its own, and outside the transaction: on PostgreSQL a duplicate it meets and
      // skips inside one would abort the whole transaction
      if (form) {
        await attachFormDocuments(db, {
          form: JSON.parse(form) as FormSchema,
          values: input.output,
          applicationId: input.applicationId,
          taskId: input.taskId,
          actor: input.completedBy,
          actorRole: input.completedByRole,
        });
      }
      await onceAtomically(() =>
        db.$transaction([
          // updateMany and createMany read nothing back (the row is known to exist: read above)
          db.task.updateMany({
            where: { id: input.taskId },
            data: { status: 'completed', completedBy: input.completedBy, completedAt: new Date(input.completedAt), output: JSON.stringify(input.output) },
          }),
          db.auditLog.createMany({
            data: auditData({
              actor: input.completedBy,
              actorRole: input.completedByRole,
              action: 'task.completed',
              applicationId: input.applicationId,
              entityType: 'task',
              entityId: input.taskId,
              details: { elementId: input.elementId, output: input.output },
              dedupeKey: `task.completed:${input.taskId}`,
              at: new Date(input.completedAt),
            }),
          }),
        ]),
      );
    },

    async assignUserTask(input: InstanceRef & { taskId: string; assignee: string | null; actor: string }): Promise<void> {
      await db.task.updateMany({ where: { id: input.taskId, status: 'open' }, data: { assignee: input.assignee } });
      await appendAudit(db, {
        actor: input.actor,
        action: input.assignee ? 'task.claimed' : 'task.unclaimed',
        applicationId: input.applicationId,
        entityType: 'task',
        entityId: input.taskId,
        details: { assignee: input.assignee },
        // claims may repeat (claim, unclaim, claim); an activity retry must not
        dedupeKey: `task.assigned:${activityCallKey()}`,
      });
    },

    async cancelUserTask(input: CancelUserTaskInput): Promise<void> {
      await db.task.updateMany({ where: { id: input.taskId, status: 'open' }, data: { status: 'cancelled', completedAt: new Date() } });
      await appendAudit(db, {
        actor: 'system',
        action: 'task.cancelled',
        applicationId: input.applicationId,
        entityType: 'task',
        entityId: input.taskId,
        details: { elementId: input.elementId, reason: input.reason },
        dedupeKey: `task.cancelled:${input.taskId}`,
      });
    },
  };
}

/** The same for every attempt of one activity call, different for every other call. */
function activityCallKey(): string {
  const { workflowExecution, activityId } = Context.current().info;
  return `${workflowExecution?.runId ?? 'none'}:${activityId}`;
}
