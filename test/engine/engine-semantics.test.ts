/**
 * BPMN execution semantics on the real engine (Temporal dev server, real database): each model is
 * deployed and run to its end by the model runner behind `npm run bpmn -- run`, which completes
 * user tasks and moves the instance clock to the next due timer. Each test names the behaviour
 * of the BPMN 2.0 / Camunda 8 semantics it protects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runModel, type RunOptions, type RunReport } from '../../scripts/lib/model-runner';
import { chain, escapeXml, flow, model, scriptTask, serviceTask, userTask } from '../support/bpmn-models';
import { temporal } from '@temporalio/proto';
import { recordHistory, testConfig, useRunningProduct, waitFor } from '../support/harness';
import { getStateQuery } from '../../workflows/messages';

const product = useRunningProduct();

/** Histories of completed runs are kept (in the repository with RECORD_HISTORIES=1) for replay tests. */
async function run(xml: string, options: Omit<RunOptions, 'xml' | 'taskQueue'> = {}): Promise<RunReport> {
  const report = await runModel(product.stack.db, product.stack.client, { xml, taskQueue: testConfig().temporal.taskQueue, idleTimeoutMs: 3000, ...options });
  const processId = /<bpmn:process id="([^"]+)"/.exec(xml)?.[1];
  if (report.state === 'completed' && report.trackingNumber) await recordHistory(product.stack.client, report.trackingNumber, `engine.${processId}`);
  return report;
}

const timer = (kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;
const message = (id: string, name: string, key = '=trackingNumber') =>
  `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="${key}" /></bpmn:extensionElements></bpmn:message>`;
const count = (list: string[], id: string) => list.filter((x) => x === id).length;

jest.setTimeout(60_000);

describe('engine - boundary events', () => {
  it('an interrupting timer boundary event withdraws the waiting task and leaves through the boundary', async () => {
    const xml = model(
      'timeout',
      `<bpmn:startEvent id="start" />
       <bpmn:receiveTask id="wait" messageRef="never" />
       <bpmn:boundaryEvent id="late" attachedToRef="wait">${timer('timeDuration', 'P3D')}</bpmn:boundaryEvent>
       <bpmn:endEvent id="answered" /><bpmn:endEvent id="timedOut" />
       ${chain('start', 'wait', 'answered')}${chain('late', 'timedOut')}`,
      message('never', 'never-sent'),
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'late', 'timedOut']);
  });

  /** A receive task nobody answers, a non-interrupting `cycle` counting reminders on it, and an interrupting `giveUp` timer. */
  const reminders = (processId: string, cycle: string, giveUp: string) =>
    model(
      processId,
      `<bpmn:startEvent id="start" />
       ${scriptTask('init', '0', 'reminders')}
       <bpmn:receiveTask id="wait" messageRef="never" />
       <bpmn:boundaryEvent id="remind" attachedToRef="wait" cancelActivity="false">${timer('timeCycle', cycle)}</bpmn:boundaryEvent>
       <bpmn:boundaryEvent id="giveUp" attachedToRef="wait">${timer('timeDuration', giveUp)}</bpmn:boundaryEvent>
       ${scriptTask('count', 'reminders + 1', 'reminders')}
       <bpmn:endEvent id="reminded" /><bpmn:endEvent id="answered" /><bpmn:endEvent id="gaveUp" />
       ${chain('start', 'init', 'wait', 'answered')}${chain('remind', 'count', 'reminded')}${chain('giveUp', 'gaveUp')}`,
      message('never', 'never-sent'),
    );

  it('a non-interrupting timer cycle spawns a token per repetition while the activity keeps waiting', async () => {
    // R3/PT1H from when the task started: at 1 h, 2 h and 3 h, all before the 3.5 h limit
    const report = await run(reminders('reminders', 'R3/PT1H', 'PT3H30M'));
    expect(report.state).toBe('completed');
    expect(report.variables.reminders).toBe(3);
    expect(count(report.completed, 'remind')).toBe(3);
    expect(report.completed.slice(-2)).toEqual(['giveUp', 'gaveUp']);
    expect(report.completed).not.toContain('wait');
  });

  it('a non-interrupting cron cycle (Camunda 8 syntax) fires at each time it names while the activity waits', async () => {
    // every 20 minutes on the clock: exactly three such times in any hour
    const report = await run(reminders('cron-reminders', '0 */20 * * * *', 'PT1H'));
    expect(report.state).toBe('completed');
    expect(report.variables.reminders).toBe(3);
    expect(report.completed.slice(-2)).toEqual(['giveUp', 'gaveUp']);
  });

  it('an error end event inside a sub-process is caught by the error boundary event on it', async () => {
    const xml = model(
      'sub-error',
      `<bpmn:startEvent id="start" />
       <bpmn:subProcess id="sub">
         <bpmn:startEvent id="subStart" />
         ${scriptTask('work', '"partial"', 'progress')}
         <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="docsMissing" /></bpmn:endEvent>
         ${chain('subStart', 'work', 'fail')}
       </bpmn:subProcess>
       <bpmn:boundaryEvent id="caught" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="docsMissing" /></bpmn:boundaryEvent>
       <bpmn:endEvent id="normal" /><bpmn:endEvent id="handled" />
       ${chain('start', 'sub', 'normal')}${chain('caught', 'handled')}`,
      '<bpmn:error id="docsMissing" name="Docs missing" errorCode="DOCS_MISSING" />',
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'subStart', 'work', 'fail', 'caught', 'handled']);
    expect(report.variables.progress).toBe('partial');
  });

  it('a non-interrupting escalation from inside a sub-process starts the boundary path and the sub-process goes on', async () => {
    const xml = model(
      'escalate',
      `<bpmn:startEvent id="start" />
       <bpmn:subProcess id="sub">
         <bpmn:startEvent id="subStart" />
         <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="needsSupervisor" /></bpmn:intermediateThrowEvent>
         ${scriptTask('goOn', 'true', 'wentOn')}
         <bpmn:endEvent id="subEnd" />
         ${chain('subStart', 'raise', 'goOn', 'subEnd')}
       </bpmn:subProcess>
       <bpmn:boundaryEvent id="notify" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="needsSupervisor" /></bpmn:boundaryEvent>
       ${scriptTask('supervisor', 'true', 'supervised')}
       <bpmn:endEvent id="end" /><bpmn:endEvent id="notified" />
       ${chain('start', 'sub', 'end')}${chain('notify', 'supervisor', 'notified')}`,
      '<bpmn:escalation id="needsSupervisor" name="Needs supervisor" escalationCode="SUPERVISOR" />',
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.variables).toMatchObject({ wentOn: true, supervised: true });
    expect(report.completed).toEqual(expect.arrayContaining(['raise', 'notify', 'supervisor', 'notified', 'sub', 'end']));
  });
});

