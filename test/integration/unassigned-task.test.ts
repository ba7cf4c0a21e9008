/**
 * A user task whose model names nobody deploys (as Camunda 8 deploys it) with a warning, and runs:
 * it is offered to the fallback group (process administrators), whose queue says what it holds; a
 * reviewer of another group never sees it; an administrator completes it and the instance ends.
 */
import { apply, completeTask, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';
import { ApiClient, readFixture, useRunningProduct } from '../support/harness';

const product = useRunningProduct();
let admin: ApiClient;
let applicant: ApiClient;
let reviewer1: ApiClient;

beforeAll(async () => {
  [admin, applicant, reviewer1] = await product.login('admin', 'applicant', 'reviewer1');
});

interface Deployed { warnings?: Array<{ elementId: string; rule: string; warning?: boolean; severity?: string; message: string }> }
interface Queue { group: string; nameEn: string; open: number; fallback: boolean }

it('deploys with a warning naming the task and the fallback group', async () => {
  const res = await admin.post<Deployed>('/api/definitions', { xml: readFixture('unassigned-task.bpmn') });
  expect(res.status).toBe(201);
  expect(JSON.stringify(res.body)).toMatch(/triage[^}]*user-task-assignment|user-task-assignment[^}]*triage/);
  expect(JSON.stringify(res.body)).toContain('process-administrators');
});

it('offers the task to the process administrators, flagged as their queue of unnamed tasks, and runs to the end', async () => {
  const trackingNumber = await apply(applicant, {}, 'unassigned-task');
  const task = await waitForTask(admin, trackingNumber, 'triage');
  expect((await admin.get<{ candidateGroups: string[] }>(`/api/tasks/${encodeURIComponent(task.id)}`)).body.candidateGroups).toEqual(['process-administrators']);
  const queues = await admin.get<Queue[]>('/api/tasks/queues');
  expect(queues.body).toEqual(expect.arrayContaining([expect.objectContaining({ group: 'process-administrators', nameEn: 'Process administrators', fallback: true })]));
  expect(queues.body.find((q) => q.group === 'process-administrators')!.open).toBeGreaterThanOrEqual(1);
  // nobody else is offered it
  const others = await reviewer1.get<Array<{ id: string }>>('/api/tasks');
  expect(others.body.map((t) => t.id)).not.toContain(task.id);
  expect((await reviewer1.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { values: {} })).status).toBe(403);

  await completeTask(admin, task, {});
  expect((await waitForCompletion(applicant, trackingNumber)).outcome).toBe('triaged');
});
