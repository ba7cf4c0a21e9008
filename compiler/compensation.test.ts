import { compileBpmn } from './index';
import { bpmn, errorsOf, flows } from './test-support';

/** Compensation (Zeebe 8.5+): what compiles into the graph, and the models rules/compensation.ts refuses. */

const script = (id: string, attributes = '', value = `"${id}"`) =>
  `<bpmn:scriptTask id="${id}" ${attributes}><bpmn:extensionElements><zeebe:script expression="=${value.replace(/"/g, '&quot;')}" resultVariable="r_${id.replace(/-/g, '_')}" /></bpmn:extensionElements></bpmn:scriptTask>`;
const compensationBoundary = (id: string, host: string) => `<bpmn:boundaryEvent id="${id}" attachedToRef="${host}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>`;
const association = (id: string, source: string, target: string) => `<bpmn:association id="${id}" associationDirection="One" sourceRef="${source}" targetRef="${target}" />`;
const compensationThrow = (id: string, activityRef?: string) =>
  `<bpmn:intermediateThrowEvent id="${id}"><bpmn:compensateEventDefinition ${activityRef ? `activityRef="${activityRef}"` : ''} /></bpmn:intermediateThrowEvent>`;

/** start → a (undone by undo-a) → b (undone by undo-b) → throw → end, with `extra` elements beside them. */
function model(options: { throwEvent?: string; extra?: string; extraFlows?: Array<[string, string, string]> } = {}): string {
  return bpmn(`
    <bpmn:startEvent id="start" />
    ${script('a')}
    ${compensationBoundary('a-undo', 'a')}
    ${script('undo-a', 'isForCompensation="true"')}
    ${script('b')}
    ${compensationBoundary('b-undo', 'b')}
    ${script('undo-b', 'isForCompensation="true"')}
    ${options.throwEvent ?? compensationThrow('compensate')}
    <bpmn:endEvent id="end" />
    ${options.extra ?? ''}
    ${flows(['f1', 'start', 'a'], ['f2', 'a', 'b'], ['f3', 'b', 'compensate'], ['f4', 'compensate', 'end'], ...(options.extraFlows ?? []))}
    ${association('as-a', 'a-undo', 'undo-a')}
    ${association('as-b', 'b-undo', 'undo-b')}`);
}

async function graphOf(xml: string) {
  const result = await compileBpmn(xml);
  if (!result.ok) throw new Error(`expected to compile: ${JSON.stringify(result.problems, null, 2)}`);
  return result.processes[0].graph;
}

