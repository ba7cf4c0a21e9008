import type { EventTrigger, TimerSpec, ValueSource } from '../workflows/graph/types';
import { definitionType, eventDefinition, expressionBody, isCatchEvent, linkName, messageOf, timerValues } from './events';
import { publishes, workingDays } from './ito';
import { child, text, type ModdleElement } from './moddle';
import { optional, present } from './optional';
import type { ProcessView } from './process-view';
import { feelBody, subscriptionKeys, toValueSource } from './zeebe';

type MessageTrigger = Extract<EventTrigger, { type: 'message' }>;

/**
 * The trigger of an event that passed the rules, or undefined for a none event.
 */
export function toTrigger(view: ProcessView, node: ModdleElement): EventTrigger | undefined {
  const definition = eventDefinition(node);
  if (!definition) return undefined;
  const type = definitionType(definition);
  switch (type) {
    case 'message':
      return toMessageTrigger(node);
    case 'timer':
      return { type, timer: toTimer(node, definition) };
    case 'signal':
      return { type, signalName: referencedName(definition, 'signalRef', 'name') ?? '' };
    case 'error':
      return { type, ...optional('errorCode', referencedName(definition, 'errorRef', 'errorCode')) };
    case 'escalation':
      return { type, ...optional('escalationCode', referencedName(definition, 'escalationRef', 'escalationCode')) };
    case 'conditional':
      return { type, condition: feelBody(expressionBody(definition, 'condition') ?? '') };
    case 'link':
      return { type, linkName: linkName(node) ?? '', ...optional('linkTarget', linkTargetOf(view, node)) };
    case 'terminate':
      return { type };
    case 'compensation': {
      const activity = node.$type === 'bpmn:BoundaryEvent' ? undefined : child(definition, 'activityRef');
      return { type, ...optional('activityRef', activity?.id) };
    }
    default:
      throw new Error(`compiler bug: ${definition.$type} on ${node.id ?? node.$type} passed the rules`);
  }
}

/**
 * A message event, send task or receive task: catches correlate on the message's
 * zeebe:subscription key, throws publish with the key and time to live of ito:publish.
 */
export function toMessageTrigger(node: ModdleElement): MessageTrigger {
  const message = messageOf(node);
  const name = message ? text(message, 'name') : undefined;
  const trigger: MessageTrigger = { type: 'message', messageName: toValueSource(name ?? '') };
  const catching = isCatchEvent(node) || node.$type === 'bpmn:ReceiveTask';
  if (catching) {
    const key = message ? present(subscriptionKeys(message)[0]) : undefined;
    return { ...trigger, ...optional('correlationKey', key === undefined ? undefined : toValueSource(key)) };
  }
  const publish = publishes(node)[0];
  const key = present(publish?.correlationKey);
  return {
    ...trigger,
    ...optional('correlationKey', key === undefined ? undefined : toValueSource(key)),
    ...optional('timeToLive', present(publish?.timeToLive)),
  };
}


// helpers //////////

function toTimer(node: ModdleElement, definition: ModdleElement): TimerSpec {
  const [{ kind, body }] = timerValues(definition);
  const value: ValueSource = toValueSource(body);
  return { kind, value, ...optional('workingDayCalendar', present(workingDays(node)[0]?.calendar)) };
}

/** A property of the root element (bpmn:Signal, bpmn:Error, bpmn:Escalation) a definition refers to. */
function referencedName(definition: ModdleElement, reference: string, property: string): string | undefined {
  const target = child(definition, reference);
  return target ? present(text(target, property)) : undefined;
}

function linkTargetOf(view: ProcessView, node: ModdleElement): string | undefined {
  if (node.$type !== 'bpmn:IntermediateThrowEvent') return undefined;
  return view.successors(node).find((n) => n.$type === 'bpmn:IntermediateCatchEvent')?.id;
}
