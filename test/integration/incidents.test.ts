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

it('raises an incident on a call activity whose process is not deployed, and completes once it is deployed and the call retried', async () => {
  const [admin, applicant] = await product.login('admin', 'applicant');
  const process = (id: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs-${id}" targetNamespace="http://ito.ir/bpmn/test">
  <bpmn:process id="${id}" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
  const caller = process('incident-call', `
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="incident-called" propagateAllChildVariables="false" /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />`);
  expect((await admin.post('/api/definitions', { xml: caller })).status).toBe(201);

  const trackingNumber = await apply(applicant, {}, 'incident-call');
  const stuck = await waitFor('the incident on the call', async () => {
    const res = await admin.get(`/api/applications/${trackingNumber}`);
    return res.body.status === 'incident' && res.body.state?.incidents.length === 1 && res.body;
  });
  expect(stuck.state.incidents[0]).toMatchObject({ elementId: 'call', incidentId: 'call/1' });
  expect(stuck.state.incidents[0].message).toContain('no deployed process with id "incident-called"');

  const called = process('incident-called', `
    <bpmn:startEvent id="s" />
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" />`);
  expect((await admin.post('/api/definitions', { xml: called })).status).toBe(201);
  expect((await admin.post(`/api/applications/${trackingNumber}/incidents/${encodeURIComponent('call/1')}/retry`)).status).toBe(200);
  await waitFor('the application to complete', async () => (await admin.get(`/api/applications/${trackingNumber}`)).body.status === 'completed');
});
