/**
 * The task records reviewers' queues are read from, against the real test database: opening and
 * closing a task writes the row and its audit entry together, once, however often the (local)
 * activity runs; a close whose task row is missing writes nothing and fails, so it is retried.
 */
import { createDb, type Db } from '../../prisma/client';
import { createUserTaskActivities } from '../../activities/user-tasks/user-task-records';
import { applicationWithTask } from '../support/document-fixtures';

let db: Db;
beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!);
});
afterAll(() => db.$disconnect());

describe('user task records', () => {
  it('opens a task once, with one task.opened entry, however often openUserTask runs', async () => {
    const { applicationId, trackingNumber } = await applicationWithTask(db);
    const activities = createUserTaskActivities(db);
    const taskId = `${trackingNumber}:approve:1`;
    const input = {
      trackingNumber, applicationId, taskId, elementId: 'approve', name: 'Approve',
      candidateGroups: ['technical-reviewers'], candidateUsers: [], createdAt: new Date().toISOString(), prefill: { productName: 'x' },
    };
    await activities.openUserTask(input);
    await activities.openUserTask({ ...input, name: 'renamed by a retry' });
    expect(await db.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({ status: 'open', name: 'Approve', candidateGroups: 'technical-reviewers' });
    expect(await db.auditLog.count({ where: { entityId: taskId, action: 'task.opened' } })).toBe(1);
  });

  it('closes a task once, with one task.completed entry, however often closeUserTask runs', async () => {
    const { applicationId, trackingNumber, taskId } = await applicationWithTask(db);
    const activities = createUserTaskActivities(db);
    const input = {
      trackingNumber, applicationId, taskId, elementId: 'review',
      completedBy: 'reviewer1', completedByRole: 'reviewer', output: { approved: true }, completedAt: new Date().toISOString(),
    };
    await activities.closeUserTask(input);
    await activities.closeUserTask(input);
    expect(await db.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({ status: 'completed', completedBy: 'reviewer1', output: '{"approved":true}' });
    expect(await db.auditLog.count({ where: { entityId: taskId, action: 'task.completed' } })).toBe(1);
  });

  it('fails a close of a task that has no row, and writes no audit entry for it', async () => {
    const { applicationId, trackingNumber } = await applicationWithTask(db);
    const taskId = `${trackingNumber}:missing:1`;
    await expect(createUserTaskActivities(db).closeUserTask({
      trackingNumber, applicationId, taskId, elementId: 'missing',
      completedBy: 'reviewer1', completedByRole: 'reviewer', output: {}, completedAt: new Date().toISOString(),
    })).rejects.toThrow();
    expect(await db.auditLog.count({ where: { entityId: taskId } })).toBe(0);
  });
});
