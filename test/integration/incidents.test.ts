/**
 * A service task that cannot succeed does not fail the application: it waits in an incident that
 * the application record shows, until an administrator retries it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiClient, RunningWorker, Stack, startApi, startWorker, waitFor } from '../support/harness';
import { apply } from '../../scripts/lib/walk-steps';

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

it('raises an incident when retries run out, and an administrator can retry it', async () => {
  const anonymous = new ApiClient(stack.baseUrl);
  const [admin, applicant] = await Promise.all(['admin', 'applicant'].map((u) => anonymous.login(u)));
  const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'incident.bpmn'), 'utf8');
  expect((await admin.post('/api/definitions', { xml })).status).toBe(201);

  const trackingNumber = await apply(applicant, {}, 'incident-test');
  const first = await waitFor('the incident', async () => {
    const res = await admin.get(`/api/applications/${trackingNumber}`);
    return res.body.status === 'incident' && res.body.state?.incidents.length === 1 && res.body;
  });
  expect(first.state.incidents[0]).toMatchObject({ elementId: 'notify', incidentId: 'notify/1' });
  expect(first.state.incidents[0].message).toContain('no-such-template');

  const url = `/api/applications/${trackingNumber}/incidents/${encodeURIComponent('notify/1')}/retry`;
  expect((await applicant.post(url)).status).toBe(403);
  expect((await admin.post(url)).status).toBe(200);
  expect((await admin.post(url)).status).toBe(404); // already retried

  // the cause is still there, so the retry ends in a new incident rather than a lost token
  // (the workflow's state leads; the application row follows once its activity has run)
  const second = await waitFor('the second incident', async () => {
    const res = await admin.get(`/api/applications/${trackingNumber}`);
    return res.body.state?.incidents[0]?.incidentId === 'notify/2' && res.body.status === 'incident' && res.body;
  });
  const actions = second.history.map((h: { action: string }) => h.action);
  expect(actions.filter((a: string) => a === 'application.incident')).toHaveLength(2);
});
