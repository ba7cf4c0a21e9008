import { MAX_MODEL_ELEMENTS, countModelElements, elementLimitExceeded } from './element-count';

const BPMN_NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"';
const tasks = (n: number) => Array.from({ length: n }, (_, i) => `<bpmn:task id="T${i}" />`).join('');

describe('counting the model elements of an uploaded file before compiling it', () => {
  it('counts flow elements by their start tags, prefixed or not, and not their closing tags', () => {
    const xml = `<bpmn:definitions ${BPMN_NS}><bpmn:process id="p"><bpmn:startEvent id="S"></bpmn:startEvent>
      <userTask id="U">\n</userTask><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="U"/><bpmn:endEvent
      id="E" /></bpmn:process></bpmn:definitions>`;
    expect(countModelElements(xml, 'bpmn')).toBe(4);
  });

  it('does not count elements whose names only begin like a flow element', () => {
    const xml = `<bpmn:laneSet id="L"><zeebe:taskListener eventType="complete" /><bpmn:taskX /></bpmn:laneSet>`;
    expect(countModelElements(xml, 'bpmn')).toBe(0);
  });

  it('counts decisions and rules in DMN', () => {
    const xml = '<definitions><decision id="d" name="d"><decisionTable><rule id="r1"/><rule id="r2"></rule></decisionTable></decision></definitions>';
    expect(countModelElements(xml, 'dmn')).toBe(3);
  });

  it('names the count and the limit when a file has too many, and passes a file at the limit', () => {
    const at = `<bpmn:definitions ${BPMN_NS}><bpmn:process id="p">${tasks(MAX_MODEL_ELEMENTS)}</bpmn:process></bpmn:definitions>`;
    expect(elementLimitExceeded(at, 'bpmn')).toBeUndefined();
    const over = `<bpmn:definitions ${BPMN_NS}><bpmn:process id="p">${tasks(MAX_MODEL_ELEMENTS + 1)}</bpmn:process></bpmn:definitions>`;
    expect(elementLimitExceeded(over, 'bpmn')).toBe(`the file has ${MAX_MODEL_ELEMENTS + 1} flow elements (tasks, events, gateways, flows); the limit is ${MAX_MODEL_ELEMENTS} per file`);
  });
});
