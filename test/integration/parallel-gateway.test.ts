/**
 * Parallel gateway on the real engine: the fork opens both reviews at once; the join waits for
 * both, whichever finishes first, and then continues exactly once.
 */
import { readFixture, useRunningProduct, waitFor } from '../support/harness';
import { apply, completeTask, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';

const product = useRunningProduct();

it('forks into two reviews at once and joins only when both are done', async () => {
  const { stack } = product;
  const [admin, applicant, reviewer1, reviewer2] = await product.login('admin', 'applicant', 'reviewer1', 'reviewer2');
  const xml = readFixture('parallel-review.bpmn');
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