describe('engine - event sub-processes', () => {
  it('an interrupting error event sub-process replaces the rest of its scope', async () => {
    const xml = model(
      'esp-error',
      `<bpmn:startEvent id="start" />
       <bpmn:parallelGateway id="fork" />
       <bpmn:receiveTask id="waitForever" messageRef="never" />
       <bpmn:endEvent id="boom"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>
       <bpmn:endEvent id="end" />
       ${chain('start', 'fork')}${flow('f1', 'fork', 'waitForever')}${flow('f2', 'fork', 'boom')}${chain('waitForever', 'end')}
       <bpmn:subProcess id="onError" triggeredByEvent="true">
         <bpmn:startEvent id="errorStart"><bpmn:errorEventDefinition errorRef="e" /></bpmn:startEvent>
         ${scriptTask('cleanUp', 'true', 'cleaned')}
         <bpmn:endEvent id="errorEnd" />
         ${chain('errorStart', 'cleanUp', 'errorEnd')}
       </bpmn:subProcess>`,
      `${message('never', 'never-sent')}<bpmn:error id="e" errorCode="FAIL" />`,
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.variables.cleaned).toBe(true);
    expect(report.completed).toEqual(expect.arrayContaining(['boom', 'errorStart', 'cleanUp', 'errorEnd', 'onError']));
    expect(report.completed).not.toContain('waitForever');
  });

  it('a non-interrupting timer event sub-process runs beside the scope, which then ends normally', async () => {
    const xml = model(
      'esp-timer',
      `<bpmn:startEvent id="start" />
       <bpmn:receiveTask id="wait" messageRef="never" />
       <bpmn:boundaryEvent id="stop" attachedToRef="wait">${timer('timeDuration', 'PT3H')}</bpmn:boundaryEvent>
       <bpmn:endEvent id="end" /><bpmn:endEvent id="stopped" />
       ${chain('start', 'wait', 'end')}${chain('stop', 'stopped')}
       <bpmn:subProcess id="sla" triggeredByEvent="true">
         <bpmn:startEvent id="slaStart" isInterrupting="false">${timer('timeDuration', 'PT1H')}</bpmn:startEvent>
         ${scriptTask('flag', 'true', 'slaBreached')}
         <bpmn:endEvent id="slaEnd" />
         ${chain('slaStart', 'flag', 'slaEnd')}
       </bpmn:subProcess>`,
      message('never', 'never-sent'),
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.variables.slaBreached).toBe(true);
    expect(report.completed.indexOf('slaEnd')).toBeLessThan(report.completed.indexOf('stopped'));
  });

  it('an event sub-process with io mappings (Camunda 8) sees its inputs as its own variables and lets only its outputs out', async () => {
    const xml = model(
      'esp-mappings',
      `<bpmn:startEvent id="start" />${scriptTask('init', '7', 'base')}
       <bpmn:endEvent id="boom"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>
       ${chain('start', 'init', 'boom')}
       <bpmn:subProcess id="onError" triggeredByEvent="true">
         <bpmn:extensionElements><zeebe:ioMapping>
           <zeebe:input source="=base * 10" target="scaled" />
           <zeebe:output source="=scaled + 1" target="handled" />
         </zeebe:ioMapping></bpmn:extensionElements>
         <bpmn:startEvent id="errorStart"><bpmn:errorEventDefinition errorRef="e" /></bpmn:startEvent>
         ${scriptTask('inside', 'scaled * 2', 'internal')}
         <bpmn:endEvent id="errorEnd" />
         ${chain('errorStart', 'inside', 'errorEnd')}
       </bpmn:subProcess>`,
      '<bpmn:error id="e" errorCode="FAIL" />',
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.variables.handled).toBe(71);
    expect(report.variables).not.toHaveProperty('scaled');
    expect(report.variables).not.toHaveProperty('internal');
  });
});

