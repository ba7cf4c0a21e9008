/**
 * Long-lived instances on the real engine: history stays small through continue-as-new with
 * carried state, and an administrator can move a waiting instance to a newer version with an
 * explicit element mapping (refused when a token would be stranded).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { runModel, startModel } from '../../scripts/lib/model-runner';
import { apply, completeTask, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';
import { deployBpmn } from '../../portal/server/services/deploy-definition';
import type { ProcessGraph } from '../../workflows/graph/types';
import { advanceClockUpdate, getStateQuery, migrateInstanceUpdate } from '../../workflows/messages';
import type { InstanceState } from '../../workflows/state';
import { chain, flow, model, scriptTask, userTask } from '../support/bpmn-models';
import { ApiClient, recordHistory, testConfig, useRunningProduct, waitFor } from '../support/harness';

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
  const limit = 90;
  // each task stays open a moment, as a reviewer's would: a completion racing the task's own record-keeping leaves no quiet point to hand over at
  const report = await runModel(product.stack.db, product.stack.client, { xml, taskQueue: testConfig().temporal.taskQueue, continueAsNewAfterEvents: limit, thinkTimeMs: 100 });
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

// ---- hand-overs at timer, message and signal waits -----------------------------------------

const adminActor = { username: 'admin', roles: ['admin'], groups: [] };
const messageDef = (id: string, name: string, key = '=trackingNumber') =>
  `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="${key}" /></bpmn:extensionElements></bpmn:message>`;
const countOf = (state: InstanceState, elementId: string) => state.completed.filter((step) => step.elementId === elementId).length;

/** Moves an instance's engine clock past `target` (epoch ms), also across a hand-over; returns by how much. */
async function moveClockPast(handle: WorkflowHandle, target: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const byMs = target + 1 - Date.parse((await handle.query(getStateQuery)).clock);
    try {
      await handle.executeUpdate(advanceClockUpdate, { args: [{ byMs, actor: adminActor }] });
      return byMs;
    } catch (err) {
      if (attempt >= 5) throw err; // the run it reached continued as new first: ask the next one
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('continue-as-new and migration at timer, message and signal waits', () => {
  it('a loop waiting at a timer catch event each round continues as new several times; every timer keeps its due time and fires once', async () => {
    const rounds = 36;
    const xml = model(
      'timer-rounds',
      `<bpmn:startEvent id="start" />
       ${scriptTask('init', '0', 'round')}
       <bpmn:intermediateCatchEvent id="pause"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
       ${scriptTask('next', 'round + 1', 'round')}
       <bpmn:exclusiveGateway id="more" default="again" />
       <bpmn:endEvent id="end" />
       ${chain('start', 'init', 'pause', 'next', 'more')}${flow('done', 'more', 'end', `round >= ${rounds}`)}${flow('again', 'more', 'pause')}`,
    );
    const started = await startModel(product.stack.db, product.stack.client, { xml, taskQueue: testConfig().temporal.taskQueue, continueAsNewAfterEvents: 50 });
    if ('state' in started) throw new Error(`not started: ${JSON.stringify(started.problems)}`);
    const handle = product.stack.client.workflow.getHandle(started.trackingNumber);
    let offset = 0;
    const runsSeen = new Set<number>();
    for (let round = 1; round <= rounds; round++) {
      const { state, dueAt } = await waitFor(`round ${round} at the timer`, async () => {
        const state = await handle.query(getStateQuery);
        const timer = state.waits.find((w) => w.kind === 'timer');
        return countOf(state, 'pause') === round - 1 && timer?.kind === 'timer' && { state, dueAt: Date.parse(timer.dueAt) };
      });
      runsSeen.add(state.continuations);
      // armed when the token arrived (the step before it completed then, engine time = that + the clock's offset),
      // and never again by a hand-over: due exactly an hour later
      const arrived = Date.parse(state.completed[state.completed.length - 1].at) + offset;
      expect(dueAt - arrived).toBe(3_600_000);
      offset += await moveClockPast(handle, dueAt);
      await waitFor(`the timer of round ${round} to fire`, async () => countOf(await handle.query(getStateQuery), 'pause') >= round, 15_000);
    }
    await handle.result();
    const final = await handle.query(getStateQuery);
    expect(final.variables.round).toBe(rounds);
    expect(countOf(final, 'pause')).toBe(rounds); // each timer fired once, none twice across a hand-over
    expect(countOf(final, 'next')).toBe(rounds);
    expect(final.continuations).toBeGreaterThanOrEqual(3);
    expect(runsSeen.size).toBeGreaterThan(1);
    expect((await handle.describe()).historyLength).toBeLessThan(120);
    // kept for the replay tests: the last run, which took over a waiting timer
    await recordHistory(product.stack.client, started.trackingNumber, 'engine.timer-rounds');
  });

  it('a loop waiting for a message each round continues as new several times and neither loses nor repeats a message, published as it waits (without or with a time to live) or all at once', async () => {
    const [admin] = await product.login('admin');
    const oneByOne = 20;
    const buffered = 20;
    const total = oneByOne + buffered + 6;
    const xml = model(
      'message-rounds',
      `<bpmn:startEvent id="start" />
       ${scriptTask('init', '[]', 'received')}
       <bpmn:intermediateCatchEvent id="tick"><bpmn:messageEventDefinition messageRef="tickMessage" /></bpmn:intermediateCatchEvent>
       ${scriptTask('note', 'append(received, n)', 'received')}
       <bpmn:exclusiveGateway id="more" default="again" />
       <bpmn:endEvent id="end" />
       ${chain('start', 'init', 'tick', 'note', 'more')}${flow('done', 'more', 'end', `count(received) >= ${total}`)}${flow('again', 'more', 'tick')}`,
      messageDef('tickMessage', 'round-tick'),
    );
    const started = await startModel(product.stack.db, product.stack.client, { xml, taskQueue: testConfig().temporal.taskQueue, continueAsNewAfterEvents: 50 });
    if ('state' in started) throw new Error(`not started: ${JSON.stringify(started.problems)}`);
    const trackingNumber = started.trackingNumber;
    const handle = product.stack.client.workflow.getHandle(trackingNumber);
    const publish = async (n: number, timeToLive?: string) => {
      const res = await admin.post('/api/messages', { name: 'round-tick', correlationKey: trackingNumber, messageId: `${trackingNumber}-tick-${n}`, variables: { n }, ...(timeToLive ? { timeToLive } : {}) });
      expect(res.status).toBe(200);
      return res.body.correlatedTo as number;
    };
    const waitingFor = (n: number) =>
      waitFor(`round ${n} to wait for its message`, async () => {
        const state = await handle.query(getStateQuery);
        const open = await product.stack.db.messageSubscription.count({ where: { workflowId: trackingNumber, messageName: 'round-tick' } });
        return countOf(state, 'tick') === n - 1 && open === 1 && state;
      }, 15_000);
    // one at a time as soon as the subscription is open; a hand-over happens right when the token
    // arrives there, so several of these meet one. First without time to live (only an open
    // subscription gets them) …
    for (let n = 1; n <= oneByOne; n++) {
      await waitingFor(n);
      expect(await publish(n)).toBe(1);
    }
    const afterFirst = (await waitingFor(oneByOne + 1)).continuations;
    expect(afterFirst).toBeGreaterThanOrEqual(2);
    // … then kept for an hour: every later subscription reads the earlier ones again from the store,
    // and a run after a hand-over must know them as seen
    for (let n = oneByOne + 1; n <= oneByOne + buffered; n++) {
      await waitingFor(n);
      expect(await publish(n, 'PT1H')).toBe(1);
    }
    expect((await waitingFor(oneByOne + buffered + 1)).continuations).toBeGreaterThanOrEqual(afterFirst + 2);
    // the rest at once
    for (let n = oneByOne + buffered + 1; n <= total; n++) await publish(n, 'PT1H');
    await handle.result();
    const final = await handle.query(getStateQuery);
    expect(final.variables.received).toHaveLength(total);
    expect([...(final.variables.received as number[])].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(final.continuations).toBeGreaterThanOrEqual(3);
    expect(await product.stack.db.messageSubscription.count({ where: { workflowId: trackingNumber } })).toBe(0);
    await recordHistory(product.stack.client, trackingNumber, 'engine.message-rounds');
  });

  it('carries a waiting task\'s message and signal boundary events across hand-overs: each message starts its path once, and the signal then takes the token', async () => {
    const [admin] = await product.login('admin');
    const nudges = 10;
    const xml = model(
      'carried-boundaries',
      `<bpmn:startEvent id="start" />
       ${scriptTask('init', '0', 'nudged')}
       <bpmn:serviceTask id="prepare">
         <bpmn:extensionElements><zeebe:taskDefinition type="archive-lookup" /></bpmn:extensionElements>
         <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=for i in 1..12 return i" inputElement="i" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
       </bpmn:serviceTask>
       ${userTask('review')}
       <bpmn:boundaryEvent id="nudge" attachedToRef="review" cancelActivity="false"><bpmn:messageEventDefinition messageRef="nudgeMessage" /></bpmn:boundaryEvent>
       <bpmn:boundaryEvent id="withdrawn" attachedToRef="review"><bpmn:signalEventDefinition signalRef="withdrawSignal" /></bpmn:boundaryEvent>
       ${scriptTask('countNudge', 'nudged + 1', 'nudged')}
       <bpmn:endEvent id="reviewed" /><bpmn:endEvent id="nudgeDone" /><bpmn:endEvent id="withdrawnEnd" />
       ${chain('start', 'init', 'prepare', 'review', 'reviewed')}${chain('nudge', 'countNudge', 'nudgeDone')}${chain('withdrawn', 'withdrawnEnd')}`,
      `${messageDef('nudgeMessage', 'review-nudge')}<bpmn:signal id="withdrawSignal" name="review-withdrawn-carried" />`,
    );
    const started = await startModel(product.stack.db, product.stack.client, { xml, stubServices: true, taskQueue: testConfig().temporal.taskQueue, continueAsNewAfterEvents: 50 });
    if ('state' in started) throw new Error(`not started: ${JSON.stringify(started.problems)}`);
    const trackingNumber = started.trackingNumber;
    const handle = product.stack.client.workflow.getHandle(trackingNumber);
    const db = product.stack.db;
    const waiting = (nudgedSoFar: number) =>
      waitFor(`the review to wait with ${nudgedSoFar} nudges done`, async () => {
        const state = await handle.query(getStateQuery);
        const open = await db.messageSubscription.count({ where: { workflowId: trackingNumber, messageName: 'review-nudge' } });
        return state.openTasks.length === 1 && countOf(state, 'nudgeDone') === nudgedSoFar && open === 1 && state;
      }, 15_000);
    const first = await waiting(0);
    const taskId = first.openTasks[0].taskId;
    for (let n = 1; n <= nudges; n++) {
      const res = await admin.post('/api/messages', { name: 'review-nudge', correlationKey: trackingNumber, variables: { lastNudge: n } });
      expect(res.body.correlatedTo).toBe(1);
      await waiting(n);
    }
    const before = await waiting(nudges);
    expect(before.continuations).toBeGreaterThanOrEqual(2); // the boundary events were carried more than once
    expect(before.openTasks[0].taskId).toBe(taskId); // the same task all along
    await new Promise((r) => setTimeout(r, 500)); // the instance is listed as running in its latest run
    expect((await admin.post('/api/signals', { name: 'review-withdrawn-carried' })).status).toBe(200);
    await handle.result();
    const final = await handle.query(getStateQuery);
    expect(final.variables).toMatchObject({ nudged: nudges, lastNudge: nudges });
    expect(countOf(final, 'countNudge')).toBe(nudges);
    expect(final.completed.slice(-2).map((s) => s.elementId)).toEqual(['withdrawn', 'withdrawnEnd']);
    expect((await db.task.findUnique({ where: { id: taskId } }))?.status).toBe('cancelled');
    expect(await db.messageSubscription.count({ where: { workflowId: trackingNumber } })).toBe(0);
    await recordHistory(product.stack.client, trackingNumber, 'engine.carried-boundaries');
  });

  it('migrates an instance waiting at a timer catch event to a timer catch event of the new version: its due time counts from when the token arrived, with the new duration', async () => {
    const timer = (id: string, duration: string) =>
      `<bpmn:intermediateCatchEvent id="${id}"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
    const v1 = model('migrating-timer', `<bpmn:startEvent id="start" />${timer('pause', 'PT1H')}<bpmn:endEvent id="end" />${chain('start', 'pause', 'end')}`);
    const v2 = model(
      'migrating-timer',
      `<bpmn:startEvent id="start" />${timer('coolingOff', 'PT3H')}${scriptTask('stamp', '"v2"', 'finishedOn')}<bpmn:endEvent id="end" />${chain('start', 'coolingOff', 'stamp', 'end')}`,
    );
    const { db, client } = product.stack;
    const started = await startModel(db, client, { xml: v1, taskQueue: testConfig().temporal.taskQueue });
    if ('state' in started) throw new Error(`not started: ${JSON.stringify(started.problems)}`);
    const handle = client.workflow.getHandle(started.trackingNumber);
    const dueOf = (state: InstanceState) => {
      const wait = state.waits.find((w) => w.kind === 'timer');
      return wait?.kind === 'timer' ? Date.parse(wait.dueAt) : undefined;
    };
    const before = await waitFor('the token to wait at the timer', async () => dueOf(await handle.query(getStateQuery)));
    const admin = await db.user.findUniqueOrThrow({ where: { username: 'admin' } });
    await deployBpmn(db, v2, admin);
    const target = await db.processDefinition.findFirstOrThrow({ where: { key: 'migrating-timer' }, orderBy: { version: 'desc' } });
    const migrate = (mapping: Record<string, string>) =>
      handle.executeUpdate(migrateInstanceUpdate, {
        args: [{ definition: { id: target.id, key: target.key, version: target.version, sha256: target.sha256 }, graph: JSON.parse(target.graph) as ProcessGraph, mapping, actor: adminActor }],
      });
    await expect(migrate({ pause: 'stamp' })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/strand tokens at pause.*pause \(a timer catch event\)/) } });
    await migrate({ pause: 'coolingOff' });
    const after = await waitFor('the token to wait at the new timer', async () => {
      const state = await handle.query(getStateQuery);
      return state.definition.version === target.version && dueOf(state);
    });
    expect(after - before).toBe(2 * 3_600_000); // armed at the same moment, three hours instead of one
    await moveClockPast(handle, after);
    await handle.result();
    const final = await handle.query(getStateQuery);
    expect(final.variables.finishedOn).toBe('v2');
    expect(final.completed.map((step) => step.elementId)).toEqual(['start', 'coolingOff', 'stamp', 'end']);
  });

  describe('migration of an instance waiting at a receive task', () => {
    const v1 = model(
      'migrating-receive',
      `<bpmn:startEvent id="start" /><bpmn:receiveTask id="receive" messageRef="docs" /><bpmn:endEvent id="end" />${chain('start', 'receive', 'end')}`,
      messageDef('docs', 'documents-arrived'),
    );
    const v2 = model(
      'migrating-receive',
      `<bpmn:startEvent id="start" /><bpmn:receiveTask id="awaitDocuments" messageRef="docs2" />${scriptTask('stamp', '"v2"', 'finishedOn')}<bpmn:endEvent id="end" />
       ${chain('start', 'awaitDocuments', 'stamp', 'end')}`,
      messageDef('docs2', 'documents-arrived-v2'),
    );

    it('moves the token to a receive task of the new version (its new subscription replaces the old one) and refuses a mapping to another kind of element', async () => {
      const [admin, applicant] = await product.login('admin', 'applicant');
      const db = product.stack.db;
      expect((await admin.post('/api/definitions', { xml: v1 })).status).toBe(201);
      const trackingNumber = await apply(applicant, {}, 'migrating-receive');
      const subscriptions = () => db.messageSubscription.findMany({ where: { workflowId: trackingNumber } });
      await waitFor('the receive task to subscribe', async () => (await subscriptions()).length === 1);
      const deployed = await admin.post('/api/definitions', { xml: v2 });
      const version = deployed.body.versions[0].version as number;

      const unmapped = await admin.post(`/api/applications/${trackingNumber}/migrate`, { version });
      expect(unmapped.status).toBe(409);
      expect(unmapped.body.message).toContain('strand tokens at receive');
      const otherKind = await admin.post(`/api/applications/${trackingNumber}/migrate`, { version, mapping: { receive: 'stamp' } });
      expect(otherKind.status).toBe(409);
      expect(otherKind.body.message).toContain('strand tokens at receive');
      expect(otherKind.body.message).toContain('receive (a receive task)');

      const migrated = await admin.post(`/api/applications/${trackingNumber}/migrate`, { version, mapping: { receive: 'awaitDocuments' } });
      expect({ status: migrated.status, message: migrated.body.message }).toEqual({ status: 200, message: undefined });
      const [subscription] = await waitFor('the new subscription to replace the old one', async () => {
        const open = await subscriptions();
        return open.length === 1 && open[0].messageName === 'documents-arrived-v2' && open;
      });
      expect(subscription.correlationKey).toBe(trackingNumber);
      // the old message name reaches nobody now; the new one completes the instance on version 2
      expect((await admin.post('/api/messages', { name: 'documents-arrived', correlationKey: trackingNumber })).body.correlatedTo).toBe(0);
      expect((await admin.post('/api/messages', { name: 'documents-arrived-v2', correlationKey: trackingNumber, variables: { pages: 3 } })).body.correlatedTo).toBe(1);
      await waitForCompletion(applicant, trackingNumber);
      const state = await product.stack.engine.state(trackingNumber);
      expect(state?.variables).toMatchObject({ finishedOn: 'v2', pages: 3 });
      expect(state?.definition.version).toBe(version);
      expect(state?.completed.map((s) => s.elementId)).toEqual(['start', 'awaitDocuments', 'stamp', 'end']);
      expect(await subscriptions()).toEqual([]);
      await recordHistory(product.stack.client, trackingNumber, 'engine.migrated-receive');
    });
  });
});
