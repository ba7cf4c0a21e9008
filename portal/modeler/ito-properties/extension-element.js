/**
 * Reading and writing one attribute of an `ito:` extension element (inside bpmn:extensionElements)
 * as a single undoable step. The extension element is created with its first attribute and removed
 * with its last, so the XML never keeps an empty `<ito:taskSla />`.
 */
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

/** The first extension element of `type` on the element, or undefined. */
export function findExtension(element, type) {
  const extensionElements = getBusinessObject(element).get('extensionElements');
  return extensionElements ? extensionElements.get('values').find((value) => is(value, type)) : undefined;
}

export function getExtensionAttribute(element, type, name) {
  return findExtension(element, type)?.get(name) ?? '';
}

/**
 * Sets `name` of the element's `type` extension to `value` ('' or undefined removes the attribute).
 * `attributes` lists every attribute of `type`: the extension goes when none is left.
 */
export function setExtensionAttribute(injector, element, type, attributes, name, value) {
  const bpmnFactory = injector.get('bpmnFactory');
  const commandStack = injector.get('commandStack');
  const businessObject = getBusinessObject(element);
  const next = typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const commands = [];
  const update = (moddleElement, properties) => commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });

  let extensionElements = businessObject.get('extensionElements');
  const existing = findExtension(element, type);
  if (!existing) {
    if (next === undefined) return;
    if (!extensionElements) {
      extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      extensionElements.$parent = businessObject;
      update(businessObject, { extensionElements });
    }
    const created = bpmnFactory.create(type, { [name]: next });
    created.$parent = extensionElements;
    update(extensionElements, { values: [...extensionElements.get('values'), created] });
  } else if (next === undefined && attributes.every((other) => other === name || !existing.get(other))) {
    update(extensionElements, { values: extensionElements.get('values').filter((v) => v !== existing) });
  } else {
    update(existing, { [name]: next });
  }
  commandStack.execute('properties-panel.multi-command-executor', commands);
}
