import type { ValueSource } from '../workflows/graph/types';
import { child, children, extensionsOfType, text, type ModdleElement } from './moddle';

/** Readers for the zeebe:* extension elements the engine executes. Rules validate, compile reads. */

export interface KeyValue {
  key?: string;
  value?: string;
}

export function taskDefinitions(node: ModdleElement): Array<{ type?: string; retries?: string }> {
  return extensionsOfType(node, 'zeebe:TaskDefinition').map((d) => ({ type: text(d, 'type'), retries: text(d, 'retries') }));
}

export function scripts(node: ModdleElement): Array<{ expression?: string; resultVariable?: string }> {
  return extensionsOfType(node, 'zeebe:Script').map((s) => ({ expression: text(s, 'expression'), resultVariable: text(s, 'resultVariable') }));
}

export const DEFAULT_RETRIES = 3;

/** Parses zeebe retries: a positive integer written in decimal digits, or undefined if invalid. */
export function parseRetries(value: string | undefined): number | undefined {
  if (value === undefined) return DEFAULT_RETRIES;
  const trimmed = value.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return undefined;
  const retries = Number(trimmed);
  return retries > 0 ? retries : undefined;
}

export function assignmentDefinitions(node: ModdleElement): Array<{ assignee?: string; candidateGroups?: string; candidateUsers?: string }> {
  return extensionsOfType(node, 'zeebe:AssignmentDefinition').map((a) => ({
    assignee: text(a, 'assignee'),
    candidateGroups: text(a, 'candidateGroups'),
    candidateUsers: text(a, 'candidateUsers'),
  }));
}

/** `"a, b,,c"` → `['a', 'b', 'c']`. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function isFeel(value: string): boolean {
  return value.trim().startsWith('=');
}

/** The FEEL text after the leading `=`. */
export function feelBody(value: string): string {
  return value.trim().slice(1).trim();
}

export function toValueSource(value: string): ValueSource {
  return isFeel(value) ? { feel: feelBody(value) } : { literal: value.trim() };
}

export function properties(node: ModdleElement): KeyValue[] {
  return extensionsOfType(node, 'zeebe:Properties').flatMap((p) =>
    children(p, 'properties').map((e) => ({ key: text(e, 'name'), value: text(e, 'value') })),
  );
}

/** zeebe:adHoc of an ad-hoc sub-process (Camunda 8.7+). */
export function adHocSettings(node: ModdleElement): Array<{ activeElementsCollection?: string; outputCollection?: string; outputElement?: string }> {
  return extensionsOfType(node, 'zeebe:AdHoc').map((a) => ({
    activeElementsCollection: text(a, 'activeElementsCollection'),
    outputCollection: text(a, 'outputCollection'),
    outputElement: text(a, 'outputElement'),
  }));
}

/** zeebe:executionListeners of a node, in model order. */
export function executionListeners(node: ModdleElement): Array<{ listener: ModdleElement; eventType?: string; type?: string; retries?: string; headers: KeyValue[] }> {
  return extensionsOfType(node, 'zeebe:ExecutionListeners').flatMap((group) =>
    children(group, 'listeners').map((listener) => {
      const headers = child(listener, 'headers');
      return {
        listener,
        eventType: text(listener, 'eventType'),
        type: text(listener, 'type'),
        retries: text(listener, 'retries'),
        headers: headers ? children(headers, 'values').map((e) => ({ key: text(e, 'key'), value: text(e, 'value') })) : [],
      };
    }),
  );
}

export function taskHeaders(node: ModdleElement): KeyValue[] {
  return extensionsOfType(node, 'zeebe:TaskHeaders').flatMap((h) =>
    children(h, 'values').map((e) => ({ key: text(e, 'key'), value: text(e, 'value') })),
  );
}

/** Builds a record from validated pairs (keys checked present and unique by the rules). */
export function toRecord(pairs: KeyValue[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { key, value } of pairs) if (key !== undefined) record[key] = value ?? '';
  return record;
}

export function formDefinitions(node: ModdleElement): Array<{ formKey?: string; formId?: string; externalReference?: string }> {
  return extensionsOfType(node, 'zeebe:FormDefinition').map((f) => ({
    formKey: text(f, 'formKey'),
    formId: text(f, 'formId'),
    externalReference: text(f, 'externalReference'),
  }));
}

