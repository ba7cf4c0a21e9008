/**
 * Script tasks on the real engine: the FEEL script's result lands in its variable and drives the
 * gateway after it; manual tasks and none intermediate throw events pass the token on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiClient, RunningWorker, Stack, startApi, startWorker } from '../support/harness';
import { apply, waitForCompletion } from '../../scripts/lib/walk-steps';

let stack: Stack;
let worker: RunningWorker;
let applicant: ApiClient;

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  const anonymous = new ApiClient(stack.baseUrl);
  const admin = await anonymous.login('admin');
  applicant = await anonymous.login('applicant');
  const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'script-scoring.bpmn'), 'utf8');
  expect((await admin.post('/api/definitions', { xml })).status).toBe(201);
});

afterAll(async () => {
  await worker?.stop();
  await stack?.close();
});

it.each([
  [{ points: 4, evidence: ['a', 'b'] }, 42, 'high'],
  [{ points: 1, evidence: [] }, 10, 'low'],
])('scores %j as %d and ends %s', async (data, score, outcome) => {
  const trackingNumber = await apply(applicant, data, 'script-scoring');
  const done = await waitForCompletion(applicant, trackingNumber);
  expect(done.outcome).toBe(outcome);
  const state = await stack.engine.state(trackingNumber);
  expect(state?.variables.score).toBe(score);
  expect(state?.completed.map((s) => s.elementId)).toEqual(['start', 'score', 'scored', 'file-paper', 'enough', outcome]);
});
