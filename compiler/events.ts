import type { TriggerType } from '../workflows/graph/types';
import { child, children, text, type ModdleElement } from './moddle';
import { describe } from './problem';

/** Reading BPMN event definitions: which trigger an event has and whether this engine runs it there. */

/** What an event definition is; cancel is read only to be rejected. */
export type DefinitionType = TriggerType | 'cancel';

const DEFINITION_TYPES: Readonly<Record<string, DefinitionType>> = {
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:ConditionalEventDefinition': 'conditional',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:CompensateEventDefinition': 'compensation',
  'bpmn:CancelEventDefinition': 'cancel',
};

/** The triggers (and `none`) each kind of event may carry, as BPMN 2.0 table 10.93/10.94 allow them. */
const ALLOWED: Readonly<Record<string, ReadonlyArray<TriggerType | 'none'>>> = {
  'bpmn:StartEvent': ['none', 'message', 'timer', 'signal', 'conditional', 'error', 'escalation'],
  'bpmn:EndEvent': ['none', 'message', 'signal', 'error', 'escalation', 'terminate', 'compensation'],
  'bpmn:IntermediateThrowEvent': ['none', 'message', 'signal', 'escalation', 'link', 'compensation'],
  'bpmn:IntermediateCatchEvent': ['message', 'timer', 'signal', 'conditional', 'link'],
  'bpmn:BoundaryEvent': ['message', 'timer', 'signal', 'error', 'escalation', 'conditional', 'compensation'],
};

export function isEvent(node: ModdleElement): boolean {
  return node.$type in ALLOWED;
}

/** Event definitions given inline or by reference to a global definition. */
export function eventDefinitions(node: ModdleElement): ModdleElement[] {
  return [...children(node, 'eventDefinitions'), ...children(node, 'eventDefinitionRef')];
}

/** The event's single definition, or undefined for a none event. */
export function eventDefinition(node: ModdleElement): ModdleElement | undefined {
  return eventDefinitions(node)[0];
}

export function definitionType(definition: ModdleElement): DefinitionType | undefined {
  return DEFINITION_TYPES[definition.$type];
}

/** The trigger of an event the engine can run, `none` for a none event, undefined otherwise. */
export function triggerType(node: ModdleElement): TriggerType | 'none' | undefined {
  if (!isEvent(node) || unsupportedEventReason(node) !== undefined) return undefined;
  const definition = eventDefinition(node);
  return definition ? (definitionType(definition) as TriggerType) : 'none';
}

/**
 * Why this engine cannot run the event as modelled (a message naming it), or undefined. Covers
 * what is unsupported or invalid whatever the event's position; rules check the rest.
 */
export function unsupportedEventReason(node: ModdleElement): string | undefined {
  const allowed = ALLOWED[node.$type];
  if (!allowed) return undefined;
  const definitions = eventDefinitions(node);
  if (definitions.length > 1) {
    const what = definitions.map((d) => `<${d.$type} />`).join(', ');
    return `${describe(node)} has several event definitions (${what}); multiple events are not supported by this engine yet`;
  }
  if (node.parallelMultiple === true) return `parallel multiple event ${describe(node)} is not supported by this engine yet`;
  const definition = definitions[0];
  const type = definition ? definitionType(definition) : 'none';
  const what = definition ? `${describe(node)} with <${definition.$type} />` : describe(node);
  if (type === 'compensation' && node.$type === 'bpmn:StartEvent') {
    // Zeebe (8.5+) runs compensation handlers attached by boundary events only
    return `${what} (a compensation event sub-process) is not supported by this engine; attach the compensation handler to the activity with a compensation boundary event`;
  }
  if (type === undefined || type === 'cancel') return `${what} is not supported by this engine yet`;
  if (!allowed.includes(type)) {
    return type === 'none' ? `${describe(node)} has no event definition; it would wait for nothing` : `${what} is not valid bpmn: a ${type} trigger cannot be used on this kind of event`;
  }
  if (node.$type === 'bpmn:BoundaryEvent' && type === 'error' && node.cancelActivity === false) {
    return `non-interrupting error boundary event ${describe(node)} is not supported by this engine yet; errors always interrupt`;
  }
  return undefined;
}

/** Whether a catch event waits (start, intermediate catch, boundary) rather than throws. */
export function isCatchEvent(node: ModdleElement): boolean {
  return node.$type === 'bpmn:StartEvent' || node.$type === 'bpmn:IntermediateCatchEvent' || node.$type === 'bpmn:BoundaryEvent';
}

/** The bpmn:Message of a message event (its definition's messageRef) or of a send or receive task. */
export function messageOf(node: ModdleElement): ModdleElement | undefined {
  if (node.$type === 'bpmn:SendTask' || node.$type === 'bpmn:ReceiveTask') return child(node, 'messageRef');
  const definition = eventDefinition(node);
  return definition ? child(definition, 'messageRef') : undefined;
}

/** The name of a link event, trimmed; undefined when it has none. */
export function linkName(node: ModdleElement): string | undefined {
  const definition = eventDefinition(node);
  if (!definition || definitionType(definition) !== 'link') return undefined;
  return text(definition, 'name')?.trim() || undefined;
}

export type TimerKind = 'duration' | 'date' | 'cycle';

/** The timer expressions present on a timer event definition, in BPMN attribute order. */
export function timerValues(definition: ModdleElement): Array<{ kind: TimerKind; body: string }> {
  const values: Array<{ kind: TimerKind; body: string }> = [];
  for (const [property, kind] of [['timeDuration', 'duration'], ['timeDate', 'date'], ['timeCycle', 'cycle']] as const) {
    const expression = child(definition, property);
    if (expression) values.push({ kind, body: text(expression, 'body') ?? '' });
  }
  return values;
}

/** The body of a bpmn:Expression child (conditions, loop conditions, completion conditions). */
export function expressionBody(element: ModdleElement, property: string): string | undefined {
  const expression = child(element, property);
  return expression ? (text(expression, 'body') ?? '') : undefined;
}
