/**
 * Which start event `npm run bpmn -- run` starts: the none start event by default; a process that
 * starts only by message, signal or timer is refused by hand with the ways it can start, and the
 * --message/--signal/--timer options pick that start event.
 */
import { compileBpmn } from '../../compiler';
import { chooseStartEvent } from './model-runner';
import { model } from '../../test/support/bpmn-models';
import type { ProcessGraph } from '../../workflows/graph/types';

async function graphOf(body: string, globals = ''): Promise<ProcessGraph> {
  const result = await compileBpmn(model('starts', body, globals));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.processes[0].graph;
}

const globals = '<bpmn:message id="m" name="order-received" /><bpmn:signal id="s" name="go" />';
const triggered = `
  <bpmn:startEvent id="by-message"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
  <bpmn:startEvent id="by-signal"><bpmn:signalEventDefinition signalRef="s" /></bpmn:startEvent>
  <bpmn:startEvent id="by-timer"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f1" sourceRef="by-message" targetRef="end" /><bpmn:sequenceFlow id="f2" sourceRef="by-signal" targetRef="end" /><bpmn:sequenceFlow id="f3" sourceRef="by-timer" targetRef="end" />`;

it('starts the none start event when there is one and nothing else is asked', async () => {
  const graph = await graphOf('<bpmn:startEvent id="start" /><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" />');
  expect(chooseStartEvent(graph, undefined)).toEqual({});
});

it('refuses to start by hand a process that starts only by message, signal or timer, naming the options', async () => {
  const graph = await graphOf(triggered, globals);
  expect(chooseStartEvent(graph, {})).toEqual({ problem: 'the process has no none start event, so it is not started by hand; start it with --message order-received, --signal go, --timer' });
});

it('picks the start event the option names, and says so when there is none', async () => {
  const graph = await graphOf(triggered, globals);
  expect(chooseStartEvent(graph, { message: 'order-received' })).toEqual({ startEventId: 'by-message' });
  expect(chooseStartEvent(graph, { signal: 'go' })).toEqual({ startEventId: 'by-signal' });
  expect(chooseStartEvent(graph, { timer: true })).toEqual({ startEventId: 'by-timer' });
  expect(chooseStartEvent(graph, { message: 'nope' })).toEqual({ problem: expect.stringContaining('no message start event for message "nope"') });
});
