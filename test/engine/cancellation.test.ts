/**
 * Cancelling an instance that waits in called processes (call activities → child workflows) on the
 * real engine: the instance ends only after each called instance has finished its own cancellation —
 * withdrawn its open tasks — so no child is terminated by Temporal's parent-close policy with its task
 * rows left open. Also when an interrupting boundary event leaves a sub-process whose call activity
 * still runs and the instance then ends at once.
 */
import type { Client } from '@temporalio/client';
import { runModel } from '../../scripts/lib/model-runner';
import { apply, waitForTask } from '../../scripts/lib/walk-steps';
import { chain, model, userTask } from '../support/bpmn-models';
import { ApiClient, recordHistory, testConfig, useRunningProduct, waitFor } from '../support/harness';

const product = useRunningProduct();
jest.setTimeout(90_000);

/** A file with the calling process (first, the one applied for) and the called processes after it. */
function withCalled(caller: string, called: Record<string, string>): string {
  const processes = Object.entries(called).map(([id, body]) => `<bpmn:process id="${id}" isExecutable="true">${body}</bpmn:process>`);
  return caller.replace('</bpmn:definitions>', `${processes.join('\n')}</bpmn:definitions>`);
}

const callActivity = (id: string, processId: string) =>
  `<bpmn:callActivity id="${id}"><bpmn:extensionElements><zeebe:calledElement processId="${processId}" /></bpmn:extensionElements></bpmn:callActivity>`;

async function workflowStatus(client: Client, workflowId: string): Promise<string> {
  return (await client.workflow.getHandle(workflowId).describe()).status.name;
}

async function closedStatus(client: Client, workflowId: string): Promise<string> {
  return waitFor(`${workflowId} to close`, async () => {
    const status = await workflowStatus(client, workflowId);
    return status !== 'RUNNING' && status;
  });
}

