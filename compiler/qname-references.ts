/**
 * QName-prefixed references (`messageRef="tns:Message_1"`). BPMN 2.0 types references as QNames, and
 * some modelers write them with a prefix bound to the file's own targetNamespace; bpmn-moddle
 * resolves only bare ids and would report such a reference as unknown. Before parsing, a prefix that
 * is bound on <definitions> to its targetNamespace is dropped from reference attributes and from
 * reference elements (`<incoming>tns:Flow_1</incoming>`). A prefix bound to any other namespace is
 * left alone: that is a reference into an imported file, which this engine does not read, and it
 * stays an unknown id. Only the prefix text is removed, so line numbers in problems stay right.
 */

/** Attributes of the BPMN and BPMNDI schemas whose values are references (QNames or IDREFs). */
const REFERENCE_ATTRIBUTES = [
  'sourceRef', 'targetRef', 'messageRef', 'signalRef', 'errorRef', 'escalationRef', 'attachedToRef', 'default',
  'processRef', 'bpmnElement', 'calledElement', 'dataObjectRef', 'dataStoreRef', 'itemSubjectRef', 'structureRef',
  'operationRef', 'implementationRef', 'inMessageRef', 'outMessageRef', 'calledDecision', 'categoryValueRef',
  'sourceElement', 'targetElement', 'definitionalCollaborationRef', 'activityRef',
];

/** Elements whose text is a reference. */
const REFERENCE_ELEMENTS = [
  'incoming', 'outgoing', 'flowNodeRef', 'sourceRef', 'targetRef', 'dataInputRefs', 'dataOutputRefs',
  'inputSetRefs', 'outputSetRefs', 'optionalInputRefs', 'optionalOutputRefs', 'whileExecutingInputRefs',
  'whileExecutingOutputRefs', 'eventDefinitionRef', 'errorRef', 'supportedInterfaceRef', 'messageFlowRef',
];

const DEFINITIONS_TAG = /<(?:[\w.-]+:)?definitions\b[^>]*>/;

/** The prefixes <definitions> binds to its own targetNamespace. */
export function ownNamespacePrefixes(xml: string): string[] {
  const tag = DEFINITIONS_TAG.exec(xml)?.[0];
  if (!tag) return [];
  const target = /\stargetNamespace\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? /\stargetNamespace\s*=\s*'([^']*)'/.exec(tag)?.[1];
  if (!target) return [];
  const prefixes: string[] = [];
  for (const m of tag.matchAll(/\sxmlns:([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if ((m[2] ?? m[3]) === target) prefixes.push(m[1]);
  }
  return prefixes;
}

/** `xml` with references prefixed by its own namespace made bare; unchanged when it binds no such prefix. */
export function unprefixOwnReferences(xml: string): string {
  const prefixes = ownNamespacePrefixes(xml);
  if (prefixes.length === 0) return xml;
  const prefix = `(?:${prefixes.map(escapeRegExp).join('|')}):`;
  const attributes = new RegExp(`(\\s(?:${REFERENCE_ATTRIBUTES.join('|')})\\s*=\\s*["'])\\s*${prefix}`, 'g');
  const elements = new RegExp(`(<(?:[\\w.-]+:)?(?:${REFERENCE_ELEMENTS.join('|')})>\\s*)${prefix}`, 'g');
  return xml.replace(attributes, '$1').replace(elements, '$1');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
