/** Shapes the API gives in more than one place, read by more than one area of the portal. */

/** A user task as GET /api/tasks and an instance's detail (GET /api/operations/instances/:t) give it. */
export interface TaskSummary {
  id: string;
  elementId: string;
  name: string | null;
  status: string;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  completedBy: string | null;
  createdAt: string;
  completedAt: string | null;
  dueDate: string | null;
}
