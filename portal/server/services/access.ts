/** Who may see what: applicants see their organisation's applications; staff see all. */
import type { CurrentUser } from '../plugins/auth';
import type { Db, Prisma } from '../../../prisma/client';
import { companiesOfAgent, isAgent } from './agents';

export const isStaff = (user: CurrentUser) => user.roles.includes('admin') || user.roles.includes('reviewer');

export function applicationScope(user: CurrentUser): Prisma.ApplicationWhereInput {
  if (isStaff(user)) return {};
  return { organisationId: user.organisationId ?? '__none__' };
}

/** applicationScope, and for a counter office's agent the applications of the companies that authorised its office. */
export async function applicationScopeFor(db: Db, user: CurrentUser): Promise<Prisma.ApplicationWhereInput> {
  if (!isAgent(user) || isStaff(user)) return applicationScope(user);
  return { organisationId: { in: await companiesOfAgent(db, user) } };
}

/** A user may work on a task that is assigned to them, or unassigned with a matching candidate. */
export function canWorkOn(user: CurrentUser, task: { assignee: string | null; candidateGroups: string; candidateUsers: string }): boolean {
  if (task.assignee) return task.assignee === user.username;
  const users = task.candidateUsers ? task.candidateUsers.split(',') : [];
  const groups = task.candidateGroups ? task.candidateGroups.split(',') : [];
  return users.includes(user.username) || groups.some((g) => user.groups.includes(g));
}

/** Rows whose comma-separated list `field` holds `value` exactly (LIKE may over-match on `_`; canWorkOn decides). */
function listHolds(field: 'candidateGroups' | 'candidateUsers', value: string): Prisma.TaskWhereInput[] {
  return [{ [field]: value }, { [field]: { startsWith: `${value},` } }, { [field]: { endsWith: `,${value}` } }, { [field]: { contains: `,${value},` } }];
}

/**
 * The open tasks `user` may work on, as a database filter: the queue is narrowed in the query, not
 * after reading every open task, so a reviewer's own tasks are found however many others are open.
 * It may over-match (never under-match); canWorkOn is the exact rule. `extra`: more rows to include
 * (an agent's companies' tasks).
 */
export function workableTasksWhere(user: CurrentUser, extra: Prisma.TaskWhereInput[] = []): Prisma.TaskWhereInput {
  return {
    status: 'open',
    OR: [
      { assignee: user.username },
      { assignee: null, OR: [...listHolds('candidateUsers', user.username), ...user.groups.flatMap((g) => listHolds('candidateGroups', g))] },
      ...extra,
    ],
  };
}

/** Who may read a task and its comments and files: those who may work on it, its completer, administrators. */
export function canSeeTask(user: CurrentUser, task: { assignee: string | null; candidateGroups: string; candidateUsers: string; completedBy: string | null }): boolean {
  return canWorkOn(user, task) || task.completedBy === user.username || user.roles.includes('admin');
}

/**
 * Who may read the documents of an application: administrators and reviewers, users of the
 * applicant organisation, agents of a counter office it authorised, and whoever may see one of its tasks (an outside evaluation lab or audit
 * body given a task through its `org:<national id>` group).
 */
export async function mayReadApplicationDocuments(db: Db, user: CurrentUser, applicationId: string): Promise<boolean> {
  if (isStaff(user)) return true;
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { organisationId: true } });
  if (!application) return false;
  if (user.organisationId && application.organisationId === user.organisationId) return true;
  // a counter office's agent reads the documents of the companies that authorise its office now
  if (isAgent(user) && (await companiesOfAgent(db, user)).includes(application.organisationId)) return true;
  const tasks = await db.task.findMany({ where: { applicationId }, select: { assignee: true, candidateGroups: true, candidateUsers: true, completedBy: true } });
  return tasks.some((task) => canSeeTask(user, task));
}

/** A document is read by its uploader, and once attached by those who may read its application's documents. */
export async function canReadDocument(db: Db, user: CurrentUser, doc: { uploadedById: string; applicationId: string | null }): Promise<boolean> {
  if (doc.uploadedById === user.id) return true;
  return doc.applicationId !== null && mayReadApplicationDocuments(db, user, doc.applicationId);
}