describe('compiler - compensation', () => {
  it('compiles a compensation boundary event into the handler of its activity, and the handler and throw event', async () => {
    const graph = await graphOf(model());
    expect(graph.elements.a).toMatchObject({ compensationHandler: 'undo-a', boundaryEventIds: ['a-undo'] });
    expect(graph.elements['undo-a']).toMatchObject({ kind: 'scriptTask', forCompensation: true, incoming: [], outgoing: [] });
    expect(graph.elements['a-undo']).toMatchObject({ kind: 'boundaryEvent', attachedTo: 'a', trigger: { type: 'compensation' } });
    expect(graph.elements.compensate).toStrictEqual({ id: 'compensate', kind: 'intermediateThrowEvent', incoming: ['f3'], outgoing: ['f4'], properties: {}, trigger: { type: 'compensation' } });
  });

  it('compiles a throw naming one activity, and a compensation end event', async () => {
    const graph = await graphOf(model({ throwEvent: compensationThrow('compensate', 'a') }));
    expect(graph.elements.compensate).toMatchObject({ trigger: { type: 'compensation', activityRef: 'a' } });
    const endingXml = model({ throwEvent: '<bpmn:endEvent id="compensate"><bpmn:compensateEventDefinition /></bpmn:endEvent>' })
      .replace('<bpmn:sequenceFlow id="f4" sourceRef="compensate" targetRef="end" />', '')
      .replace('<bpmn:endEvent id="end" />', '');
    const ending = await graphOf(endingXml);
    expect(ending.elements.compensate).toMatchObject({ kind: 'endEvent', trigger: { type: 'compensation' } });
  });

  it('compiles handlers inside a sub-process, whose association the sub-process holds', async () => {
    const graph = await graphOf(
      bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="sub-start" />
        ${script('inner')}
        ${compensationBoundary('inner-undo', 'inner')}
        ${script('undo-inner', 'isForCompensation="true"')}
        ${flows(['s1', 'sub-start', 'inner'])}
        ${association('as-inner', 'inner-undo', 'undo-inner')}
      </bpmn:subProcess>
      ${compensationThrow('compensate')}
      ${flows(['f1', 'start', 'sub'], ['f2', 'sub', 'compensate'])}`),
    );
    expect(graph.elements.inner).toMatchObject({ compensationHandler: 'undo-inner', parent: 'sub' });
    expect(graph.elements['undo-inner']).toMatchObject({ forCompensation: true, parent: 'sub' });
  });

  it.each([
    ['a handler with sequence flows', model({ extraFlows: [['f-in', 'a', 'undo-a']] }), 'undo-a'],
    ['a compensation boundary event without association', model().replace(association('as-a', 'a-undo', 'undo-a'), ''), 'a-undo'],
    ['a handler no compensation boundary event is associated with', model().replace(association('as-a', 'a-undo', 'undo-a'), ''), 'undo-a'],
    ['a compensation boundary event with an outgoing sequence flow', model({ extra: '<bpmn:endEvent id="after-undo" />', extraFlows: [['f-out', 'a-undo', 'after-undo']] }), 'a-undo'],
    ['two compensation boundary events on one activity', model({ extra: `${compensationBoundary('a-undo-2', 'a')}${script('undo-a-2', 'isForCompensation="true"')}${association('as-a-2', 'a-undo-2', 'undo-a-2')}` }), 'a-undo-2'],
    ['a handler with a boundary event', model({ extra: `${compensationBoundary('undo-a-undo', 'undo-a')}${script('undo-undo', 'isForCompensation="true"')}${association('as-u', 'undo-a-undo', 'undo-undo')}` }), 'undo-a'],
    ['a throw naming an activity without a compensation boundary event', model({ throwEvent: compensationThrow('compensate', 'c'), extra: `${script('c')}<bpmn:endEvent id="c-end" />`, extraFlows: [['f-c', 'start', 'c'], ['f-c-end', 'c', 'c-end']] }), 'compensate'],
    ['a throw that would not wait for its handlers', model({ throwEvent: '<bpmn:intermediateThrowEvent id="compensate"><bpmn:compensateEventDefinition waitForCompletion="false" /></bpmn:intermediateThrowEvent>' }), 'compensate'],
  ])('refuses %s', async (_label, xml, elementId) => {
    const result = await compileBpmn(xml);
    expect(errorsOf(result)).toContainEqual({ elementId, rule: 'compensation' });
  });

  it('accepts a throw in an event sub-process naming an activity of the scope the event sub-process belongs to', async () => {
    const graph = await graphOf(
      bpmn(
        `
      <bpmn:startEvent id="start" />
      ${script('a')}
      ${compensationBoundary('a-undo', 'a')}
      ${script('undo-a', 'isForCompensation="true"')}
      <bpmn:endEvent id="end" />
      <bpmn:subProcess id="on-failure" triggeredByEvent="true">
        <bpmn:startEvent id="failure-start"><bpmn:errorEventDefinition errorRef="failed" /></bpmn:startEvent>
        ${compensationThrow('compensate', 'a')}
        ${flows(['s1', 'failure-start', 'compensate'])}
      </bpmn:subProcess>
      ${flows(['f1', 'start', 'a'], ['f2', 'a', 'end'])}
      ${association('as-a', 'a-undo', 'undo-a')}`,
        undefined,
        '<bpmn:error id="failed" errorCode="failed" />',
      ),
    );
    expect(graph.elements.compensate).toMatchObject({ parent: 'on-failure', trigger: { type: 'compensation', activityRef: 'a' } });
  });

  it('refuses a throw naming an activity of another scope', async () => {
    const result = await compileBpmn(
      bpmn(`
      <bpmn:startEvent id="start" />
      ${script('a')}
      ${compensationBoundary('a-undo', 'a')}
      ${script('undo-a', 'isForCompensation="true"')}
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="sub-start" />
        ${compensationThrow('compensate', 'a')}
        ${flows(['s1', 'sub-start', 'compensate'])}
      </bpmn:subProcess>
      ${flows(['f1', 'start', 'a'], ['f2', 'a', 'sub'])}
      ${association('as-a', 'a-undo', 'undo-a')}`),
    );
    expect(errorsOf(result)).toEqual([{ elementId: 'compensate', rule: 'compensation' }]);
  });
});
