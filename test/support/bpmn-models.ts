/**
 * Small BPMN models written inline for engine tests: the process body is given as XML, wrapped in
 * definitions with the bpmn, zeebe and ito namespaces. No diagram (DI) is needed to execute.
 */
export function model(processId: string, body: string, globals = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:ito="http://ito.ir/schema/bpmn/ito/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  id="defs-${processId}" targetNamespace="http://ito.ir/test">
  ${globals}
  <bpmn:process id="${processId}" isExecutable="true">
    ${body}
  </bpmn:process>
</bpmn:definitions>`;
}

/** A sequence flow, optionally with a FEEL condition (written without the `=`). */
export function flow(id: string, source: string, target: string, condition?: string): string {
  const body = condition === undefined ? '' : `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=${escapeXml(condition)}</bpmn:conditionExpression>`;
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">${body}</bpmn:sequenceFlow>`;
}

/** Flows along a chain of element ids: a → b → c. */
export function chain(...ids: string[]): string {
  return ids.slice(1).map((id, i) => flow(`f-${ids[i]}-${id}`, ids[i], id)).join('\n');
}

export function userTask(id: string, extra = '', group = 'technical-reviewers'): string {
  return `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}" />${extra}</bpmn:extensionElements></bpmn:userTask>`;
}

export function serviceTask(id: string, type: string, extra = ''): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" />${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
}

export function scriptTask(id: string, expression: string, resultVariable: string): string {
  return `<bpmn:scriptTask id="${id}"><bpmn:extensionElements><zeebe:script expression="=${escapeXml(expression)}" resultVariable="${resultVariable}" /></bpmn:extensionElements></bpmn:scriptTask>`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