describe('engine - gateways', () => {
  it('an inclusive gateway forks on every true condition and its join waits only for those tokens', async () => {
    const xml = model(
      'inclusive',
      `<bpmn:startEvent id="start" />
       <bpmn:inclusiveGateway id="split" default="fNone" />
       ${scriptTask('a', '"A"', 'a')}${scriptTask('b', '"B"', 'b')}${scriptTask('c', '"C"', 'c')}${scriptTask('none', '"none"', 'none')}
       <bpmn:inclusiveGateway id="join" />
       <bpmn:endEvent id="end" />
       ${chain('start', 'split')}
       ${flow('fA', 'split', 'a', 'amount > 10')}${flow('fB', 'split', 'b', 'amount > 1000')}${flow('fC', 'split', 'c', 'vip')}${flow('fNone', 'split', 'none')}
       ${flow('jA', 'a', 'join')}${flow('jB', 'b', 'join')}${flow('jC', 'c', 'join')}${flow('jNone', 'none', 'join')}
       ${chain('join', 'end')}`,
    );
    const report = await run(xml, { variables: { amount: 50, vip: true } });
    expect(report.state).toBe('completed');
    expect(report.variables).toMatchObject({ a: 'A', c: 'C' });
    expect(report.variables).not.toHaveProperty('b');
    expect(count(report.completed, 'join')).toBe(1);
    expect(count(report.completed, 'end')).toBe(1);
  });

  // the operations diagram draws the completed path from the flows the state lists
  it('an exclusive gateway takes the first flow whose condition holds, and the state lists the flows taken, not the other branch\'s', async () => {
    const xml = model(
      'exclusive-path',
      `<bpmn:startEvent id="start" />
       <bpmn:exclusiveGateway id="split" default="toSmall" />
       ${scriptTask('large', '"large"', 'size')}${scriptTask('small', '"small"', 'size')}
       <bpmn:exclusiveGateway id="merge" />
       <bpmn:endEvent id="end" />
       ${flow('toSplit', 'start', 'split')}${flow('toLarge', 'split', 'large', 'amount > 10')}${flow('toSmall', 'split', 'small')}
       ${flow('largeDone', 'large', 'merge')}${flow('smallDone', 'small', 'merge')}${flow('toEnd', 'merge', 'end')}`,
    );
    const report = await run(xml, { variables: { amount: 50 } });
    expect(report.state).toBe('completed');
    const state = await product.stack.client.workflow.getHandle(report.trackingNumber!).query(getStateQuery);
    expect(state.takenFlows).toEqual(['toSplit', 'toLarge', 'largeDone', 'toEnd']);
  });

  it('an event-based gateway takes the event that happens first and withdraws the other', async () => {
    const xml = model(
      'race',
      `<bpmn:startEvent id="start" />
       <bpmn:eventBasedGateway id="gw" />
       <bpmn:intermediateCatchEvent id="reply"><bpmn:messageEventDefinition messageRef="answer" /></bpmn:intermediateCatchEvent>
       <bpmn:intermediateCatchEvent id="deadline">${timer('timeDuration', 'P10D')}</bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="answered" /><bpmn:endEvent id="expired" />
       ${chain('start', 'gw')}${flow('toReply', 'gw', 'reply')}${flow('toDeadline', 'gw', 'deadline')}${chain('reply', 'answered')}${chain('deadline', 'expired')}`,
      message('answer', 'applicant-answer'),
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'gw', 'deadline', 'expired']);
  });
});

describe('engine - messages and signals', () => {
  it('a message published before anyone waits is buffered and correlated by name and key', async () => {
    const xml = model(
      'buffered',
      `<bpmn:startEvent id="start" />
       <bpmn:sendTask id="send" messageRef="docs"><bpmn:extensionElements><ito:publish correlationKey="=trackingNumber" timeToLive="PT1H" /></bpmn:extensionElements></bpmn:sendTask>
       <bpmn:intermediateCatchEvent id="pause">${timer('timeDuration', 'PT10M')}</bpmn:intermediateCatchEvent>
       <bpmn:receiveTask id="receive" messageRef="docs" />
       <bpmn:endEvent id="end" />
       ${chain('start', 'send', 'pause', 'receive', 'end')}`,
      message('docs', 'documents-received'),
    );
    const report = await run(xml, { variables: { pages: 12 } });
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'send', 'pause', 'receive', 'end']);
  });

  it('a signal thrown in one branch is caught by the instance waiting for it in another', async () => {
    const xml = model(
      'signals',
      `<bpmn:startEvent id="start" />
       <bpmn:parallelGateway id="fork" />
       <bpmn:intermediateCatchEvent id="catch"><bpmn:signalEventDefinition signalRef="go" /></bpmn:intermediateCatchEvent>
       <bpmn:intermediateCatchEvent id="later">${timer('timeDuration', 'PT1M')}</bpmn:intermediateCatchEvent>
       <bpmn:intermediateThrowEvent id="throw"><bpmn:signalEventDefinition signalRef="go" /></bpmn:intermediateThrowEvent>
       <bpmn:parallelGateway id="join" />
       <bpmn:endEvent id="end" />
       ${chain('start', 'fork')}${flow('f1', 'fork', 'catch')}${flow('f2', 'fork', 'later')}${chain('later', 'throw')}
       ${flow('j1', 'catch', 'join')}${flow('j2', 'throw', 'join')}${chain('join', 'end')}`,
      '<bpmn:signal id="go" name="registry-opened" />',
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(expect.arrayContaining(['throw', 'catch', 'join', 'end']));
  });
});

