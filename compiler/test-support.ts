/** Helpers shared by the compiler's tests (not part of the compiler). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileBpmn, type CompileResult, type Problem } from './index';

export const FIXTURES = join(__dirname, 'fixtures');
export const DEFINITIONS = join(__dirname, '..', 'definitions');

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export async function compileFixture(name: string): Promise<CompileResult> {
  return compileBpmn(readFixture(name));
}

/** The problems of a failed compilation; fails the test if it compiled. */
export function problemsOf(result: CompileResult): Problem[] {
  if (result.ok) throw new Error(`expected the definition to be rejected, but it compiled (warnings: ${JSON.stringify(result.warnings)})`);
  return result.problems;
}

export function errorsOf(result: CompileResult): Array<Pick<Problem, 'elementId' | 'rule'>> {
  return problemsOf(result)
    .filter((p) => p.severity === 'error')
    .map(({ elementId, rule }) => ({ elementId, rule }));
}

/** Wraps process content in a definitions document with the zeebe namespace. */
export function bpmn(processBody: string, processAttributes = 'id="test-process" isExecutable="true"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="definitions-inline" targetNamespace="https://ito.gov.ir/bpmn/test">
  <bpmn:process ${processAttributes}>
${processBody}
  </bpmn:process>
</bpmn:definitions>`;
}

/** start → <element id="subject"> → end, for checks on a single element. */
export function around(element: string): string {
  return bpmn(`
    <bpmn:startEvent id="start" />
    ${element}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="subject" />
    <bpmn:sequenceFlow id="f2" sourceRef="subject" targetRef="end" />`);
}

export const ASSIGNED = '<zeebe:assignmentDefinition candidateGroups="reviewers" />';
