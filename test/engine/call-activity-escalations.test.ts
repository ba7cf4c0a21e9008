/**
 * Escalations across call activities (BPMN 2.0 §10.5.6, Camunda 8) on the real engine: an
 * escalation that no element of a called process catches is thrown again at the call activity in
 * the calling process — its boundary events first, then the enclosing scopes' event sub-processes —
 * and further up when the caller is itself called. An interrupting catcher cancels the called
 * instance; otherwise the called instance goes on. Each test names the behaviour it protects.
 */
import type { Client } from '@temporalio/client';
import { runModel, type RunOptions, type RunReport } from '../../scripts/lib/model-runner';
import { getStateQuery } from '../../workflows/messages';
import { chain, model, scriptTask, userTask } from '../support/bpmn-models';
import { recordHistory, testConfig, useRunningProduct } from '../support/harness';

const product = useRunningProduct();

jest.setTimeout(60_000);

/** Completed runs (caller and the called instances named) are kept for the replay tests, as in engine-semantics. */
async function run(xml: string, children: Record<string, string> = {}, options: Omit<RunOptions, 'xml' | 'taskQueue'> = {}): Promise<RunReport> {
  const report = await runModel(product.stack.db, product.stack.client, { xml, taskQueue: testConfig().temporal.taskQueue, idleTimeoutMs: 3000, ...options });
  const processId = /<bpmn:process id="([^"]+)"/.exec(xml)?.[1];
  if (report.state === 'completed' && report.trackingNumber) {
    await recordHistory(product.stack.client, report.trackingNumber, `engine.${processId}`);
    for (const [suffix, name] of Object.entries(children)) await recordHistory(product.stack.client, `${report.trackingNumber}.${suffix}`, `engine.${name}`);
  }
  return report;
}

/** A file with the calling process (first, the one started) and the called processes after it. */
function withCalled(caller: string, called: Record<string, string>): string {
  const processes = Object.entries(called).map(([id, body]) => `<bpmn:process id="${id}" isExecutable="true">${body}</bpmn:process>`);
  return caller.replace('</bpmn:definitions>', `${processes.join('\n')}</bpmn:definitions>`);
}

const callActivity = (id: string, processId: string) =>
  `<bpmn:callActivity id="${id}"><bpmn:extensionElements><zeebe:calledElement processId="${processId}" /></bpmn:extensionElements></bpmn:callActivity>`;
const escalationThrow = (id: string, ref: string) =>
  `<bpmn:intermediateThrowEvent id="${id}"><bpmn:escalationEventDefinition escalationRef="${ref}" /></bpmn:intermediateThrowEvent>`;
const escalationBoundary = (id: string, host: string, ref: string | undefined, interrupting: boolean) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${host}" cancelActivity="${interrupting}"><bpmn:escalationEventDefinition${ref ? ` escalationRef="${ref}"` : ''} /></bpmn:boundaryEvent>`;
const ESCALATIONS = '<bpmn:escalation id="needsSupervisor" name="Needs supervisor" escalationCode="SUPERVISOR" /><bpmn:escalation id="other" name="Other" escalationCode="OTHER" />';

async function workflowStatus(client: Client, workflowId: string): Promise<string> {
  return (await client.workflow.getHandle(workflowId).describe()).status.name;
}

/** The elements a (finished) instance completed, from its state query. */
async function completedIn(client: Client, workflowId: string): Promise<string[]> {
  const state = await client.workflow.getHandle(workflowId).query(getStateQuery);
  return state.completed.map((step) => step.elementId);
}