describe('engine - scopes and activities', () => {
  it('a parallel multi-instance over a collection collects outputs in input order', async () => {
    const xml = model(
      'committee',
      `<bpmn:startEvent id="start" />
       <bpmn:scriptTask id="vote">
         <bpmn:extensionElements><zeebe:script expression="=member + &quot;: yes&quot;" resultVariable="ballot" /></bpmn:extensionElements>
         <bpmn:multiInstanceLoopCharacteristics>
           <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=members" inputElement="member" outputCollection="ballots" outputElement="=ballot" /></bpmn:extensionElements>
         </bpmn:multiInstanceLoopCharacteristics>
       </bpmn:scriptTask>
       <bpmn:endEvent id="end" />
       ${chain('start', 'vote', 'end')}`,
    );
    const report = await run(xml, { variables: { members: ['a', 'b', 'c'] } });
    expect(report.state).toBe('completed');
    expect(report.variables.ballots).toEqual(['a: yes', 'b: yes', 'c: yes']);
  });

  it('a committee of five user tasks is decided by the first three approvals (completion condition)', async () => {
    const xml = model(
      'quorum',
      `<bpmn:startEvent id="start" />
       <bpmn:userTask id="approve">
         <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="technical-reviewers" /></bpmn:extensionElements>
         <bpmn:multiInstanceLoopCharacteristics>
           <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2,3,4,5]" inputElement="seat" outputCollection="votes" outputElement="=approved" /></bpmn:extensionElements>
           <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=numberOfCompletedInstances &gt;= 3</bpmn:completionCondition>
         </bpmn:multiInstanceLoopCharacteristics>
       </bpmn:userTask>
       <bpmn:endEvent id="end" />
       ${chain('start', 'approve', 'end')}`,
    );
    const report = await run(xml, { complete: { approve: { approved: true } } });
    expect(report.state).toBe('completed');
    const votes = report.variables.votes as unknown[];
    expect(votes.filter((v) => v === true)).toHaveLength(3);
    expect(votes.filter((v) => v === null)).toHaveLength(2);
  });

  it('input mappings make local variables and output mappings decide what leaves the activity', async () => {
    const xml = model(
      'mappings',
      `<bpmn:startEvent id="start" />
       <bpmn:scriptTask id="calc">
         <bpmn:extensionElements>
           <zeebe:script expression="=base * 2" resultVariable="doubled" />
           <zeebe:ioMapping><zeebe:input source="=price + 1" target="base" /><zeebe:output source="=doubled" target="total" /></zeebe:ioMapping>
         </bpmn:extensionElements>
       </bpmn:scriptTask>
       <bpmn:endEvent id="end" />
       ${chain('start', 'calc', 'end')}`,
    );
    const report = await run(xml, { variables: { price: 20 } });
    expect(report.state).toBe('completed');
    expect(report.variables.total).toBe(42);
    expect(report.variables).not.toHaveProperty('base');
    expect(report.variables).not.toHaveProperty('doubled');
  });

  it('a call activity runs the called process as a child instance and maps its variables back', async () => {
    const xml = model(
      'caller',
      `<bpmn:startEvent id="start" />
       <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="callee" /></bpmn:extensionElements></bpmn:callActivity>
       <bpmn:endEvent id="end" />
       ${chain('start', 'call', 'end')}`,
    ).replace(
      '</bpmn:definitions>',
      `<bpmn:process id="callee" isExecutable="true">
         <bpmn:startEvent id="cStart" />${userTask('childReview')}${scriptTask('answer', 'question * 2', 'answer')}<bpmn:endEvent id="cEnd" />
         ${chain('cStart', 'childReview', 'answer', 'cEnd')}
       </bpmn:process></bpmn:definitions>`,
    );
    const report = await run(xml, { variables: { question: 21 }, complete: { childReview: { reviewed: 'yes' } } });
    expect(report.state).toBe('completed');
    expect(report.variables).toMatchObject({ answer: 42, reviewed: 'yes' });
    expect(report.completed).toEqual(['start', 'call', 'end']);
  });

  it('a terminate end event ends the other tokens of its scope', async () => {
    const xml = model(
      'terminate',
      `<bpmn:startEvent id="start" />
       <bpmn:parallelGateway id="fork" />
       <bpmn:receiveTask id="wait" messageRef="never" />
       <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
       <bpmn:endEvent id="end" />
       ${chain('start', 'fork')}${flow('f1', 'fork', 'wait')}${flow('f2', 'fork', 'stop')}${chain('wait', 'end')}`,
      message('never', 'never-sent'),
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.completed).toContain('stop');
    expect(report.completed).not.toContain('wait');
  });

  it('link events jump from the throw to the catch of the same name', async () => {
    const xml = model(
      'links',
      `<bpmn:startEvent id="start" />
       <bpmn:intermediateThrowEvent id="goTo"><bpmn:linkEventDefinition name="page2" /></bpmn:intermediateThrowEvent>
       <bpmn:intermediateCatchEvent id="arrive"><bpmn:linkEventDefinition name="page2" /></bpmn:intermediateCatchEvent>
       ${scriptTask('after', '"here"', 'where')}
       <bpmn:endEvent id="end" />
       ${chain('start', 'goTo')}${chain('arrive', 'after', 'end')}`,
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'goTo', 'arrive', 'after', 'end']);
  });

  it('a standard loop repeats its activity while the loop condition holds', async () => {
    const xml = model(
      'loop',
      `<bpmn:startEvent id="start" />
       ${scriptTask('init', '0', 'n')}
       <bpmn:scriptTask id="inc">
         <bpmn:extensionElements><zeebe:script expression="=n + 1" resultVariable="n" /></bpmn:extensionElements>
         <bpmn:standardLoopCharacteristics><bpmn:loopCondition xsi:type="bpmn:tFormalExpression">=n &lt; 3</bpmn:loopCondition></bpmn:standardLoopCharacteristics>
       </bpmn:scriptTask>
       <bpmn:endEvent id="end" />
       ${chain('start', 'init', 'inc', 'end')}`,
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.variables.n).toBe(3);
  });

  it('service tasks without a handler raise an incident unless stubbed', async () => {
    const xml = model('stubs', `<bpmn:startEvent id="start" />${serviceTask('external', 'crm-lookup')}<bpmn:endEvent id="end" />${chain('start', 'external', 'end')}`);
    const failed = await run(xml);
    expect(failed.state).toBe('failed');
    expect(failed.problems[0]).toMatchObject({ elementId: 'external', rule: 'incident' });
    const stubbed = await run(xml, { stubServices: true });
    expect(stubbed.state).toBe('completed');
    expect(stubbed.completed).toEqual(['start', 'external', 'end']);
  });

  it('a service task marked ito:execution mode="local" runs its handler as a local activity, and its failure is the same incident', async () => {
    const headers = (list: string) => `<zeebe:taskHeaders><zeebe:header key="list" value="${list}" /><zeebe:header key="field" value="id" /></zeebe:taskHeaders>`;
    const local = '<ito:execution mode="local" />';
    const xml = model('local-service', `<bpmn:startEvent id="start" />${serviceTask('check', 'identity.check-national-ids', headers('people') + local)}<bpmn:endEvent id="end" />${chain('start', 'check', 'end')}`);
    const report = await run(xml, { variables: { people: [{ id: '0012345678' }, { id: '1234567891' }] } });
    expect(report.state).toBe('completed');
    expect(report.variables.personnelProblems).toHaveLength(1);
    const history = await product.stack.client.workflow.getHandle(report.trackingNumber!).fetchHistory();
    const eventsOf = (type: temporal.api.enums.v1.EventType) => (history.events ?? []).filter((e) => e.eventType === type).length;
    // no activity task went through the task queue: the handler and the record keeping ran locally
    expect(eventsOf(temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toBe(0);
    expect(eventsOf(temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED)).toBeGreaterThan(0);

    const broken = model('local-service-fails', `<bpmn:startEvent id="start" />${serviceTask('check', 'identity.check-national-ids', local)}<bpmn:endEvent id="end" />${chain('start', 'check', 'end')}`);
    const failed = await run(broken);
    expect(failed.state).toBe('failed');
    expect(failed.problems[0]).toMatchObject({ elementId: 'check', rule: 'incident', message: expect.stringContaining('needs the headers "list" and "field"') });
  });

  it('a business rule task evaluates the DMN decision deployed beside the model (UNIQUE hit policy)', async () => {
    const dmn = fs.readFileSync(path.join(__dirname, '..', '..', 'definitions', 'decisions', 'security-product-grade.dmn'), 'utf8');
    const xml = model(
      'grading',
      `<bpmn:startEvent id="start" />
       <bpmn:businessRuleTask id="grade"><bpmn:extensionElements><zeebe:calledDecision decisionId="security-product-grade" resultVariable="result" /></bpmn:extensionElements></bpmn:businessRuleTask>
       <bpmn:endEvent id="end" />
       ${chain('start', 'grade', 'end')}`,
    );
    const firewall = await run(xml, { dmn: [dmn], variables: { productCategory: 'firewall', assuranceLevel: 2 } });
    expect(firewall.state).toBe('completed');
    expect(firewall.variables.result).toEqual({ grade: 'ineligible', validityYears: 0 });
    const unknown = await run(xml, { dmn: [dmn], variables: { assuranceLevel: 4 } });
    expect(unknown.variables.result).toMatchObject({ grade: 'invalid' });
  });
});

describe('engine - more events', () => {
  it('an interrupting message boundary event takes the token when the message is published through the API', async () => {
    const [admin] = await product.login('admin');
    const xml = model(
      'withdrawal',
      `<bpmn:startEvent id="start" />
       <bpmn:receiveTask id="wait" messageRef="never" />
       <bpmn:boundaryEvent id="withdrawn" attachedToRef="wait"><bpmn:messageEventDefinition messageRef="withdraw" /></bpmn:boundaryEvent>
       <bpmn:endEvent id="end" /><bpmn:endEvent id="cancelled" />
       ${chain('start', 'wait', 'end')}${chain('withdrawn', 'cancelled')}`,
      `${message('never', 'never-sent')}${message('withdraw', 'application-withdrawn')}`,
    );
    const running = run(xml, { idleTimeoutMs: 20_000 });
    let published = 0;
    for (let i = 0; i < 100 && published === 0; i++) {
      const open = await product.stack.db.messageSubscription.findMany({ where: { messageName: 'application-withdrawn' } });
      for (const subscription of open) {
        const res = await admin.post('/api/messages', { name: 'application-withdrawn', correlationKey: subscription.correlationKey, variables: { reason: 'by applicant' } });
        expect(res.status).toBe(200);
        published += res.body.correlatedTo;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const report = await running;
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'withdrawn', 'cancelled']);
    expect(report.variables.reason).toBe('by applicant');
  });

  it('a conditional catch event waits until its condition holds on the variables', async () => {
    const xml = model(
      'conditional',
      `<bpmn:startEvent id="start" />
       <bpmn:parallelGateway id="fork" />
       <bpmn:intermediateCatchEvent id="whenPaid"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">=paid = true</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
       <bpmn:intermediateCatchEvent id="bankDelay">${timer('timeDuration', 'PT2H')}</bpmn:intermediateCatchEvent>
       ${scriptTask('pay', 'true', 'paid')}
       <bpmn:parallelGateway id="join" />
       <bpmn:endEvent id="end" />
       ${chain('start', 'fork')}${flow('f1', 'fork', 'whenPaid')}${flow('f2', 'fork', 'bankDelay')}${chain('bankDelay', 'pay')}
       ${flow('j1', 'whenPaid', 'join')}${flow('j2', 'pay', 'join')}${chain('join', 'end')}`,
    );
    const report = await run(xml, { variables: { paid: false } });
    expect(report.state).toBe('completed');
    expect(report.completed.indexOf('pay')).toBeLessThan(report.completed.indexOf('whenPaid'));
  });

  it('an interrupting escalation end event inside a sub-process is caught by the boundary event on it', async () => {
    const xml = model(
      'escalate-end',
      `<bpmn:startEvent id="start" />
       <bpmn:subProcess id="sub">
         <bpmn:startEvent id="subStart" />
         <bpmn:endEvent id="raise"><bpmn:escalationEventDefinition escalationRef="up" /></bpmn:endEvent>
         ${chain('subStart', 'raise')}
       </bpmn:subProcess>
       <bpmn:boundaryEvent id="caught" attachedToRef="sub"><bpmn:escalationEventDefinition escalationRef="up" /></bpmn:boundaryEvent>
       <bpmn:endEvent id="normal" /><bpmn:endEvent id="escalated" />
       ${chain('start', 'sub', 'normal')}${chain('caught', 'escalated')}`,
      '<bpmn:escalation id="up" escalationCode="UP" />',
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'subStart', 'raise', 'caught', 'escalated']);
  });

  it('a sequential multi-instance runs one instance after another, each seeing the previous result', async () => {
    const xml = model(
      'sequential',
      `<bpmn:startEvent id="start" />
       ${scriptTask('init', '""', 'trail')}
       <bpmn:scriptTask id="step">
         <bpmn:extensionElements><zeebe:script expression="=trail + item" resultVariable="trail" /></bpmn:extensionElements>
         <bpmn:multiInstanceLoopCharacteristics isSequential="true">
           <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[&quot;a&quot;,&quot;b&quot;,&quot;c&quot;]" inputElement="item" /></bpmn:extensionElements>
         </bpmn:multiInstanceLoopCharacteristics>
       </bpmn:scriptTask>
       <bpmn:endEvent id="end" />
       ${chain('start', 'init', 'step', 'end')}`,
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.variables.trail).toBe('abc');
  });

  it('a message end event publishes its message, which another instance waiting for it receives', async () => {
    const receiver = model(
      'receiver',
      `<bpmn:startEvent id="start" /><bpmn:receiveTask id="wait" messageRef="done" /><bpmn:endEvent id="end" />${chain('start', 'wait', 'end')}`,
      message('done', 'batch-done', '=&quot;batch-7&quot;'),
    );
    const sender = model(
      'sender',
      `<bpmn:startEvent id="start" />
       <bpmn:endEvent id="end"><bpmn:extensionElements><ito:publish correlationKey="=&quot;batch-7&quot;" timeToLive="PT1H" /></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="done" /></bpmn:endEvent>
       ${chain('start', 'end')}`,
      message('done', 'batch-done', '=&quot;batch-7&quot;'),
    );
    const waiting = run(receiver, { idleTimeoutMs: 20_000, variables: { applicant: 'receiver-applicant' } });
    const sent = await run(sender, { variables: { applicant: 'sender-applicant', note: 'batch 7 is done' } });
    expect(sent.state).toBe('completed');
    const received = await waiting;
    expect(received.state).toBe('completed');
    expect(received.completed).toEqual(['start', 'wait', 'end']);
    // the message carries the sender's variables, but never who the receiver is for
    expect(received.variables).toMatchObject({ note: 'batch 7 is done', applicant: 'receiver-applicant' });
    expect(received.variables.trackingNumber).not.toBe(sent.variables.trackingNumber);
  });

  it('timers take their duration or date from FEEL: a variable, or an expression on dates', async () => {
    const xml = model(
      'feel-timers',
      `<bpmn:startEvent id="start" />
       <bpmn:intermediateCatchEvent id="cooling">${timer('timeDuration', '=coolingOff')}</bpmn:intermediateCatchEvent>
       <bpmn:intermediateCatchEvent id="deadline">${timer('timeDate', '=date and time(hearing) + duration("PT1H")')}</bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="end" />
       ${chain('start', 'cooling', 'deadline', 'end')}`,
    );
    const hearing = new Date(Date.now() + 5 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const report = await run(xml, { variables: { coolingOff: 'P2D', hearing } });
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'cooling', 'deadline', 'end']);
  });

  it('a message or signal nobody waits for starts the processes whose start event listens for it, once per event', async () => {
    const [admin] = await product.login('admin');
    const xml = model(
      'paper-permit',
      `<bpmn:startEvent id="byMessage"><bpmn:messageEventDefinition messageRef="submitted" /></bpmn:startEvent>
       <bpmn:startEvent id="bySignal"><bpmn:signalEventDefinition signalRef="amnesty" /></bpmn:startEvent>
       ${scriptTask('note', '"recorded " + oldNumber', 'note')}
       <bpmn:endEvent id="end" />
       ${chain('byMessage', 'note')}${flow('f-signal', 'bySignal', 'note')}${chain('note', 'end')}`,
      '<bpmn:message id="submitted" name="paper-permit-submitted" /><bpmn:signal id="amnesty" name="paper-permit-amnesty" />',
    );
    expect((await admin.post('/api/definitions', { xml })).status).toBe(201);
    const published = await admin.post('/api/messages', { name: 'paper-permit-submitted', correlationKey: 'P-1399-17', messageId: 'paper-1', variables: { oldNumber: 'P-1399-17' } });
    expect(published.status).toBe(200);
    expect(published.body.started).toHaveLength(1);
    const again = await admin.post('/api/messages', { name: 'paper-permit-submitted', correlationKey: 'P-1399-17', messageId: 'paper-1', variables: { oldNumber: 'P-1399-17' } });
    expect(again.body.started).toEqual(published.body.started); // the same event starts nothing new
    const signalled = await admin.post('/api/signals', { name: 'paper-permit-amnesty', variables: { oldNumber: 'P-1398-02' } });
    expect(signalled.body.started).toHaveLength(1);

    for (const [trackingNumber, start, note] of [[published.body.started[0], 'byMessage', 'recorded P-1399-17'], [signalled.body.started[0], 'bySignal', 'recorded P-1398-02']]) {
      const result = await product.stack.client.workflow.getHandle(trackingNumber).result();
      expect(result.variables.note).toBe(note);
      const state = await product.stack.engine.state(trackingNumber);
      expect(state?.completed.map((step) => step.elementId)).toEqual([start, 'note', 'end']);
      const app = await product.stack.db.application.findUnique({ where: { trackingNumber }, include: { organisation: true } });
      expect(app?.organisation.nameEn).toBe('Information Technology Organization of Iran');
    }
  });

  it('a cron timer start event (Camunda 8 syntax) starts instances on the times it names through a Temporal calendar schedule', async () => {
    const [admin] = await product.login('admin');
    const withCron = model(
      'cron-check',
      `<bpmn:startEvent id="everyOtherSecond">${timer('timeCycle', '*/2 * * * * *')}</bpmn:startEvent>${scriptTask('check', '"checked"', 'result')}<bpmn:endEvent id="end" />${chain('everyOtherSecond', 'check', 'end')}`,
    );
    expect((await admin.post('/api/definitions', { xml: withCron })).status).toBe(201);
    const db = product.stack.db;
    await waitFor('two cron-started instances to complete', async () => (await db.application.count({ where: { processKey: 'cron-check', status: 'completed' } })) >= 2, 30_000);
    const schedule = await product.stack.client.schedule.getHandle('timer-start:cron-check:everyOtherSecond').describe();
    expect(schedule.spec.calendars?.[0]).toMatchObject({ comment: '*/2 * * * * *' });
    const manual = model('cron-check', `<bpmn:startEvent id="manual" />${scriptTask('check', '"checked"', 'result')}<bpmn:endEvent id="end" />${chain('manual', 'check', 'end')}`);
    expect((await admin.post('/api/definitions', { xml: manual })).status).toBe(201);
    await expect(product.stack.client.schedule.getHandle('timer-start:cron-check:everyOtherSecond').describe()).rejects.toThrow();
  });

  it('a timer start event starts an instance on each repetition of its cycle (a Temporal schedule), and a new version without it stops them', async () => {
    const [admin] = await product.login('admin');
    const withTimer = model(
      'nightly-check',
      `<bpmn:startEvent id="every2s">${timer('timeCycle', 'R2/PT2S')}</bpmn:startEvent>${scriptTask('check', '"checked"', 'result')}<bpmn:endEvent id="end" />${chain('every2s', 'check', 'end')}`,
    );
    expect((await admin.post('/api/definitions', { xml: withTimer })).status).toBe(201);
    const db = product.stack.db;
    await waitFor('two timer-started instances to complete', async () => (await db.application.count({ where: { processKey: 'nightly-check', status: 'completed' } })) >= 2, 30_000);
    const schedule = await product.stack.client.schedule.getHandle('timer-start:nightly-check:every2s').describe();
    expect(schedule.state.remainingActions).toBe(0);

    const withoutTimer = model('nightly-check', `<bpmn:startEvent id="manual" />${scriptTask('check', '"checked"', 'result')}<bpmn:endEvent id="end" />${chain('manual', 'check', 'end')}`);
    expect((await admin.post('/api/definitions', { xml: withoutTimer })).status).toBe(201);
    await expect(product.stack.client.schedule.getHandle('timer-start:nightly-check:every2s').describe()).rejects.toThrow();
    expect(await db.application.count({ where: { processKey: 'nightly-check' } })).toBe(2);
  });
});

