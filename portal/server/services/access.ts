/** Who may see what: applicants see their organisation's applications; staff see all. */
import type { CurrentUser } from '../plugins/auth';
import type { Prisma } from '../../../prisma/client';

export const isStaff = (user: CurrentUser) => user.roles.includes('admin') || user.roles.includes('reviewer');

export function applicationScope(user: CurrentUser): Prisma.ApplicationWhereInput {
  if (isStaff(user)) return {};
  return { organisationId: user.organisationId ?? '__none__' };
}

/** A user may work on a task that is assigned to them, or unassigned with a matching candidate. */
export function canWorkOn(user: CurrentUser, task: { assignee: string | null; candidateGroups: string; candidateUsers: string }): boolean {
  if (task.assignee) return task.assignee === user.username;
  const users = task.candidateUsers ? task.candidateUsers.split(',') : [];
  const groups = task.candidateGroups ? task.candidateGroups.split(',') : [];
  return users.includes(user.username) || groups.some((g) => user.groups.includes(g));
}

/** Who may read a task and its comments and files: those who may work on it, its completer, administrators. */
export function canSeeTask(user: CurrentUser, task: { assignee: string | null; candidateGroups: string; candidateUsers: string; completedBy: string | null }): boolean {
  return canWorkOn(user, task) || task.completedBy === user.username || user.roles.includes('admin');
}
