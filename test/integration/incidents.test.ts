/**
 * A service task that cannot succeed does not fail the application: it waits in an incident that
 * the application record shows, until an administrator retries it.
 */
import { readFixture, useRunningProduct, waitFor } from '../support/harness';
import { apply } from '../../scripts/lib/walk-steps';

const product = useRunningProduct();

it('raises an incident when retries run out, and an administrator can retry it', async () => {
  const [admin, applicant] = await product.login('admin', 'applicant');
  const xml = readFixture('incident.bpmn');
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