describe('engine - what `npm run bpmn -- run` reports and starts', () => {
  it('names what a stuck instance waits for: the join\'s missing flow and the catch event holding its token', async () => {
    const xml = model(
      'stuck-join',
      `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />${scriptTask('quick', '1', 'q')}
       <bpmn:intermediateCatchEvent id="never"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
       <bpmn:parallelGateway id="join" /><bpmn:endEvent id="end" />
       ${chain('start', 'fork')}${flow('to-quick', 'fork', 'quick')}${flow('to-never', 'fork', 'never')}${flow('quick-done', 'quick', 'join')}${flow('never-done', 'never', 'join')}${chain('join', 'end')}`,
      message('m', 'never-sent'),
    );
    const report = await run(xml, { idleTimeoutMs: 1500 });
    expect(report.state).toBe('waiting');
    expect(report.problems).toEqual(expect.arrayContaining([
      { elementId: 'join', rule: 'waiting', message: 'waiting for the join to receive tokens on flow never-done (it has tokens from quick-done)' },
      expect.objectContaining({ elementId: 'never', rule: 'waiting', message: expect.stringContaining('message "never-sent"') }),
    ]));
  });

  it('starts a process that starts only by message through its message start event, and refuses to start it by hand', async () => {
    const xml = model('by-message', `<bpmn:startEvent id="received"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>${scriptTask('work', '"done"', 'result')}<bpmn:endEvent id="end" />${chain('received', 'work', 'end')}`, '<bpmn:message id="m" name="order-received" />');
    const byHand = await run(xml);
    expect(byHand).toMatchObject({ state: 'rejected', problems: [{ rule: 'start-event', message: expect.stringContaining('--message order-received') }] });
    const started = await run(xml, { start: { message: 'order-received' } });
    expect(started.state).toBe('completed');
    expect(started.completed).toEqual(['received', 'work', 'end']);
  });
});

