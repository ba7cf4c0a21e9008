import { compileBpmn } from '../../compiler';
import type { CarriedState, ProcessInput } from '../state';
import { Channels } from './channels';
import { Interpreter, type InterpreterHooks } from './interpreter';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="carried-path" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:manualTask id="a" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a" />
    <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

async function continuing(carried: CarriedState): Promise<Interpreter> {
  const result = await compileBpmn(XML);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const input: ProcessInput = {
    trackingNumber: 'RQ-14050101-AAAAAA',
    applicationId: 'app-1',
    definition: { id: 'def-1', key: 'carried-path', version: 1, sha256: '' },
    graph: result.processes[0].graph,
    variables: {},
    carried,
  };
  // constructing reads only the carried state: no hook is called
  return new Interpreter(input, new Channels(), {} as InterpreterHooks);
}

const carried = (extra: Partial<CarriedState> = {}): CarriedState => ({
  variables: {}, tokens: [], activations: {}, completed: [{ elementId: 'start', at: '2026-01-01T00:00:00.000Z' }], completers: {}, clockOffsetMs: 0, continuations: 1, ...extra,
});

describe('runtime/interpreter - the flows taken, across a hand-over', () => {
  it('continues the path the previous run carried, each flow once', async () => {
    const engine = await continuing(carried({ takenFlows: ['f1'] }));
    engine.recordFlow('f2');
    engine.recordFlow('f1');
    expect(engine.takenFlows()).toEqual(['f1', 'f2']);
  });

  it('accepts a state carried before flows were recorded (a run that continued as new on an older worker)', async () => {
    const engine = await continuing(carried());
    expect(engine.takenFlows()).toEqual([]);
  });
});