describe('engine - escalations across call activities', () => {
  it('an escalation the called process does not catch is caught by the interrupting escalation boundary event on the call activity: the called instance is cancelled', async () => {
    const xml = withCalled(
      model(
        'esc-call-interrupt',
        `<bpmn:startEvent id="start" />
         ${callActivity('call', 'esc-callee-interrupt')}
         ${escalationBoundary('caught', 'call', 'needsSupervisor', true)}
         ${scriptTask('handle', 'true', 'handled')}
         <bpmn:endEvent id="end" /><bpmn:endEvent id="escalated" />
         ${chain('start', 'call', 'end')}${chain('caught', 'handle', 'escalated')}`,
        ESCALATIONS,
      ),
      {
        'esc-callee-interrupt': `<bpmn:startEvent id="cStart" />
          ${escalationThrow('raise', 'needsSupervisor')}
          ${scriptTask('childGoesOn', 'true', 'childWentOn')}
          <bpmn:endEvent id="cEnd" />
          ${chain('cStart', 'raise', 'childGoesOn', 'cEnd')}`,
      },
    );
    const report = await run(xml, { 'call-1': 'esc-callee-interrupt' });
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'caught', 'handle', 'escalated']);
    expect(report.variables).toMatchObject({ handled: true });
    expect(report.variables).not.toHaveProperty('childWentOn');
    const child = `${report.trackingNumber}.call-1`;
    expect(await workflowStatus(product.stack.client, child)).toBe('CANCELLED');
    expect(await completedIn(product.stack.client, child)).toEqual(['cStart']); // the throw never went on
  });

  it('a non-interrupting escalation boundary event on the call activity starts its path while the called instance goes on to its end; a specific code wins over a catch-all', async () => {
    const xml = withCalled(
      model(
        'esc-call-non-interrupting',
        `<bpmn:startEvent id="start" />
         ${callActivity('call', 'esc-callee-goes-on')}
         ${escalationBoundary('notify', 'call', 'needsSupervisor', false)}
         ${escalationBoundary('anyEscalation', 'call', undefined, true)}
         ${scriptTask('supervisor', 'true', 'supervised')}
         <bpmn:endEvent id="end" /><bpmn:endEvent id="notified" /><bpmn:endEvent id="aborted" />
         ${chain('start', 'call', 'end')}${chain('notify', 'supervisor', 'notified')}${chain('anyEscalation', 'aborted')}`,
        ESCALATIONS,
      ),
      {
        'esc-callee-goes-on': `<bpmn:startEvent id="cStart" />
          ${escalationThrow('raise', 'needsSupervisor')}
          ${userTask('childReview')}
          <bpmn:endEvent id="cEnd" />
          ${chain('cStart', 'raise', 'childReview', 'cEnd')}`,
      },
    );
    const report = await run(xml, { 'call-1': 'esc-callee-goes-on' }, { complete: { childReview: { childDecision: 'ok' } } });
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(expect.arrayContaining(['start', 'notify', 'supervisor', 'notified', 'call', 'end']));
    expect(report.completed).not.toContain('anyEscalation');
    expect(report.variables).toMatchObject({ supervised: true, childDecision: 'ok' });
    const child = `${report.trackingNumber}.call-1`;
    expect(await workflowStatus(product.stack.client, child)).toBe('COMPLETED');
    expect(await completedIn(product.stack.client, child)).toEqual(['cStart', 'raise', 'childReview', 'cEnd']);
  });

  it('an escalation caught neither in the called process nor in the caller is no failure: both instances complete normally (a boundary event for another code does not catch it)', async () => {
    const xml = withCalled(
      model(
        'esc-call-uncaught',
        `<bpmn:startEvent id="start" />
         ${callActivity('call', 'esc-callee-uncaught')}
         ${escalationBoundary('otherCode', 'call', 'other', true)}
         <bpmn:endEvent id="end" /><bpmn:endEvent id="wrong" />
         ${chain('start', 'call', 'end')}${chain('otherCode', 'wrong')}`,
        ESCALATIONS,
      ),
      {
        'esc-callee-uncaught': `<bpmn:startEvent id="cStart" />
          ${escalationThrow('raise', 'needsSupervisor')}
          ${scriptTask('childGoesOn', 'true', 'childWentOn')}
          <bpmn:endEvent id="raiseEnd"><bpmn:escalationEventDefinition escalationRef="needsSupervisor" /></bpmn:endEvent>
          ${chain('cStart', 'raise', 'childGoesOn', 'raiseEnd')}`,
      },
    );
    const report = await run(xml, { 'call-1': 'esc-callee-uncaught' });
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'call', 'end']);
    expect(report.variables).toMatchObject({ childWentOn: true });
    const child = `${report.trackingNumber}.call-1`;
    expect(await workflowStatus(product.stack.client, child)).toBe('COMPLETED');
    expect(await completedIn(product.stack.client, child)).toEqual(['cStart', 'raise', 'childGoesOn', 'raiseEnd']);
  });

  it('an interrupting escalation event sub-process of the caller catches an escalation end event of the called process and replaces the rest of the caller', async () => {
    const xml = withCalled(
      model(
        'esc-call-esp',
        `<bpmn:startEvent id="start" />
         ${callActivity('call', 'esc-callee-end')}
         <bpmn:endEvent id="end" />
         ${chain('start', 'call', 'end')}
         <bpmn:subProcess id="onEscalation" triggeredByEvent="true">
           <bpmn:startEvent id="escStart"><bpmn:escalationEventDefinition escalationRef="needsSupervisor" /></bpmn:startEvent>
           ${scriptTask('handle', 'true', 'handled')}
           <bpmn:endEvent id="escEnd" />
           ${chain('escStart', 'handle', 'escEnd')}
         </bpmn:subProcess>`,
        ESCALATIONS,
      ),
      {
        'esc-callee-end': `<bpmn:startEvent id="cStart" />
          ${scriptTask('childWork', 'true', 'childWorked')}
          <bpmn:endEvent id="raiseEnd"><bpmn:escalationEventDefinition escalationRef="needsSupervisor" /></bpmn:endEvent>
          ${chain('cStart', 'childWork', 'raiseEnd')}`,
      },
    );
    const report = await run(xml, { 'call-1': 'esc-callee-end' });
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'escStart', 'handle', 'escEnd', 'onEscalation']);
    expect(report.variables).toMatchObject({ handled: true });
    expect(report.variables).not.toHaveProperty('childWorked'); // the cancelled call maps nothing back
    expect(await workflowStatus(product.stack.client, `${report.trackingNumber}.call-1`)).toBe('CANCELLED');
  });

  it('an escalation crosses two call activities when the middle process does not catch it: the top caller interrupts, and both called instances stop before going on', async () => {
    const xml = withCalled(
      model(
        'esc-call-nested',
        `<bpmn:startEvent id="start" />
         ${callActivity('callMiddle', 'esc-middle')}
         ${escalationBoundary('caught', 'callMiddle', undefined, true)}
         <bpmn:endEvent id="end" /><bpmn:endEvent id="escalated" />
         ${chain('start', 'callMiddle', 'end')}${chain('caught', 'escalated')}`,
        ESCALATIONS,
      ),
      {
        'esc-middle': `<bpmn:startEvent id="mStart" />
          ${callActivity('callBottom', 'esc-bottom')}
          ${escalationBoundary('otherCode', 'callBottom', 'other', true)}
          <bpmn:endEvent id="mEnd" /><bpmn:endEvent id="wrong" />
          ${chain('mStart', 'callBottom', 'mEnd')}${chain('otherCode', 'wrong')}`,
        'esc-bottom': `<bpmn:startEvent id="bStart" />
          ${escalationThrow('raise', 'needsSupervisor')}
          ${scriptTask('bottomGoesOn', 'true', 'bottomWentOn')}
          <bpmn:endEvent id="bEnd" />
          ${chain('bStart', 'raise', 'bottomGoesOn', 'bEnd')}`,
      },
    );
    const report = await run(xml, { 'callMiddle-1': 'esc-middle', 'callMiddle-1.callBottom-1': 'esc-bottom' });
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'caught', 'escalated']);
    const middle = `${report.trackingNumber}.callMiddle-1`;
    const bottom = `${middle}.callBottom-1`;
    expect(await workflowStatus(product.stack.client, middle)).toBe('CANCELLED');
    // the middle instance ends only once its own called instance has finished cancelling
    expect(await workflowStatus(product.stack.client, bottom)).toBe('CANCELLED');
    expect(await completedIn(product.stack.client, bottom)).toEqual(['bStart']); // the throw never went on
  });
});
