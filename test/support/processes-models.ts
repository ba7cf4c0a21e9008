/**
 * Two versions of a small process for the process pages' browser tests: version 2 renames the
 * review, adds an approval task between the review and the end, and replaces the review's flow to
 * the end (fx) by two flows (f2, f3). Both are laid out so bpmn-js can draw them.
 */
const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://ito.ir/bpmn/test">`;

const task = (id: string, name: string, group: string) =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements></bpmn:userTask>`;
const shape = (id: string, x: number, y: number, w: number, h: number) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`;
const edge = (id: string, x1: number, x2: number) => `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${x1}" y="118" /><di:waypoint x="${x2}" y="118" /></bpmndi:BPMNEdge>`;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

export function diffModelV1(key: string): string {
  return `${HEAD}
  <bpmn:process id="${key}" name="آزمون فرایندها / Processes test" isExecutable="true">
    <bpmn:startEvent id="start" name="Submitted" />
    ${task('review', 'Review', 'formal-reviewers')}
    <bpmn:endEvent id="end" name="Done" />
    ${flow('f1', 'start', 'review')}
    ${flow('fx', 'review', 'end')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${key}">
      ${shape('start', 100, 100, 36, 36)}
      ${shape('review', 200, 78, 100, 80)}
      ${shape('end', 560, 100, 36, 36)}
      ${edge('f1', 136, 200)}
      ${edge('fx', 300, 560)}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

export function diffModelV2(key: string): string {
  return `${HEAD}
  <bpmn:process id="${key}" name="آزمون فرایندها / Processes test" isExecutable="true">
    <bpmn:startEvent id="start" name="Submitted" />
    ${task('review', 'Review the file', 'formal-reviewers')}
    ${task('approve', 'Approve', 'technical-reviewers')}
    <bpmn:endEvent id="end" name="Done" />
    ${flow('f1', 'start', 'review')}
    ${flow('f2', 'review', 'approve')}
    ${flow('f3', 'approve', 'end')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${key}">
      ${shape('start', 100, 100, 36, 36)}
      ${shape('review', 200, 78, 100, 80)}
      ${shape('approve', 380, 78, 100, 80)}
      ${shape('end', 560, 100, 36, 36)}
      ${edge('f1', 136, 200)}
      ${edge('f2', 300, 380)}
      ${edge('f3', 480, 560)}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
