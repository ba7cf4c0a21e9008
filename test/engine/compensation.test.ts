/**
 * Compensation on the real engine (Temporal dev server, real database), with Camunda 8 (Zeebe
 * 8.5+) semantics: a compensation throw runs the handlers of the completed activities of its scope
 * (inner ones of completed sub-processes included), waits for them, and compensates nothing twice.
 * Each model runs to its end with the runner behind `npm run bpmn -- run`.
 */
import { runModel, type RunOptions, type RunReport } from '../../scripts/lib/model-runner';
import { getStateQuery } from '../../workflows/messages';
import { chain, flow, model, scriptTask, userTask } from '../support/bpmn-models';
import { recordHistory, testConfig, useRunningProduct } from '../support/harness';

const product = useRunningProduct();
jest.setTimeout(120_000);

async function run(xml: string, options: Omit<RunOptions, 'xml' | 'taskQueue'> = {}): Promise<RunReport> {
  const report = await runModel(product.stack.db, product.stack.client, { xml, taskQueue: testConfig().temporal.taskQueue, idleTimeoutMs: 3000, ...options });
  const processId = /<bpmn:process id="([^"]+)"/.exec(xml)?.[1];
  if (report.state === 'completed' && report.trackingNumber) await recordHistory(product.stack.client, report.trackingNumber, `engine.${processId}`);
  return report;
}

/**
 * `activity` (with id `id`) and its compensation handler `undo-<id>`, a script task. Handlers run at
 * once, so each sets a variable of its own (two appending to one list would race); what ran, and in
 * which order, is read off the completed steps (`undone`).
 */
const withHandler = (id: string, activity: string) => `
  ${activity}
  <bpmn:boundaryEvent id="${id}-compensation" attachedToRef="${id}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
  <bpmn:scriptTask id="undo-${id}" isForCompensation="true"><bpmn:extensionElements><zeebe:script expression="=true" resultVariable="undone_${id.replace(/-/g, '_')}" /></bpmn:extensionElements></bpmn:scriptTask>
  <bpmn:association id="${id}-association" associationDirection="One" sourceRef="${id}-compensation" targetRef="undo-${id}" />`;
/** A script task `id` with a compensation handler (withHandler); `loop`: its loop characteristics. */
const compensable = (id: string, loop = '') =>
  withHandler(id, `<bpmn:scriptTask id="${id}"><bpmn:extensionElements><zeebe:script expression="=&quot;${id} done&quot;" resultVariable="${id.replace(/-/g, '_')}" /></bpmn:extensionElements>${loop}</bpmn:scriptTask>`);
/** The handlers that completed, in order, by the id of what they undid (and `marks` where they came). */
const undone = (report: RunReport, ...marks: string[]) =>
  report.completed.filter((id) => id.startsWith('undo-') || marks.includes(id)).map((id) => (id.startsWith('undo-') ? id.slice('undo-'.length) : id));
const compensationThrow = (id: string, activityRef?: string) =>
  `<bpmn:intermediateThrowEvent id="${id}"><bpmn:compensateEventDefinition ${activityRef ? `activityRef="${activityRef}"` : ''} /></bpmn:intermediateThrowEvent>`;
const parallelOver = (collection: string, element: string) =>
  `<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=${collection}" inputElement="${element}" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`;

