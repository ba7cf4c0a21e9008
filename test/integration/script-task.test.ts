/**
 * Script tasks on the real engine: the FEEL script's result lands in its variable and drives the
 * gateway after it; manual tasks and none intermediate throw events pass the token on.
 */
import { ApiClient, readFixture, useRunningProduct } from '../support/harness';
import { apply, waitForCompletion } from '../../scripts/lib/walk-steps';

const product = useRunningProduct();
let applicant: ApiClient;

beforeAll(async () => {
  const [admin] = await product.login('admin');
  [applicant] = await product.login('applicant');
  const xml = readFixture('script-scoring.bpmn');
  expect((await admin.post('/api/definitions', { xml })).status).toBe(201);
});


it.each([
  [{ points: 4, evidence: ['a', 'b'] }, 42, 'high'],
  [{ points: 1, evidence: [] }, 10, 'low'],
])('scores %j as %d and ends %s', async (data, score, outcome) => {
  const trackingNumber = await apply(applicant, data, 'script-scoring');
  const done = await waitForCompletion(applicant, trackingNumber);
  expect(done.outcome).toBe(outcome);
  const state = await product.stack.engine.state(trackingNumber);
  expect(state?.variables.score).toBe(score);
  expect(state?.completed.map((s) => s.elementId)).toEqual(['start', 'score', 'scored', 'file-paper', 'enough', outcome]);
});