export function versionTag(process: ModdleElement): string | undefined {
  const tag = extensionsOfType(process, 'zeebe:VersionTag')[0];
  const value = tag ? text(tag, 'value')?.trim() : undefined;
  return value || undefined;
}

export interface Mapping {
  source?: string;
  target?: string;
}

/** zeebe:ioMapping inputs and outputs, across every zeebe:ioMapping of the element. */
export function ioMappings(node: ModdleElement): { inputs: Mapping[]; outputs: Mapping[] } {
  const mappings = extensionsOfType(node, 'zeebe:IoMapping');
  const read = (property: string) =>
    mappings.flatMap((m) => children(m, property).map((p) => ({ source: text(p, 'source'), target: text(p, 'target') })));
  return { inputs: read('inputParameters'), outputs: read('outputParameters') };
}

/** zeebe:loopCharacteristics inside a bpmn:multiInstanceLoopCharacteristics. */
export function multiInstanceCollections(loop: ModdleElement): Array<{
  inputCollection?: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
}> {
  return extensionsOfType(loop, 'zeebe:LoopCharacteristics').map((l) => ({
    inputCollection: text(l, 'inputCollection'),
    inputElement: text(l, 'inputElement'),
    outputCollection: text(l, 'outputCollection'),
    outputElement: text(l, 'outputElement'),
  }));
}

export interface CalledElementDefinition {
  processId?: string;
  processIdExpression?: string;
  propagateAllChildVariables?: boolean;
  propagateAllParentVariables?: boolean;
  businessId?: string;
  bindingType?: string;
}

/**
 * What a call activity calls: its zeebe:calledElement extensions or, without one, the standard
 * BPMN `calledElement` attribute (a fixed process id, as other engines write it). With both, the
 * zeebe extension decides, as in Camunda 8.
 */
export function calledElements(node: ModdleElement): CalledElementDefinition[] {
  const zeebe = zeebeCalledElements(node);
  if (zeebe.length > 0) return zeebe;
  const standard = standardCalledElement(node);
  return standard === undefined ? [] : [{ processId: standard }];
}

/** The standard `calledElement` attribute of a call activity, trimmed; undefined when blank or absent. */
export function standardCalledElement(node: ModdleElement): string | undefined {
  const value = text(node, 'calledElement')?.trim();
  return value ? value : undefined;
}

export function zeebeCalledElements(node: ModdleElement): CalledElementDefinition[] {
  return extensionsOfType(node, 'zeebe:CalledElement').map((c) => ({
    processId: text(c, 'processId'),
    processIdExpression: text(c, 'processIdExpression'),
    propagateAllChildVariables: flag(c, 'propagateAllChildVariables'),
    propagateAllParentVariables: flag(c, 'propagateAllParentVariables'),
    businessId: text(c, 'businessId'),
    bindingType: text(c, 'bindingType'),
  }));
}

export function calledDecisions(node: ModdleElement): Array<{ decisionId?: string; resultVariable?: string; bindingType?: string }> {
  return extensionsOfType(node, 'zeebe:CalledDecision').map((d) => ({
    decisionId: text(d, 'decisionId'),
    resultVariable: text(d, 'resultVariable'),
    bindingType: text(d, 'bindingType'),
  }));
}

/** zeebe:subscription correlation keys of a bpmn:Message. */
export function subscriptionKeys(message: ModdleElement): Array<string | undefined> {
  return extensionsOfType(message, 'zeebe:Subscription').map((s) => text(s, 'correlationKey'));
}

export function taskSchedules(node: ModdleElement): Array<{ dueDate?: string; followUpDate?: string }> {
  return extensionsOfType(node, 'zeebe:TaskSchedule').map((s) => ({ dueDate: text(s, 'dueDate'), followUpDate: text(s, 'followUpDate') }));
}

export function priorityDefinitions(node: ModdleElement): Array<string | undefined> {
  return extensionsOfType(node, 'zeebe:PriorityDefinition').map((p) => text(p, 'priority'));
}

/** A plain variable name (no path): what result variables, input elements and collections must be. */
export function isVariableName(value: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(value);
}

function flag(element: ModdleElement, property: string): boolean | undefined {
  const value = element[property];
  return typeof value === 'boolean' ? value : undefined;
}
