/**
 * The process the operations tests run, in two versions laid out so bpmn-js can draw them:
 * version 1 is start → triage → review → end, where the triage gateway's other branch (to
 * `skipped`) is never taken (the diagram's completed path leaves it out); version 2 adds an intake task before the review whose due date
 * counts working days of a calendar nobody has saved yet, so an instance of version 2 stops in an
 * incident at the intake until an administrator saves that calendar and retries.
 */

/** A working-day calendar with no day off: a due date counted on it never waits for a weekend. */
export function openCalendar(id: string) {
  return { id, name: { fa: 'تقویم آزمون عملیات', en: 'Operations test calendar' }, utcOffsetMinutes: 210, weekend: [], holidays: [] };
}

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:ito="http://ito.ir/schema/bpmn/ito/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://ito.ir/bpmn/test">`;

const shape = (id: string, x: number, y: number, w: number, h: number) =>
  `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`;
const edge = (id: string, x1: number, x2: number) =>
  `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${x1}" y="118" /><di:waypoint x="${x2}" y="118" /></bpmndi:BPMNEdge>`;

const REVIEW = `<bpmn:userTask id="review" name="بررسی / Review">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="formal-reviewers" /></bpmn:extensionElements>
    </bpmn:userTask>`;

/** Version 1: start → triage → review → end; triage's conditional branch to `skipped` is never taken. */
export function operationsModelV1(key: string): string {
  return `${HEAD}
  <bpmn:process id="${key}" name="آزمون عملیات / Operations test" isExecutable="true">
    <bpmn:startEvent id="start" name="آغاز / Start" />
    <bpmn:exclusiveGateway id="triage" name="بررسی لازم است؟ / Review needed?" default="f1" />
    ${REVIEW}
    <bpmn:endEvent id="end" name="پایان / End" />
    <bpmn:endEvent id="skipped" name="بدون بررسی / Without review" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="triage" />
    <bpmn:sequenceFlow id="f1" sourceRef="triage" targetRef="review" />
    <bpmn:sequenceFlow id="skip" name="نه / No" sourceRef="triage" targetRef="skipped">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=false</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${key}">
      ${shape('start', 100, 100, 36, 36)}${shape('triage', 180, 93, 50, 50)}${shape('review', 280, 78, 100, 80)}${shape('end', 460, 100, 36, 36)}${shape('skipped', 460, 212, 36, 36)}
      ${edge('f0', 136, 180)}${edge('f1', 230, 280)}${edge('f2', 380, 460)}
      <bpmndi:BPMNEdge id="skip_di" bpmnElement="skip"><di:waypoint x="205" y="143" /><di:waypoint x="205" y="230" /><di:waypoint x="460" y="230" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** Version 2: start → intake (due in working days of `calendar`) → review → end. */
export function operationsModelV2(key: string, calendar: string): string {
  return `${HEAD}
  <bpmn:process id="${key}" name="آزمون عملیات / Operations test" isExecutable="true">
    <bpmn:startEvent id="start" name="آغاز / Start" />
    <bpmn:userTask id="intake" name="پذیرش / Intake">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="formal-reviewers" />
        <ito:taskSla dueIn="P2D" calendar="${calendar}" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    ${REVIEW}
    <bpmn:endEvent id="end" name="پایان / End" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="intake" />
    <bpmn:sequenceFlow id="f1" sourceRef="intake" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${key}">
      ${shape('start', 100, 100, 36, 36)}${shape('intake', 200, 78, 100, 80)}${shape('review', 360, 78, 100, 80)}${shape('end', 520, 100, 36, 36)}
      ${edge('f0', 136, 200)}${edge('f1', 300, 360)}${edge('f2', 460, 520)}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
