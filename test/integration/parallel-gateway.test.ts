/**
 * Parallel gateway on the real engine: the fork opens both reviews at once; the join waits for
 * both, whichever finishes first, and then continues exactly once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiClient, RunningWorker, Stack, startApi, startWorker, waitFor } from '../support/harness';
import { apply, completeTask, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';

let stack: Stack;
let worker: RunningWorker;

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
});

afterAll(async () => {
  await worker?.stop();
  await stack?.close();
});

it('forks into two reviews at once and joins only when both are done', async () => {
  const anonymous = new ApiClient(stack.baseUrl);
  const [admin, applicant, reviewer1, reviewer2] = await Promise.all(['admin', 'applicant', 'reviewer1', 'reviewer2'].map((u) => anonymous.login(u)));
  const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'parallel-review.bpmn'), 'utf8');
  expect((await admin.post('/api/definitions', { xml })).status).toBe(201);

  const trackingNumber = await apply(applicant, {}, 'parallel-review');
  const legal = await waitForTask(reviewer1, trackingNumber, 'legal-review');
  const tech = await waitForTask(reviewer2, trackingNumber, 'tech-review');

  // the second branch finishes first; the join holds its token
  await completeTask(reviewer2, tech, {});
  await waitFor('the technical branch to reach the join', async () => {
    const state = await stack.engine.state(trackingNumber);
    return state?.completed.some((s) => s.elementId === 'tech-review') && state;
  });
  const waiting = await stack.engine.state(trackingNumber);
  expect(waiting?.status).toBe('running');
  expect(waiting?.openTasks.map((t) => t.elementId)).toEqual(['legal-review']);
  expect(waiting?.completed.map((s) => s.elementId)).not.toContain('join');

  await completeTask(reviewer1, legal, {});
  const done = await waitForCompletion(applicant, trackingNumber);
  expect(done.outcome).toBe('both-reviewed');
  const final = await stack.engine.state(trackingNumber);
  const path_ = final!.completed.map((s) => s.elementId);
  expect(path_.filter((id) => id === 'join')).toHaveLength(1);
  expect(path_.filter((id) => id === 'end')).toHaveLength(1);
  expect(path_.slice(0, 2)).toEqual(['start', 'fork']);
});
