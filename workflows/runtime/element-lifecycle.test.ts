import { compileBpmn } from '../../compiler';
import type { ExecutionContext } from '../elements/context';
import type { BoundaryEventNode, ProcessGraph } from '../graph/types';
import { completeElement, leftByThrow, type CompletionHost } from './element-lifecycle';
import { Scope } from './scope';
import { Interrupt } from './throws';

/**
 * start → fork → a (with a compensation handler) → join → end, and fork → b → join, where an error
 * boundary event `failed` on b leads to `failedEnd`; `alarm` is an escalation throw event.
 */
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:error id="err" errorCode="E" />
  <bpmn:escalation id="esc" escalationCode="X" />
  <bpmn:process id="lifecycle" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:manualTask id="a" />
    <bpmn:boundaryEvent id="a-compensation" attachedToRef="a"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    <bpmn:manualTask id="undo-a" isForCompensation="true" />
    <bpmn:manualTask id="b" />
    <bpmn:boundaryEvent id="failed" attachedToRef="b"><bpmn:errorEventDefinition errorRef="err" /></bpmn:boundaryEvent>
    <bpmn:parallelGateway id="join" />
    <bpmn:intermediateThrowEvent id="alarm"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="failedEnd" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="a" />
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="b" />
    <bpmn:sequenceFlow id="f4" sourceRef="a" targetRef="join" />
    <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="join" />
    <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="alarm" />
    <bpmn:sequenceFlow id="f7" sourceRef="alarm" targetRef="end" />
    <bpmn:sequenceFlow id="f8" sourceRef="failed" targetRef="failedEnd" />
    <bpmn:association id="as-a" sourceRef="a-compensation" targetRef="undo-a" />
  </bpmn:process>
</bpmn:definitions>`;

async function setUp(): Promise<{ graph: ProcessGraph; root: Scope; host: CompletionHost; recorded: string[]; flows: string[] }> {
  const result = await compileBpmn(XML);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const graph = result.processes[0].graph;
  const recorded: string[] = [];
  const flows: string[] = [];
  const host: CompletionHost = {
    graph,
    // no element here has conditional flows or end listeners, so completing never needs a context
    context: (): ExecutionContext => {
      throw new Error('completing these elements needs no execution context');
    },
    record: (elementId) => void recorded.push(elementId),
    recordFlow: (flowId) => void flows.push(flowId),
  };
  return { graph, root: new Scope('process', 'process', 'lifecycle', undefined), host, recorded, flows };
}

describe('runtime/element-lifecycle - completing an element', () => {
  it('records a completed activity and what can be compensated at once, without a promise (no microtask turn before the token moves on)', async () => {
    const { graph, root, host, recorded } = await setUp();
    const next = completeElement(host, graph.elements.a, root, { take: ['f4'] });
    expect(next).not.toBeInstanceOf(Promise);
    expect(next).toEqual({ take: ['f4'] });
    expect(recorded).toEqual(['a']);
    expect(root.compensable).toEqual([{ elementId: 'a', handlerId: 'undo-a' }]);
  });

  it('does not complete a joining gateway for a token the join consumed', async () => {
    const { graph, root, host, recorded } = await setUp();
    expect(completeElement(host, graph.elements.join, root, { take: [] })).toEqual({ take: [] });
    expect(recorded).toEqual([]);
  });

  it('does not complete an activity its token left through an interrupting boundary event', async () => {
    const { graph, root, host, recorded } = await setUp();
    completeElement(host, graph.elements.b, root, { goto: 'failed', interrupted: true });
    expect(recorded).toEqual([]);
  });

  it('records the event an event-based gateway waited on together with the gateway', async () => {
    const { graph, root, host, recorded } = await setUp();
    completeElement(host, graph.elements.fork, root, { take: ['f2'], alsoCompleted: ['a'] });
    expect(recorded).toEqual(['fork', 'a']);
  });

  // the completed path the operations diagram draws
  it('records the flows a completing element\'s token takes, and none for a token a join consumed', async () => {
    const { graph, root, host, flows } = await setUp();
    completeElement(host, graph.elements.fork, root, { take: ['f2', 'f3'] });
    completeElement(host, graph.elements.join, root, { take: [] });
    expect(flows).toEqual(['f2', 'f3']);
  });

  it('records the flow from an event-based gateway to the event that happened, before the flows leaving that event', async () => {
    const { graph, root, host, flows } = await setUp();
    completeElement(host, graph.elements.fork, root, { take: ['f4'], alsoCompleted: ['a'] });
    expect(flows).toEqual(['f2', 'f4']);
  });

  it('counts a throw event whose throw an interrupting catcher took as completed, but not an activity whose error was caught', async () => {
    const { graph, root, host, recorded } = await setUp();
    const failed = graph.elements.failed as BoundaryEventNode;
    const catcher = { kind: 'boundary' as const, node: failed, flowScope: root, interrupting: true };
    leftByThrow(host, graph.elements.alarm, new Interrupt(catcher, { type: 'escalation', escalationCode: 'X' }, 'alarm'));
    leftByThrow(host, graph.elements.b, new Interrupt(catcher, { type: 'error', errorCode: 'E' }, 'b'));
    leftByThrow(host, graph.elements.end, new Error('not a throw'));
    expect(recorded).toEqual(['alarm']);
  });
});
