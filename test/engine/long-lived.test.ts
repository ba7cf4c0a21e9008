/**
 * Long-lived instances on the real engine: history stays small through continue-as-new with
 * carried state, and an administrator can move a waiting instance to a newer version with an
 * explicit element mapping (refused when a token would be stranded).
 */
import { runModel } from '../../scripts/lib/model-runner';
import { apply, completeTask, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';
import { getStateQuery } from '../../workflows/messages';
import { chain, flow, model, scriptTask, userTask } from '../support/bpmn-models';
import { ApiClient, testConfig, useRunningProduct, waitFor } from '../support/harness';

const product = useRunningProduct();
jest.setTimeout(180_000);

it('a loop of many user tasks continues as new with its state and never lets one run grow large', async () => {
  const rounds = 60;
  const xml = model(
    'many-rounds',
    `<bpmn:startEvent id="start" />
     ${scriptTask('init', '0', 'round')}
     ${userTask('review')}
     ${scriptTask('next', 'round + 1', 'round')}
     <bpmn:exclusiveGateway id="more" default="again" />
     <bpmn:endEvent id="end" />
     ${chain('start', 'init', 'review', 'next', 'more')}
     ${flow('done', 'more', 'end', `round >= ${rounds}`)}${flow('again', 'more', 'review')}`,
  );
  const limit = 150;
  const report = await runModel(product.stack.db, product.stack.client, { xml, taskQueue: testConfig().temporal.taskQueue, continueAsNewAfterEvents: limit });
  expect(report.state).toBe('completed');
  expect(report.variables.round).toBe(rounds);
  expect(report.completed.filter((id) => id === 'review')).toHaveLength(rounds); // nothing lost across runs
  const handle = product.stack.client.workflow.getHandle(report.trackingNumber!);
  const final = await handle.query(getStateQuery);
  expect(final.continuations).toBeGreaterThanOrEqual(3);
  const last = await handle.describe();
  expect(last.historyLength).toBeLessThan(limit * 2);
});

describe('instance migration', () => {
  let admin: ApiClient;
  let applicant: ApiClient;
  let reviewer: ApiClient;
  const v1 = model('migrating', `<bpmn:startEvent id="start" />${userTask('review')}<bpmn:endEvent id="end" />${chain('start', 'review', 'end')}`);
  const v2 = model(
    'migrating',
    `<bpmn:startEvent id="start" />${userTask('technicalReview')}${scriptTask('stamp', '"v2"', 'finishedOn')}<bpmn:endEvent id="end" />${chain('start', 'technicalReview', 'stamp', 'end')}`,
  );

  beforeAll(async () => {
    [admin, applicant, reviewer] = await product.login('admin', 'applicant', 'reviewer2');
  });

  it('moves a waiting application to the new version with an explicit mapping, withdrawing the old task', async () => {
    expect((await admin.post('/api/definitions', { xml: v1 })).status).toBe(201);
    const trackingNumber = await apply(applicant, {}, 'migrating');
    const oldTask = await waitForTask(reviewer, trackingNumber, 'review');
    const deployed = await admin.post('/api/definitions', { xml: v2 });
    const version = deployed.body.versions[0].version as number;

    const stranded = await admin.post(`/api/applications/${trackingNumber}/migrate`, { version });
    expect(stranded.status).toBe(409);
    expect(stranded.body.message).toContain('strand tokens at review');

    const migrated = await admin.post(`/api/applications/${trackingNumber}/migrate`, { version, mapping: { review: 'technicalReview' } });
    expect({ status: migrated.status, message: migrated.body.message }).toEqual({ status: 200, message: undefined });
    const newTask = await waitForTask(reviewer, trackingNumber, 'technicalReview');
    expect(newTask.id).not.toBe(oldTask.id);
    await waitFor('the old task to be withdrawn', async () => (await product.stack.db.task.findUnique({ where: { id: oldTask.id } }))?.status === 'cancelled');

    await completeTask(reviewer, newTask, {});
    await waitForCompletion(applicant, trackingNumber);
    const state = await product.stack.engine.state(trackingNumber);
    expect(state?.variables.finishedOn).toBe('v2');
    expect(state?.definition.version).toBe(version);
    const row = await product.stack.db.application.findUnique({ where: { trackingNumber } });
    expect(row?.processVersion).toBe(version);
  });

  it('refuses migration for non-administrators', async () => {
    const res = await applicant.post('/api/applications/AP-14050101-AAAAAA/migrate', { version: 1 });
    expect(res.status).toBe(403);
  });
});

it('an administrator cancels a running application: its open task is withdrawn and the reason kept', async () => {
  const [admin, applicant, reviewer] = await product.login('admin', 'applicant', 'reviewer2');
  const xml = model('cancellable', `<bpmn:startEvent id="start" />${userTask('review')}<bpmn:endEvent id="end" />${chain('start', 'review', 'end')}`);
  expect((await admin.post('/api/definitions', { xml })).status).toBe(201);
  const trackingNumber = await apply(applicant, {}, 'cancellable');
  const task = await waitForTask(reviewer, trackingNumber, 'review');

  expect((await applicant.post(`/api/applications/${trackingNumber}/cancel`, { reason: 'withdrawn by the company' })).status).toBe(403);
  expect((await admin.post(`/api/applications/${trackingNumber}/cancel`, {})).status).toBe(400);
  expect((await admin.post(`/api/applications/${trackingNumber}/cancel`, { reason: 'withdrawn by the company' })).status).toBe(200);
  const db = product.stack.db;
  await waitFor('the application to be cancelled', async () => (await db.application.findUnique({ where: { trackingNumber } }))?.status === 'cancelled');
  expect((await db.task.findUnique({ where: { id: task.id } }))?.status).toBe('cancelled');
  expect((await admin.post(`/api/applications/${trackingNumber}/cancel`, { reason: 'again' })).status).toBe(409);
  const audit = await db.auditLog.findMany({ where: { entityId: trackingNumber, action: 'application.cancel-requested' } });
  expect(JSON.parse(audit[0].details)).toEqual({ reason: 'withdrawn by the company' });
});

it('carries a waiting task\'s boundary timer into the next run, where it fires once', async () => {
  const xml = model(
    'carried-sla',
    `<bpmn:startEvent id="start" />
     <bpmn:serviceTask id="prepare">
       <bpmn:extensionElements><zeebe:taskDefinition type="archive-lookup" /></bpmn:extensionElements>
       <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=for i in 1..25 return i" inputElement="i" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
     </bpmn:serviceTask>
     ${userTask('review')}
     <bpmn:boundaryEvent id="slaPassed" attachedToRef="review" cancelActivity="false">
       <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P5D</bpmn:timeDuration></bpmn:timerEventDefinition>
     </bpmn:boundaryEvent>
     ${userTask('supervise', '', 'formal-reviewers')}
     <bpmn:endEvent id="reviewed" /><bpmn:endEvent id="escalated" />
     ${chain('start', 'prepare', 'review', 'reviewed')}${chain('slaPassed', 'supervise', 'escalated')}`,
  );
  const report = await runModel(product.stack.db, product.stack.client, {
    xml, stubServices: true, leaveOpen: ['review'], continueAsNewAfterEvents: 60, taskQueue: testConfig().temporal.taskQueue, idleTimeoutMs: 3000,
  });
  expect(report.state).toBe('waiting'); // the review stays open on purpose
  expect(report.completed.filter((id) => id === 'slaPassed')).toHaveLength(1);
  expect(report.completed.slice(-3)).toEqual(['slaPassed', 'supervise', 'escalated']);
  const state = await product.stack.client.workflow.getHandle(report.trackingNumber!).query(getStateQuery);
  expect(state.continuations).toBeGreaterThanOrEqual(1);
  expect(state.openTasks.map((t) => t.elementId)).toEqual(['review']);
});
