/** Helpers shared by the compiler's tests (not part of the compiler). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileBpmn, type CompileOptions, type CompileResult, type Problem } from './index';
import { compileDmn } from './dmn';
import { definitionDataCompileOptions } from '../activities/definition-data';

export const FIXTURES = join(__dirname, 'fixtures');
export const DEFINITIONS = join(__dirname, '..', 'definitions');

/** What a bundled definition compiles against when deployed: the decisions in definitions/decisions and the data lists. */
export async function bundledCompileOptions(): Promise<CompileOptions> {
  const decisions: NonNullable<CompileOptions['decisions']> = {};
  const dir = join(DEFINITIONS, 'decisions');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.dmn'))) {
    const compiled = await compileDmn(readFileSync(join(dir, file), 'utf8'));
    if (!compiled.ok) throw new Error(`${file} does not compile: ${JSON.stringify(compiled.problems)}`);
    for (const decision of compiled.decisions) decisions[decision.decisionId] = decision;
  }
  return { decisions, ...definitionDataCompileOptions() };
}

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

/**
 * Problems of the engine's own rules, without bpmnlint's (`bpmnlint/...`, tested in lint.test.ts):
 * the rule tests assert exact lists, and bpmnlint adds editor findings such as missing labels.
 */
export function ownProblems(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => !p.rule.startsWith('bpmnlint/'));
}

/** The errors of the engine's own rules in a failed compilation (see ownProblems). */
export function errorsOf(result: CompileResult): Array<Pick<Problem, 'elementId' | 'rule'>> {
  return ownProblems(problemsOf(result))
    .filter((p) => p.severity === 'error')
    .map(({ elementId, rule }) => ({ elementId, rule }));
}

/**
 * Wraps process content in a definitions document with the zeebe and ito namespaces; `rootElements`
 * (messages, signals, errors, escalations) go beside the process.
 */
export function bpmn(processBody: string, processAttributes = 'id="test-process" isExecutable="true"', rootElements = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:ito="http://ito.ir/schema/bpmn/ito/1.0" id="definitions-inline" targetNamespace="https://ito.gov.ir/bpmn/test">
  ${rootElements}
  <bpmn:process ${processAttributes}>
${processBody}
  </bpmn:process>
</bpmn:definitions>`;
}

/** A process with the given root elements beside it (shorthand for `bpmn` with the default process attributes). */
export function withRoots(rootElements: string, processBody: string): string {
  return bpmn(processBody, undefined, rootElements);
}

/** A bpmn:message named `name` with a zeebe:subscription correlation key when `key` is given. */
export function message(id: string, name: string, key?: string): string {
  const subscription = key === undefined ? '' : `<bpmn:extensionElements><zeebe:subscription correlationKey="${key}" /></bpmn:extensionElements>`;
  return `<bpmn:message id="${id}" name="${name}">${subscription}</bpmn:message>`;
}

/** start → <element id="subject"> → end, for checks on a single element (`rootElements` beside the process). */
export function around(element: string, rootElements = ''): string {
  return withRoots(rootElements, `
    <bpmn:startEvent id="start" />
    ${element}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="subject" />
    <bpmn:sequenceFlow id="f2" sourceRef="subject" targetRef="end" />`);
}

export const ASSIGNED = '<zeebe:assignmentDefinition candidateGroups="reviewers" />';

/** A user task that passes the rules. */
export function userTask(id: string, extensions = ''): string {
  return `<bpmn:userTask id="${id}"><bpmn:extensionElements>${ASSIGNED}${extensions}</bpmn:extensionElements></bpmn:userTask>`;
}

/** A service task run by job type `type`. */
export function serviceTask(id: string, type = 'work', extra = ''): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements>${extra}</bpmn:serviceTask>`;
}

/** `<bpmn:sequenceFlow>`s from `[id, source, target]` triples. */
export function flows(...triples: Array<[id: string, source: string, target: string]>): string {
  return triples.map(([id, source, target]) => `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`).join('\n');
}
