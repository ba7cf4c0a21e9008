import type { FlowNodeKind } from '../workflows/graph/types';
import { definitionType, eventDefinition, expressionBody, isCatchEvent, messageOf, timerValues } from './events';
import { publishes } from './ito';
import { child, text, type ModdleElement } from './moddle';
import { present } from './optional';
import { describe } from './problem';
import { isConditionalGateway, supportedKind, type ProcessView } from './process-view';
import {
  adHocSettings,
  assignmentDefinitions,
  calledElements,
  ioMappings,
  multiInstanceCollections,
  priorityDefinitions,
  scripts,
  subscriptionKeys,
  taskSchedules,
} from './zeebe';

/** One place in a process where the engine evaluates FEEL (form hide conditions aside). */
export interface FeelField {
  /** The element a problem with the expression is reported on. */
  element: ModdleElement;
  /** `the condition of <bpmn:SequenceFlow id="f" />`. */
  subject: string;
  /** The text as written, `=` included. */
  value: string;
  /** True when the field has no literal form and must be written `=FEEL`; else a literal is allowed. */
  feelOnly: boolean;
}

/** Every FEEL expression of the process the engine will evaluate, from the nodes it runs. */
export function feelFields(view: ProcessView): FeelField[] {
  const fields: FeelField[] = [];
  const add = (element: ModdleElement, subject: string, value: string | undefined, feelOnly = false) => fields.push(...field(element, subject, value, feelOnly));
  for (const flow of view.flows) {
    const source = child(flow, 'sourceRef');
    if (source && isConditionalGateway(source)) add(flow, `the condition of ${describe(flow)}`, expressionBody(flow, 'conditionExpression'), true);
  }
  for (const node of view.nodes) {
    const kind = supportedKind(node);
    if (!kind) continue;
    const of = describe(node);
    if (kind === 'userTask') {
      for (const { assignee, candidateGroups, candidateUsers } of assignmentDefinitions(node)) {
        add(node, `the assignee of ${of}`, assignee);
        add(node, `the candidate groups of ${of}`, candidateGroups);
        add(node, `the candidate users of ${of}`, candidateUsers);
      }
      for (const { dueDate, followUpDate } of taskSchedules(node)) {
        add(node, `the due date of ${of}`, dueDate);
        add(node, `the follow-up date of ${of}`, followUpDate);
      }
      for (const priority of priorityDefinitions(node)) add(node, `the priority of ${of}`, priority);
    }
    // script-task reports scripts that are not feel
    if (kind === 'scriptTask') for (const { expression } of scripts(node)) add(node, `the script of ${of}`, expression);
    if (kind === 'callActivity') for (const { processId } of calledElements(node)) add(node, `the called process id of ${of}`, processId);
    if (kind === 'adHocSubProcess') {
      for (const { activeElementsCollection } of adHocSettings(node)) add(node, `the active elements collection of ${of}`, present(activeElementsCollection), true);
      add(node, `the completion condition of ${of}`, present(expressionBody(node, 'completionCondition')), true);
    }
    const { inputs, outputs } = ioMappings(node);
    for (const { source, target } of inputs) add(node, `the source of input "${target ?? ''}" of ${of}`, source);
    for (const { source, target } of outputs) add(node, `the source of output "${target ?? ''}" of ${of}`, source);
    fields.push(...loopFields(node));
    fields.push(...eventFields(node, kind));
  }
  return fields;
}


// helpers //////////

/** The field, when the value is given and is (or must be) FEEL. */
function field(element: ModdleElement, subject: string, value: string | undefined, feelOnly: boolean): FeelField[] {
  if (value === undefined) return [];
  const trimmed = value.trim();
  return feelOnly || trimmed.startsWith('=') ? [{ element, subject, value: trimmed, feelOnly }] : [];
}

/** Empty loop settings count as absent, as in the graph. */
function loopFields(node: ModdleElement): FeelField[] {
  const loop = child(node, 'loopCharacteristics');
  if (!loop) return [];
  const of = describe(node);
  const fields: FeelField[] = [];
  const add = (subject: string, value: string | undefined, feelOnly: boolean) => fields.push(...field(node, subject, present(value), feelOnly));
  if (loop.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    for (const { inputCollection, outputElement } of multiInstanceCollections(loop)) {
      add(`the input collection of ${of}`, inputCollection, true);
      add(`the output element of ${of}`, outputElement, true);
    }
    add(`the loop cardinality of ${of}`, expressionBody(loop, 'loopCardinality'), false);
    add(`the completion condition of ${of}`, expressionBody(loop, 'completionCondition'), true);
  } else if (loop.$type === 'bpmn:StandardLoopCharacteristics') {
    add(`the loop condition of ${of}`, expressionBody(loop, 'loopCondition'), true);
  }
  return fields;
}

/** Timer values, message names and correlation keys, conditions of conditional events. */
function eventFields(node: ModdleElement, kind: FlowNodeKind): FeelField[] {
  const fields: FeelField[] = [];
  const of = describe(node);
  const add = (subject: string, value: string | undefined, feelOnly = false) => fields.push(...field(node, subject, value, feelOnly));
  const definition = eventDefinition(node);
  const type = definition ? definitionType(definition) : undefined;
  if (definition && type === 'timer') {
    for (const { kind: timerKind, body } of timerValues(definition)) add(`the timer ${timerKind} of ${of}`, body);
  }
  if (definition && type === 'conditional') add(`the condition of ${of}`, expressionBody(definition, 'condition'), true);
  const messaging = kind === 'sendTask' || kind === 'receiveTask' || (type === 'message' && kind !== 'serviceTask');
  if (!messaging) return fields;
  const message = messageOf(node);
  if (message) add(`the name of message ${describe(message)} used by ${of}`, text(message, 'name'));
  if (message && (isCatchEvent(node) || kind === 'receiveTask')) {
    // Camunda 8 refuses a static correlation key: each instance must name its own
    for (const key of subscriptionKeys(message)) add(`the correlation key of message ${describe(message)} used by ${of}`, key, true);
  }
  for (const { correlationKey } of publishes(node)) add(`the ito:publish correlation key of ${of}`, correlationKey);
  return fields;
}
