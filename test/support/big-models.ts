/**
 * Generated BPMN files for the compile limits (issue 13): built when needed, never committed.
 */
const DEFINITIONS_OPEN = '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Generated" targetNamespace="http://ito.ir/test">';

/** `count` unconnected tasks in one executable process: the file of issue 13 had 120,000 in 2.9 MB. */
export function unconnectedTasks(count: number): string {
  const tasks = Array.from({ length: count }, (_, i) => `<bpmn:task id="T${i}"/>`).join('');
  return `${DEFINITIONS_OPEN}<bpmn:process id="flood" isExecutable="true">${tasks}</bpmn:process></bpmn:definitions>`;
}

/**
 * A model within the element limit that is still slow to compile: `count` service tasks, each with
 * `inputs` FEEL input mappings (on the project's idle machine 4,900 × 4 takes about 6 s, 4,900 × 8 about 11 s).
 */
export function slowServiceTasks(count: number, inputs: number): string {
  const mappings = Array.from({ length: inputs }, (_, j) => `<zeebe:input source="=if a${j} &gt; 1 then b + c * d else e" target="v${j}" />`).join('');
  const tasks = Array.from({ length: count }, (_, i) =>
    `<bpmn:serviceTask id="Task_${i}"><bpmn:extensionElements><zeebe:taskDefinition type="t" /><zeebe:ioMapping>${mappings}</zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>`).join('\n');
  return `${DEFINITIONS_OPEN}<bpmn:process id="slow" isExecutable="true">${tasks}</bpmn:process></bpmn:definitions>`;
}
