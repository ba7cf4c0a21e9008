import { definitionType, eventDefinition, isCatchEvent } from './events';
import { child, text, type ModdleElement } from './moddle';
import { describe } from './problem';
import { supportedKind } from './process-view';

/** Error and escalation events: both refer to a root element carrying a code. */
export interface CodedTrigger {
  type: 'error' | 'escalation';
  /** The definition's reference and the referenced element's code attribute. */
  reference: 'errorRef' | 'escalationRef';
  code: 'errorCode' | 'escalationCode';
}

export const ERROR: CodedTrigger = { type: 'error', reference: 'errorRef', code: 'errorCode' };
export const ESCALATION: CodedTrigger = { type: 'escalation', reference: 'escalationRef', code: 'escalationCode' };

/**
 * Problems (messages naming the node) with the code of an error or escalation event: a throw needs
 * a fixed code; a catch either names a code or refers to nothing and catches every one.
 */
export function codeProblems(node: ModdleElement, trigger: CodedTrigger): string[] {
  const definition = eventDefinition(node);
  if (!supportedKind(node) || !definition || definitionType(definition) !== trigger.type) return [];
  const target = child(definition, trigger.reference);
  const code = target ? text(target, trigger.code)?.trim() : undefined;
  if (isCatchEvent(node)) {
    if (target && !code) {
      return [`${describe(node)} refers to ${describe(target)}, which has no ${trigger.code}; give it one, or remove the reference to catch every ${trigger.type}`];
    }
  } else if (!target) {
    return [`${describe(node)} throws no ${trigger.type}; refer to a <bpmn:${trigger.type}> with an ${trigger.code}`];
  } else if (!code) {
    return [`${describe(node)} throws ${describe(target)}, which has no ${trigger.code}`];
  }
  if (code?.startsWith('=')) return [`the ${trigger.code} "${code}" of ${describe(node)} is a feel expression, which is not supported yet; use a fixed code`];
  return [];
}