describe('engine - ad-hoc sub-processes (Camunda 8.7)', () => {
  const adHoc = (attributes: string, active: string | undefined, extra = '') => model(
    'ad-hoc',
    `<bpmn:startEvent id="start" />
     <bpmn:adHocSubProcess id="pick" ${attributes}>
       ${active === undefined ? '' : `<bpmn:extensionElements><zeebe:adHoc activeElementsCollection="${escapeXml(active)}" /></bpmn:extensionElements>`}
       ${scriptTask('a', '"a"', 'ranA')}${scriptTask('b', '"b"', 'ranB')}${scriptTask('b2', '"b2"', 'ranB2')}
       <bpmn:receiveTask id="slow" messageRef="never" />
       ${chain('b', 'b2')}
       ${extra}
     </bpmn:adHocSubProcess>
     <bpmn:endEvent id="end" />${chain('start', 'pick', 'end')}`,
    message('never', 'never-sent'),
  );

  it('starts only the elements its collection names, each running its path, and completes when they are done', async () => {
    const report = await run(adHoc('', '=chosen'), { variables: { chosen: ['b'] } });
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'b', 'b2', 'pick', 'end']);
    expect(report.variables).toMatchObject({ ranB: 'b', ranB2: 'b2' });
    expect(report.variables).not.toHaveProperty('ranA');
  });

  it('completes once its completion condition holds, cancelling what still runs', async () => {
    const report = await run(adHoc('', '=["a", "slow"]', '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=ranA = &quot;a&quot;</bpmn:completionCondition>'));
    expect(report.state).toBe('completed');
    expect(report.completed).toContain('a');
    expect(report.completed).not.toContain('slow');
    expect(report.completed.slice(-2)).toEqual(['pick', 'end']);
  });

  it('raises an incident when the collection names an element that cannot be started', async () => {
    const report = await run(adHoc('', '=["b2"]'));
    expect(report.state).toBe('failed');
    expect(report.problems[0]).toMatchObject({ elementId: 'pick', rule: 'incident', message: expect.stringContaining('startable elements (a, b, slow)') });
  });
});

