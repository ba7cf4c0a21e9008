/** Rows for database-level document tests: an application of the demo company with one task, and document rows. */
import crypto from 'node:crypto';
import type { Db } from '../../prisma/client';
import type { FormSchema } from '../../workflows/graph/types';
import { newTrackingNumber } from '../../activities/applications/tracking-number';
import type { CurrentUser } from '../../portal/server/plugins/auth';

/** A demo user as the API would see it. */
export async function currentUser(db: Db, username: string): Promise<CurrentUser> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, include: { roles: true, groups: true } });
  return { id: user.id, username, displayName: user.displayName, organisationId: user.organisationId, roles: user.roles.map((r) => r.role), groups: user.groups.map((g) => g.groupId) };
}

/** An application of the demo applicant (no workflow behind it) with one open task carrying `form`. */
export async function applicationWithTask(db: Db, form?: FormSchema): Promise<{ applicationId: string; trackingNumber: string; taskId: string }> {
  const definition = await db.processDefinition.findFirstOrThrow({ where: { key: 'software-technical-approval' }, orderBy: { version: 'desc' } });
  const applicant = await db.user.findUniqueOrThrow({ where: { username: 'applicant' } });
  const trackingNumber = newTrackingNumber('TA');
  const application = await db.application.create({
    data: {
      trackingNumber, definitionId: definition.id, processKey: definition.key, processVersion: definition.version,
      organisationId: applicant.organisationId!, applicantId: applicant.id, status: 'running', submittedData: '{}',
    },
  });
  const taskId = `${trackingNumber}:review:1`;
  await db.task.create({ data: { id: taskId, applicationId: application.id, elementId: 'review', status: 'open', candidateUsers: 'reviewer1', form: form ? JSON.stringify(form) : null } });
  return { applicationId: application.id, trackingNumber, taskId };
}

/** A document row (its bytes are not needed by these tests). */
export async function documentRow(db: Db, uploadedById: string, contentType: string, filename = 'file.pdf'): Promise<string> {
  const doc = await db.document.create({
    data: {
      storageKey: `2026/01/${crypto.randomBytes(16).toString('hex')}`,
      filename, contentType, size: 10, sha256: crypto.randomBytes(32).toString('hex'), uploadedById, kind: 'upload',
    },
  });
  return doc.id;
}