describe('engine - cancelling an instance with called processes', () => {
  let admin: ApiClient;
  let applicant: ApiClient;
  let reviewer: ApiClient;

  beforeAll(async () => {
    [admin, applicant, reviewer] = await product.login('admin', 'applicant', 'reviewer2');
  });

  it('an administrator cancels an application waiting in a called process: the called instance ends CANCELLED (not terminated) and withdraws its open task', async () => {
    const xml = withCalled(
      model('cancel-caller', `<bpmn:startEvent id="start" />${callActivity('call', 'cancel-callee')}<bpmn:endEvent id="end" />${chain('start', 'call', 'end')}`),
      { 'cancel-callee': `<bpmn:startEvent id="cStart" />${userTask('childReview')}<bpmn:endEvent id="cEnd" />${chain('cStart', 'childReview', 'cEnd')}` },
    );
    expect((await admin.post('/api/definitions', { xml })).status).toBe(201);
    const trackingNumber = await apply(applicant, {}, 'cancel-caller');
    const task = await waitForTask(reviewer, trackingNumber, 'childReview');
    const child = `${trackingNumber}.call-1`;
    expect(task.id.startsWith(`${child}:`)).toBe(true);

    expect((await admin.post(`/api/applications/${trackingNumber}/cancel`, { reason: 'withdrawn by the company' })).status).toBe(200);
    const client = product.stack.client;
    expect(await closedStatus(client, trackingNumber)).toBe('CANCELLED');
    expect(await workflowStatus(client, child)).toBe('CANCELLED');
    // the parent closed after its child: the task row was withdrawn before that
    const db = product.stack.db;
    expect((await db.task.findUnique({ where: { id: task.id } }))?.status).toBe('cancelled');
    expect((await db.application.findUnique({ where: { trackingNumber } }))?.status).toBe('cancelled');
    // kept for the replay tests: a cancelled caller that waited for its called instance, and that instance
    await recordHistory(client, trackingNumber, 'engine.cancel-caller');
    await recordHistory(client, child, 'engine.cancel-callee');
  });

  it('two levels of called processes: every called instance ends CANCELLED, innermost first, and both open tasks are withdrawn', async () => {
    const xml = withCalled(
      model('cancel-top', `<bpmn:startEvent id="start" />${callActivity('callMiddle', 'cancel-middle')}<bpmn:endEvent id="end" />${chain('start', 'callMiddle', 'end')}`),
      {
        // the middle instance waits both at its own task and in its called instance
        'cancel-middle': `<bpmn:startEvent id="mStart" /><bpmn:parallelGateway id="fork" />
          ${userTask('middleReview')}${callActivity('callBottom', 'cancel-bottom')}
          <bpmn:parallelGateway id="joinAll" /><bpmn:endEvent id="mEnd" />
          ${chain('mStart', 'fork', 'middleReview', 'joinAll', 'mEnd')}${chain('fork', 'callBottom', 'joinAll')}`,
        'cancel-bottom': `<bpmn:startEvent id="bStart" />${userTask('bottomReview')}<bpmn:endEvent id="bEnd" />${chain('bStart', 'bottomReview', 'bEnd')}`,
      },
    );
    expect((await admin.post('/api/definitions', { xml })).status).toBe(201);
    const trackingNumber = await apply(applicant, {}, 'cancel-top');
    const middleTask = await waitForTask(reviewer, trackingNumber, 'middleReview');
    const bottomTask = await waitForTask(reviewer, trackingNumber, 'bottomReview');
    const middle = `${trackingNumber}.callMiddle-1`;
    const bottom = `${middle}.callBottom-1`;

    expect((await admin.post(`/api/applications/${trackingNumber}/cancel`, { reason: 'withdrawn by the company' })).status).toBe(200);
    const client = product.stack.client;
    expect(await closedStatus(client, trackingNumber)).toBe('CANCELLED');
    expect(await workflowStatus(client, middle)).toBe('CANCELLED');
    expect(await workflowStatus(client, bottom)).toBe('CANCELLED');
    const closedAt = async (id: string) => (await client.workflow.getHandle(id).describe()).closeTime!.getTime();
    expect(await closedAt(bottom)).toBeLessThanOrEqual(await closedAt(middle));
    expect(await closedAt(middle)).toBeLessThanOrEqual(await closedAt(trackingNumber));
    const db = product.stack.db;
    const rows = await db.task.findMany({ where: { id: { in: [middleTask.id, bottomTask.id] } } });
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect((await db.application.findUnique({ where: { trackingNumber } }))?.status).toBe('cancelled');
  });

  it('a parallel multi-instance call activity: every called instance ends CANCELLED with its task withdrawn before the application does', async () => {
    const xml = withCalled(
      model(
        'cancel-many',
        `<bpmn:startEvent id="start" />
         <bpmn:callActivity id="callEach">
           <bpmn:extensionElements><zeebe:calledElement processId="cancel-many-callee" /></bpmn:extensionElements>
           <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1, 2, 3]" inputElement="part" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
         </bpmn:callActivity>
         <bpmn:endEvent id="end" />${chain('start', 'callEach', 'end')}`,
      ),
      { 'cancel-many-callee': `<bpmn:startEvent id="cStart" />${userTask('partReview')}<bpmn:endEvent id="cEnd" />${chain('cStart', 'partReview', 'cEnd')}` },
    );
    expect((await admin.post('/api/definitions', { xml })).status).toBe(201);
    const trackingNumber = await apply(applicant, {}, 'cancel-many');
    const db = product.stack.db;
    const children = [1, 2, 3].map((n) => `${trackingNumber}.callEach-${n}`);
    await waitFor('three open part reviews', async () => (await db.task.count({ where: { elementId: 'partReview', status: 'open', id: { startsWith: `${trackingNumber}.` } } })) === 3);

    expect((await admin.post(`/api/applications/${trackingNumber}/cancel`, { reason: 'withdrawn by the company' })).status).toBe(200);
    const client = product.stack.client;
    expect(await closedStatus(client, trackingNumber)).toBe('CANCELLED');
    for (const child of children) expect(await workflowStatus(client, child)).toBe('CANCELLED');
    const rows = await db.task.findMany({ where: { id: { startsWith: `${trackingNumber}.` } } });
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    await recordHistory(client, trackingNumber, 'engine.cancel-many');
  });

  it('an interrupting boundary timer leaves a sub-process whose call activity waits and the instance ends at once: the called instance still ends CANCELLED with its task withdrawn', async () => {
    const xml = withCalled(
      model(
        'cancel-by-boundary',
        `<bpmn:startEvent id="start" />
         <bpmn:subProcess id="stage">
           <bpmn:startEvent id="sStart" />${callActivity('call', 'cancel-by-boundary-callee')}<bpmn:endEvent id="sEnd" />
           ${chain('sStart', 'call', 'sEnd')}
         </bpmn:subProcess>
         <bpmn:boundaryEvent id="deadline" attachedToRef="stage">
           <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
         </bpmn:boundaryEvent>
         <bpmn:endEvent id="end" /><bpmn:endEvent id="timedOut" />
         ${chain('start', 'stage', 'end')}${chain('deadline', 'timedOut')}`,
      ),
      { 'cancel-by-boundary-callee': `<bpmn:startEvent id="cStart" />${userTask('childReview')}<bpmn:endEvent id="cEnd" />${chain('cStart', 'childReview', 'cEnd')}` },
    );
    const report = await runModel(product.stack.db, product.stack.client, { xml, leaveOpen: ['childReview'], taskQueue: testConfig().temporal.taskQueue, idleTimeoutMs: 3000 });
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'sStart', 'deadline', 'timedOut']);
    const child = `${report.trackingNumber}.call-1`;
    expect(await workflowStatus(product.stack.client, child)).toBe('CANCELLED');
    const rows = await product.stack.db.task.findMany({ where: { id: { startsWith: `${child}:` } } });
    expect(rows.map((r) => [r.elementId, r.status])).toEqual([['childReview', 'cancelled']]);
    await recordHistory(product.stack.client, report.trackingNumber!, 'engine.cancel-by-boundary');
  });
});