describe('engine - execution listeners and decision requirements graphs (Camunda 8)', () => {
  const listener = (event: 'start' | 'end', list: string) =>
    `<zeebe:executionListener eventType="${event}" type="identity.check-national-ids"><zeebe:taskHeaders><zeebe:header key="list" value="${list}" /><zeebe:header key="field" value="id" /></zeebe:taskHeaders></zeebe:executionListener>`;
  const scored = (listeners: string) =>
    `<bpmn:scriptTask id="score"><bpmn:extensionElements><zeebe:script expression="=count(personnelProblems)" resultVariable="problems" /><zeebe:executionListeners>${listeners}</zeebe:executionListeners></bpmn:extensionElements></bpmn:scriptTask>`;

  it('runs a start listener before the element (its variables visible to it) and an end listener after it', async () => {
    const xml = model('listeners', `<bpmn:startEvent id="start" />${scored(listener('start', 'people') + listener('end', 'others'))}<bpmn:endEvent id="end" />${chain('start', 'score', 'end')}`);
    const report = await run(xml, { variables: { people: [{ id: '0012345678' }, { id: '1234567891' }], others: [] } });
    expect(report.state).toBe('completed');
    // the start listener found one bad id before the script counted them; the end listener then checked `others`
    expect(report.variables.problems).toBe(1);
    expect(report.variables.personnelProblems).toEqual([]);
    expect(report.completed).toEqual(['start', 'score', 'end']);
  });

  it('stops at an incident on the element when a listener fails', async () => {
    const broken = '<zeebe:executionListener eventType="start" type="identity.check-national-ids" />';
    const report = await run(model('listener-fails', `<bpmn:startEvent id="start" />${scored(broken)}<bpmn:endEvent id="end" />${chain('start', 'score', 'end')}`));
    expect(report.state).toBe('failed');
    expect(report.problems[0]).toMatchObject({ elementId: 'score', rule: 'incident', message: expect.stringContaining('needs the headers "list" and "field"') });
  });

  it('evaluates a decision with the decisions it requires (one DMN file), each result a variable of the next', async () => {
    const table = (id: string, input: string, requires: string, rules: string) =>
      `<decision id="${id}" name="${id}">${requires}<decisionTable id="${id}-t"><input id="${id}-i"><inputExpression id="${id}-e"><text>${input}</text></inputExpression></input><output id="${id}-o" />${rules}</decisionTable></decision>`;
    const rule = (id: string, test: string, out: string) => `<rule id="${id}"><inputEntry id="${id}-i"><text>${test}</text></inputEntry><outputEntry id="${id}-o"><text>${out}</text></outputEntry></rule>`;
    const dmn = `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="fees" name="fees" namespace="http://ito.ir/test">
      ${table('base', 'category', '', rule('b1', '"soc"', '35') + rule('b2', '"training"', '15'))}
      ${table('fee', 'base', '<informationRequirement id="ir"><requiredDecision href="#base" /></informationRequirement>', rule('f1', '&gt;= 30', 'base * 1000000') + rule('f2', '&lt; 30', 'base * 500000'))}
    </definitions>`;
    const xml = model('drg', `<bpmn:startEvent id="start" /><bpmn:businessRuleTask id="price"><bpmn:extensionElements><zeebe:calledDecision decisionId="fee" resultVariable="fee" /></bpmn:extensionElements></bpmn:businessRuleTask><bpmn:endEvent id="end" />${chain('start', 'price', 'end')}`);
    expect((await run(xml, { dmn: [dmn], variables: { category: 'soc' } })).variables.fee).toBe(35000000);
    expect((await run(xml, { dmn: [dmn], variables: { category: 'training' } })).variables.fee).toBe(7500000);
  });
});