describe('engine - compensation', () => {
  it('a compensation throw runs the handlers of the completed activities, latest first, and goes on once they completed; a second throw compensates nothing again', async () => {
    const xml = model(
      'compensate-all',
      `<bpmn:startEvent id="start" />${compensable('a')}${compensable('b')}
       ${compensationThrow('compensate')}${compensationThrow('compensate-again')}<bpmn:endEvent id="end" />
       ${chain('start', 'a', 'b', 'compensate', 'compensate-again', 'end')}`,
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'a', 'b', 'undo-b', 'undo-a', 'compensate', 'compensate-again', 'end']);
    expect(report.variables).toMatchObject({ undone_a: true, undone_b: true });
  });

  it('a compensation throw naming an activity (activityRef) compensates that activity only', async () => {
    const xml = model(
      'compensate-one',
      `<bpmn:startEvent id="start" />${compensable('a')}${compensable('b')}
       ${compensationThrow('compensate', 'a')}<bpmn:endEvent id="end" />
       ${chain('start', 'a', 'b', 'compensate', 'end')}`,
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(undone(report)).toEqual(['a']);
  });

  it('an activity left through an interrupting boundary event did not complete and is not compensated', async () => {
    const xml = model(
      'compensate-interrupted',
      `<bpmn:startEvent id="start" />${compensable('a')}
       ${withHandler('wait', userTask('wait'))}
       <bpmn:boundaryEvent id="late" attachedToRef="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
       ${compensationThrow('compensate')}<bpmn:endEvent id="end" /><bpmn:endEvent id="answered" />
       ${chain('start', 'a', 'wait', 'answered')}${chain('late', 'compensate', 'end')}`,
    );
    const report = await run(xml, { leaveOpen: ['wait'] });
    expect(report.state).toBe('completed');
    expect(undone(report)).toEqual(['a']);
  });

  it('a multi-instance activity is compensated once; the inner activities of a multi-instance sub-process once per completed instance', async () => {
    const xml = model(
      'compensate-multi-instance',
      `<bpmn:startEvent id="start" />${compensable('each', parallelOver('[1, 2, 3]', 'item'))}
       <bpmn:subProcess id="per-item">${parallelOver('[1, 2]', 'item')}
         <bpmn:startEvent id="item-start" />${compensable('inner')}<bpmn:endEvent id="item-end" />
         ${chain('item-start', 'inner', 'item-end')}
       </bpmn:subProcess>
       ${compensationThrow('compensate')}<bpmn:endEvent id="end" />
       ${chain('start', 'each', 'per-item', 'compensate', 'end')}`,
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(undone(report)).toEqual(['inner', 'inner', 'each']);
  });

  it('a throw after a completed sub-process compensates the activities inside it; a throw inside a sub-process only those of the sub-process', async () => {
    const xml = model(
      'compensate-sub-process',
      `<bpmn:startEvent id="start" />${compensable('outer')}
       <bpmn:subProcess id="sub">
         <bpmn:startEvent id="sub-start" />${compensable('inner')}${compensable('inner-2')}${compensationThrow('compensate-inside', 'inner-2')}<bpmn:endEvent id="sub-end" />
         ${chain('sub-start', 'inner', 'inner-2', 'compensate-inside', 'sub-end')}
       </bpmn:subProcess>
       ${scriptTask('mark', 'true', 'marked')}
       ${compensationThrow('compensate')}<bpmn:endEvent id="end" />
       ${chain('start', 'outer', 'sub', 'mark', 'compensate', 'end')}`,
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    // inside: inner-2 only; after the sub-process: what is left inside it (inner), then outer
    expect(undone(report, 'mark')).toEqual(['inner-2', 'mark', 'inner', 'outer']);
  });

  it('a compensation throw in an event sub-process compensates the completed activities of the scope the event sub-process belongs to', async () => {
    const xml = model(
      'compensate-on-error',
      `<bpmn:startEvent id="start" />${compensable('a')}
       <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="failed" /></bpmn:endEvent>
       <bpmn:subProcess id="on-failure" triggeredByEvent="true">
         <bpmn:startEvent id="failure-start"><bpmn:errorEventDefinition errorRef="failed" /></bpmn:startEvent>
         ${compensationThrow('compensate-all', 'a')}<bpmn:endEvent id="failure-end" />
         ${chain('failure-start', 'compensate-all', 'failure-end')}
       </bpmn:subProcess>
       ${chain('start', 'a', 'fail')}`,
      '<bpmn:error id="failed" name="failed" errorCode="failed" />',
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(undone(report)).toEqual(['a']);
  });

  it('a compensation end event compensates and then ends its token', async () => {
    const xml = model(
      'compensate-at-end',
      `<bpmn:startEvent id="start" />${compensable('a')}
       <bpmn:endEvent id="compensate-all"><bpmn:compensateEventDefinition /></bpmn:endEvent>
       ${chain('start', 'a', 'compensate-all')}`,
    );
    const report = await run(xml);
    expect(report.state).toBe('completed');
    expect(report.completed).toEqual(['start', 'a', 'undo-a', 'compensate-all']);
  });

  it('what can be compensated is carried across a continue-as-new', async () => {
    // enough review rounds for the history to pass the hand-over threshold (floor: 50 events) while the task waits
    const xml = model(
      'compensate-after-hand-over',
      `<bpmn:startEvent id="start" />${compensable('a')}${scriptTask('init', '0', 'round')}${userTask('review')}${scriptTask('next', 'round + 1', 'round')}
       <bpmn:exclusiveGateway id="more" default="again" />
       ${compensationThrow('compensate')}<bpmn:endEvent id="end" />
       ${chain('start', 'a', 'init', 'review', 'next', 'more')}${flow('done', 'more', 'compensate', 'round >= 12')}${flow('again', 'more', 'review')}${chain('compensate', 'end')}`,
    );
    const report = await run(xml, { continueAsNewAfterEvents: 50, thinkTimeMs: 100 });
    expect(report.state).toBe('completed');
    const state = await product.stack.client.workflow.getHandle(report.trackingNumber!).query(getStateQuery);
    expect(state.continuations).toBeGreaterThanOrEqual(1);
    expect(undone(report)).toEqual(['a']);
  });
});