describe('engine - what Camunda 8 runs beyond the strict subset: uncontrolled flow, implicit ends, conditions on activity flows', () => {
  it('a task with two outgoing flows starts two parallel paths (an implicit split)', async () => {
    const xml = model('implicit-split', `<bpmn:startEvent id="start" />${scriptTask('split', '1', 'x')}${scriptTask('left', '"l"', 'l')}${scriptTask('right', '"r"', 'r')}
      <bpmn:endEvent id="end-left" /><bpmn:endEvent id="end-right" />${chain('start', 'split', 'left', 'end-left')}${flow('f-split-right', 'split', 'right')}${chain('right', 'end-right')}`);
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(expect.arrayContaining(['left', 'right', 'end-left', 'end-right']));
    expect(report.variables).toMatchObject({ l: 'l', r: 'r' });
  });

  it('conditional flows leaving a task: every flow whose condition holds, the default flow when none does', async () => {
    const xml = (value: number) => model('activity-conditions', `<bpmn:startEvent id="start" />
      <bpmn:scriptTask id="measure" default="f-small"><bpmn:extensionElements><zeebe:script expression="=${value}" resultVariable="x" /></bpmn:extensionElements></bpmn:scriptTask>
      <bpmn:endEvent id="big" /><bpmn:endEvent id="positive" /><bpmn:endEvent id="small" />
      ${chain('start', 'measure')}${flow('f-big', 'measure', 'big', 'x > 10')}${flow('f-positive', 'measure', 'positive', 'x > 0')}${flow('f-small', 'measure', 'small')}`);
    const both = await run(xml(50));
    expect(both.state).toBe('completed');
    expect(both.completed).toEqual(expect.arrayContaining(['big', 'positive']));
    expect(both.completed).not.toContain('small');
    const none = await run(xml(-1));
    expect(none.completed).toContain('small');
    expect(none.completed).not.toContain('big');
  });

  it('a path that reaches a task without outgoing flows ends there, and a process without end events completes (implicit ends)', async () => {
    const xml = model('implicit-end', `<bpmn:startEvent id="start" />
      <bpmn:subProcess id="inner"><bpmn:startEvent id="in-start" />${scriptTask('in-last', '2', 'y')}${chain('in-start', 'in-last')}</bpmn:subProcess>
      ${scriptTask('last', 'y + 1', 'z')}${chain('start', 'inner', 'last')}`);
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'in-start', 'in-last', 'inner', 'last']);
    expect(report.variables).toMatchObject({ y: 2, z: 3 });
  });
});
